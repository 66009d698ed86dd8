"""Dates and the small typographic helpers of home/formatting.py, in both languages."""

import datetime

import pytest

from django.template import Context, Template
from django.utils import timezone, translation

from home.formatting import elide, format_date, format_date_range, format_long_date, single_period


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_first_of_the_month_is_1er_in_french_only():
    assert format_long_date(datetime.date(2026, 5, 1), "fr") == "1er mai 2026"
    assert format_long_date(datetime.date(2026, 5, 11), "fr") == "11 mai 2026"
    assert format_long_date(datetime.date(2026, 5, 1), "en") == "May 1, 2026"
    assert (
        format_date(local(2026, 9, 1, 9, 30), "DATETIME_FORMAT", "fr")
        == "1er septembre 2026, 9 h 30"
    )


def test_canadian_english_dates_never_the_us_way():
    assert format_date(datetime.date(2024, 1, 15), "SHORT_DATE_FORMAT", "en") == "2024-01-15"
    assert format_date(datetime.date(2024, 1, 15), "SHORT_DATE_FORMAT", "fr") == "2024-01-15"
    assert format_date(local(2026, 9, 17, 14, 0), "DATETIME_FORMAT", "en") == (
        "September 17, 2026, 2:00 p.m."
    )
    with translation.override("en"):
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"d": datetime.date(2024, 1, 15)})
        )
    assert rendered == "2024-01-15"


@pytest.mark.parametrize(
    "language, same_day, two_days",
    [
        (
            "fr",
            "1er mai 2026, 9 h 00 – 16 h 30",
            "1er mai 2026, 9 h 00 – 3 mai 2026, 12 h 00",
        ),
        (
            "en",
            "May 1, 2026, 9:00 a.m. – 4:30 p.m.",
            "May 1, 2026, 9:00 a.m. – May 3, 2026, 12:00 p.m.",
        ),
    ],
)
def test_date_range_does_not_repeat_the_date(language, same_day, two_days):
    start = local(2026, 5, 1, 9, 0)
    assert format_date_range(start, local(2026, 5, 1, 16, 30), language) == same_day
    assert format_date_range(start, local(2026, 5, 3, 12, 0), language) == two_days
    day = datetime.date(2026, 5, 1)
    assert format_date_range(day, day, language) == format_long_date(day, language)


def test_daterange_filter():
    with translation.override("fr"):
        rendered = Template("{% load quorum_dates %}{{ a|daterange:b }}").render(
            Context({"a": local(2026, 6, 1, 8, 30), "b": local(2026, 6, 1, 12, 0)})
        )
    assert rendered == "1er juin 2026, 8 h 30 – 12 h 00"


def test_a_sentence_ending_on_a_time_has_one_period():
    assert single_period("Held until May 1, 2026, 9:00 a.m.. Confirm.") == (
        "Held until May 1, 2026, 9:00 a.m. Confirm."
    )
    assert single_period("Until 5:00 p.m.") == "Until 5:00 p.m."


def test_french_elision_before_a_vowel():
    assert elide("Profil LinkedIn de Amélie Bouchard", "fr") == "Profil LinkedIn d’Amélie Bouchard"
    assert (
        elide("Nous confirmons que Alexis a assisté", "fr") == "Nous confirmons qu’Alexis a assisté"
    )
    assert elide("Profil LinkedIn de Camille Fictif", "fr") == "Profil LinkedIn de Camille Fictif"
    assert elide("Companion of Amélie", "en") == "Companion of Amélie"
