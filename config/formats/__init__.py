"""How dates read on every page, export and email: one style per language, here only.

Templates name these formats (`|date:"DATE_FORMAT"`, `"MONTH_DAY_FORMAT"`, ...) instead of
writing letters, so a date reads the same wherever she meets it. What is not set here comes
from Django's own format for the language.
"""
