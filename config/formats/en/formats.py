"""Canadian English date formats. Django's own English formats abbreviate months ("Sept. 17,
2026") and write short dates the US way (09/17/2026); Quorum writes "April 17, 2026",
"April 17, 2026, 9:30 a.m." and short dates as 2026-04-17 (French keeps "17 avril 2026")."""

DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i a"
TIME_FORMAT = "g:i a"
MONTH_DAY_FORMAT = "F j"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d g:i a"
