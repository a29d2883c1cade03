# Simplified Chinese as mainland pages write dates: 2026年11月28日, 11月28日（星期六）.
DATE_FORMAT = "Y年n月j日"  # 2026年11月28日
DATETIME_FORMAT = "Y年n月j日 H:i"  # 2026年11月28日 14:19
TIME_FORMAT = "H:i"
# A day of the year in hand: with its weekday, without the year.
MONTH_DAY_FORMAT = "n月j日（l）"  # 11月28日（星期六）
YEAR_MONTH_FORMAT = "Y年n月"  # 2026年11月
SHORT_DATE_FORMAT = "Y年n月j日"
SHORT_DATETIME_FORMAT = "Y年n月j日 H:i"
FIRST_DAY_OF_WEEK = 1  # 星期一
