"""The pieces of the staff dashboard (the Wagtail admin's home page) that the apps share.

Each app adds its own panels through Wagtail's `construct_homepage_panels` hook and queries its
own figures (`<app>/dashboard.py`). What waits for a decision is one panel that several apps fill:
each adds its rows with `add_decisions(panels, rows)`, only for the queues the user may open,
and the rows are counted when the panel is drawn. `bar_chart` turns figures into the geometry of
a bar chart drawn as inline SVG by `templates/home/admin/dashboard_bar_chart.html`."""

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.forms import Media

from wagtail.admin.ui.components import Component

DASHBOARD_MEDIA = Media(css={"all": ["css/dashboard.css"]})


class DashboardPanel(Component):
    """A dashboard panel with the dashboard's stylesheet. The project's panels come before
    Wagtail's own (pages in moderation from 210, recent edits at 250, locked pages at 300):
    decisions 50, events 60, renewals 70, billing 80."""

    order = 100

    @property
    def media(self):
        return DASHBOARD_MEDIA


@dataclass(frozen=True)
class DecisionRow:
    """One queue: what waits, how many, and the screen where staff decide."""

    label: str
    count: int
    url: str


class DecisionsPanel(DashboardPanel):
    """What waits for a decision, one row per queue the user may open."""

    order = 50
    template_name = "home/admin/dashboard_decisions.html"

    def __init__(self):
        self.sources: list[Callable[[], Iterable[DecisionRow]]] = []

    def get_context_data(self, parent_context=None):
        rows = [row for source in self.sources for row in source()]
        return {"rows": rows, "waiting": sum(row.count for row in rows)}


def add_decisions(panels: list, rows: Callable[[], Iterable[DecisionRow]]) -> None:
    """Add an app's rows (counted when the panel is drawn) to the dashboard's one
    "Waiting for a decision" panel, which the first app to add rows creates."""
    panel = next((p for p in panels if isinstance(p, DecisionsPanel)), None)
    if panel is None:
        panel = DecisionsPanel()
        panels.append(panel)
    panel.sources.append(rows)


# --- Bar chart -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int


@dataclass(frozen=True)
class Group:
    label: str
    x: float
    bars: list[Bar]


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    top: int
    bottom: int
    left: int
    groups: list[Group]
    ticks: list[Tick]


def _nice_step(maximum: Decimal) -> Decimal:
    """A round step for about four grid lines up to `maximum` (1, 2 or 5 times a power of 10)."""
    raw = maximum / 4
    power = Decimal(1)
    while power * 10 <= raw:
        power *= 10
    while power > raw and power > Decimal("0.01"):
        power /= 10
    for factor in (1, 2, 5, 10):
        if power * factor >= raw:
            return power * factor
    return power * 10


def bar_chart(
    groups: Sequence[tuple[str, Sequence[Decimal | int]]],
    *,
    label_tick: Callable[[Decimal], str] = str,
    width: int = 640,
    height: int = 240,
) -> BarChart:
    """Geometry of a grouped bar chart: one group per (label, values), one bar per series,
    a scale from zero to a round value above the largest, and its grid lines labelled with
    `label_tick`. The template draws it; the same figures go in a table beside it."""
    top, bottom, left, right = 10, 40, 80, 10
    values = [Decimal(v or 0) for _label, row in groups for v in row]
    maximum = max([*values, Decimal(0)])
    step = _nice_step(maximum) if maximum > 0 else Decimal(1)
    scale_max = step * max(1, math.ceil(maximum / step))
    plot_height = height - top - bottom
    plot_width = width - left - right
    slot = plot_width / max(len(groups), 1)
    series = max((len(row) for _label, row in groups), default=1)
    bar_width = slot * 0.8 / max(series, 1)

    def y_of(value):
        return top + plot_height - float(Decimal(value) / scale_max) * plot_height

    chart_groups = []
    for index, (label, row) in enumerate(groups):
        x = left + slot * index + slot * 0.1
        bars = [
            Bar(
                x=round(x + bar_width * n, 2),
                y=round(y_of(value or 0), 2),
                width=round(bar_width * 0.9, 2),
                height=round(top + plot_height - y_of(value or 0), 2),
                series=n,
            )
            for n, value in enumerate(row)
        ]
        chart_groups.append(Group(label=label, x=round(left + slot * (index + 0.5), 2), bars=bars))
    ticks = []
    value = Decimal(0)
    while value <= scale_max:
        ticks.append(Tick(y=round(y_of(value), 2), label=label_tick(value)))
        value += step
    return BarChart(
        width=width,
        height=height,
        top=top,
        bottom=height - bottom,
        left=left,
        groups=chart_groups,
        ticks=ticks,
    )
