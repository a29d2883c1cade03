# English as it is written in most of the world outside the US: day before month, 24-hour
# times (the times she types are 24-hour too), and weeks that start on Monday.
DATE_FORMAT = "j M Y"  # 28 Nov 2026
DATETIME_FORMAT = "j M Y, H:i"  # 28 Nov 2026, 14:19
TIME_FORMAT = "H:i"  # 14:19
# A day of the year in hand: with its weekday, without the year.
MONTH_DAY_FORMAT = "D j M"  # Sat 28 Nov
YEAR_MONTH_FORMAT = "F Y"  # November 2026
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
