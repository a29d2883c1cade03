"""Shared web plumbing below every app: API fields, parsers and schema hooks, pagination,
throttles, middleware, dates, time zones and weekdays. It knows nothing of the catalogue or of
users' data, so every app can build on it (README, Map)."""
