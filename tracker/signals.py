"""What the tracker tells the apps above it, without importing them (they are higher layers).

Those apps connect their receivers in their AppConfig.ready(): reminders gives a new account
its default reminders, and moves them when her time zone changes.
"""

from django.dispatch import Signal

# A new account was made by signing up (the sign-up page, the demo account). Sent with
# `user`, inside the transaction that made it: a receiver's writes commit or roll back with it.
signed_up = Signal()

# Her time zone changed: whatever is timed in her local time must move with it. Sent with `user`.
time_zone_changed = Signal()
