import datetime
from decimal import Decimal

import pytest

from membership.title import compute_progress, cycle_bounds

D = datetime.date
RULES = {
    "to_obtain": Decimal("60"),
    "per_cycle": Decimal("30"),
    "cycle_years": 3,
    "first_cycle_start": D(2024, 1, 1),
}


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (D(2024, 1, 1), D(2024, 1, 1), D(2026, 12, 31)),
        (D(2026, 12, 31), D(2024, 1, 1), D(2026, 12, 31)),
        (D(2027, 1, 1), D(2027, 1, 1), D(2029, 12, 31)),
        (D(2023, 6, 1), D(2021, 1, 1), D(2023, 12, 31)),
    ],
)
def test_cycles_follow_one_another(today, start, end):
    assert cycle_bounds(today, first_start=D(2024, 1, 1), years=3) == (start, end)


def test_cycle_starting_on_29_february():
    assert cycle_bounds(D(2025, 3, 1), first_start=D(2024, 2, 29), years=1) == (
        D(2025, 2, 28),
        D(2026, 2, 27),
    )


def test_progress_toward_obtaining_and_remaining():
    progress = compute_progress(
        [(D(2025, 3, 1), "7"), (D(2025, 9, 1), "14")], today=D(2025, 10, 1), **RULES
    )
    assert progress.total == Decimal("21")
    assert progress.remaining_to_obtain == Decimal("39")
    assert not progress.obtained
    assert progress.obtain_percent == 35


def test_title_obtained_on_the_day_the_threshold_is_reached():
    entries = [(D(2024, 5, 1), "30"), (D(2025, 5, 1), "20"), (D(2026, 2, 1), "14")]
    progress = compute_progress(entries, today=D(2026, 3, 1), **RULES)
    assert progress.obtained_on == D(2026, 2, 1)
    assert progress.remaining_to_obtain == 0


def test_only_credits_of_the_current_cycle_count_toward_keeping_the_title():
    entries = [(D(2025, 5, 1), "40"), (D(2026, 11, 1), "21"), (D(2027, 2, 1), "7")]
    progress = compute_progress(entries, today=D(2027, 6, 1), **RULES)
    assert (progress.cycle_start, progress.cycle_end) == (D(2027, 1, 1), D(2029, 12, 31))
    assert progress.cycle_credits == Decimal("7")
    assert progress.cycle_remaining == Decimal("23")
    assert progress.obtained_on == D(2026, 11, 1)


def test_future_credits_do_not_count_yet():
    progress = compute_progress([(D(2026, 12, 1), "70")], today=D(2026, 11, 23), **RULES)
    assert progress.total == 0 and not progress.obtained and progress.cycle_percent == 0


def test_cycle_already_complete_is_capped_at_100_percent():
    progress = compute_progress([(D(2025, 1, 1), "45")], today=D(2025, 2, 1), **RULES)
    assert progress.cycle_remaining == 0 and progress.cycle_percent == 100
