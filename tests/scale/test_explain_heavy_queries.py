"""`explain_heavy_queries` loads the pages that must stay fast at scale and prints the plans of
their five slowest queries (make bench-scale runs it)."""

from io import StringIO

import pytest

from django.core.management import call_command

from scale.pages import pages

pytestmark = pytest.mark.django_db


def test_it_prints_every_page_and_five_plans(demo):
    call_command(
        "load_scale_data", members=30, invoices=120, registrations=40, events=3, stdout=StringIO()
    )
    out = StringIO()
    call_command("explain_heavy_queries", stdout=out)
    output = out.getvalue()
    for page in pages():
        assert page.name in output
    # Every page answers (no error page measured instead of the page).
    lines = [line for line in output.splitlines() if line.split(" ")[0] in ("member:", "admin:")]
    assert lines and all(" 200 " in line for line in lines), lines
    assert "directory search (Helene)" in output
    for rank in range(1, 6):
        assert f"\n#{rank} " in output
    assert "SEARCH" in output or "Index" in output  # the plans themselves
