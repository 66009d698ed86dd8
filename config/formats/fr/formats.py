"""French (Quebec) date formats: "17 avril 2026", "17 avril 2026, 9 h 30", "2026-04-17" (never the
ambiguous 17/04/2026). "1er mai" is written by home.formatting (a format string cannot)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, G \\h i"
TIME_FORMAT = "G \\h i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d G \\h i"
