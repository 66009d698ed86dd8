"""Progress toward the professional title: obtaining it (total credits) and keeping it (credits
earned in the current maintenance cycle). Pure arithmetic over credit entries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def cycle_bounds(today, *, first_start, years):
    """The cycle (start, end inclusive) that contains `today`; cycles of `years` years follow
    one another from `first_start`, forward and backward."""
    index = (today.year - first_start.year) // years
    start = add_years(first_start, index * years)
    while start > today:
        index -= 1
        start = add_years(first_start, index * years)
    while add_years(first_start, (index + 1) * years) <= today:
        index += 1
        start = add_years(first_start, index * years)
    end = add_years(first_start, (index + 1) * years) - datetime.timedelta(days=1)
    return start, end


@dataclass(frozen=True)
class TitleProgress:
    total: Decimal
    to_obtain: Decimal
    obtained_on: datetime.date | None
    cycle_start: datetime.date
    cycle_end: datetime.date
    cycle_credits: Decimal
    cycle_required: Decimal

    @property
    def obtained(self):
        return self.obtained_on is not None

    @property
    def remaining_to_obtain(self):
        return max(self.to_obtain - self.total, Decimal("0"))

    @property
    def cycle_remaining(self):
        return max(self.cycle_required - self.cycle_credits, Decimal("0"))

    @property
    def obtain_percent(self):
        return _percent(self.total, self.to_obtain)

    @property
    def cycle_percent(self):
        return _percent(self.cycle_credits, self.cycle_required)


def _percent(part, whole):
    if whole <= 0:
        return 100
    return min(int(part * 100 / whole), 100)


def compute_progress(entries, *, to_obtain, per_cycle, cycle_years, first_cycle_start, today):
    """`entries` are (date, credits) pairs. Credits earned on or before `today` count."""
    entries = sorted((day, Decimal(credits)) for day, credits in entries if day <= today)
    total = Decimal("0")
    obtained_on = None
    for day, credits in entries:
        total += credits
        if obtained_on is None and total >= to_obtain:
            obtained_on = day
    start, end = cycle_bounds(today, first_start=first_cycle_start, years=cycle_years)
    cycle_credits = sum((c for day, c in entries if start <= day <= end), Decimal("0"))
    return TitleProgress(
        total=total,
        to_obtain=Decimal(to_obtain),
        obtained_on=obtained_on,
        cycle_start=start,
        cycle_end=end,
        cycle_credits=cycle_credits,
        cycle_required=Decimal(per_cycle),
    )
