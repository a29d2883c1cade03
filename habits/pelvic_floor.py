"""Pelvic-floor training in levels: what a session holds at each level, and the rule that moves
her up a level or steps her back. Pure content and rules over plain values, no user data:
tracker.recovery applies them to her days.

Sources (the levels are ours; the target and the way up are the guidance's):
- The target, level 5, is what NHS postnatal leaflets build up to: about ten slow squeezes held
  for 10 seconds, each followed by a rest, then ten quick squeezes, three times a day, built up
  over weeks and getting easier in about 3 to 5 months (NHS Suffolk and North East Essex
  maternity, "Pelvic floor exercises"; the NHS Squeezy app times the same programme).
- NICE NG210, Pelvic floor dysfunction: prevention and non-surgical management (December
  2021), "Pelvic floor muscle training for preventing pelvic floor dysfunction": encourage women
  who have recently given birth to do pelvic floor muscle training; when it is supervised, the
  programme is tailored to what she can do and to any discomfort. Starting lower and stepping
  back when symptoms appear (habits.recovery_rules) is that tailoring, done the same way for
  everyone; it is not supervision, and the app says so when a symptom calls for it.
- A rest at least as long as the hold, and never under 4 seconds, as the leaflets teach.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

# She moves up after about a week at her level: this many days since she reached it ...
MOVE_UP_AFTER_DAYS = 7
# ... with at least one comfortable, whole session at her level on this many of the last 7.
MOVE_UP_SESSION_DAYS = 5
# A step back is followed by at least this many days at the lower level before another: a
# symptom logged on several days running is one episode, not a fall to level 1.
STEP_BACK_AT_MOST_EVERY_DAYS = 7
SESSIONS_A_DAY = 3
# A quick squeeze: squeeze for a second, let go for a second.
QUICK_SQUEEZE_SECONDS = 1
MIN_REST_SECONDS = 4


@dataclass(frozen=True)
class Level:
    number: int
    holds: int
    hold_seconds: int
    quick_squeezes: int

    @property
    def rest_seconds(self) -> int:
        return max(self.hold_seconds, MIN_REST_SECONDS)

    @property
    def seconds(self) -> int:
        """How long a whole session takes, rests included."""
        slow = self.holds * (self.hold_seconds + self.rest_seconds)
        return slow + self.quick_squeezes * 2 * QUICK_SQUEEZE_SECONDS


LEVELS = (
    Level(1, holds=5, hold_seconds=3, quick_squeezes=5),
    Level(2, holds=6, hold_seconds=5, quick_squeezes=6),
    Level(3, holds=8, hold_seconds=6, quick_squeezes=8),
    Level(4, holds=8, hold_seconds=8, quick_squeezes=10),
    Level(5, holds=10, hold_seconds=10, quick_squeezes=10),
)
TOP_LEVEL = LEVELS[-1].number


def level(number: int) -> Level:
    """The level of this number; numbers outside the levels get the nearest one."""
    return LEVELS[min(max(number, 1), TOP_LEVEL) - 1]


def is_comfortable(session: dict) -> bool:
    """A session that counts towards moving up: all of its level's slow holds, at the level's
    length, and not marked hard."""
    plan = level(session["level"])
    return (
        session.get("effort") != "hard"
        and session["holds"] >= plan.holds
        and session["hold_seconds"] >= plan.hold_seconds
    )


@dataclass(frozen=True)
class DayOfTraining:
    """What one day says about her training: her sessions, and the reasons (if any) the rules
    found on it to step her back (habits.recovery_rules.step_back_reasons)."""

    day: date
    sessions: Sequence[dict] = ()
    step_back_reasons: Sequence[str] = ()


@dataclass(frozen=True)
class LevelChange:
    day: date
    level: int
    kind: str  # "up" or "back"
    reasons: tuple[str, ...] = ()


@dataclass
class Progress:
    """Her level now, since when, and how she got there."""

    level: int = 1
    since: date | None = None
    changes: list[LevelChange] = field(default_factory=list)
    last_step_back: date | None = None

    @property
    def plan(self) -> Level:
        return level(self.level)

    def can_step_back(self, day: date) -> bool:
        """Whether a symptom on `day` would step her back (not after a recent step back)."""
        if self.level == 1:
            return False
        recent = self.last_step_back
        return recent is None or (day - recent).days >= STEP_BACK_AT_MOST_EVERY_DAYS


def progress(days: Iterable[DayOfTraining]) -> Progress:
    """Walk her days in order: she starts at level 1 on her first session; a day with a reason
    to step back takes her down a level (once a week at most); about a week of comfortable
    sessions at her level takes her up one."""
    state = Progress()
    comfortable_days: set[date] = set()
    for entry in sorted(days, key=lambda entry: entry.day):
        if entry.step_back_reasons and state.since is not None and state.can_step_back(entry.day):
            state.level -= 1
            state.since = entry.day
            state.last_step_back = entry.day
            state.changes.append(
                LevelChange(entry.day, state.level, "back", tuple(entry.step_back_reasons))
            )
        if entry.sessions and state.since is None:
            state.since = entry.day
        if any(s["level"] >= state.level and is_comfortable(s) for s in entry.sessions):
            comfortable_days.add(entry.day)
        if moves_up(state, entry.day, comfortable_days):
            state.level += 1
            state.since = entry.day + timedelta(days=1)
            state.changes.append(LevelChange(entry.day + timedelta(days=1), state.level, "up"))
    return state


def moves_up(state: Progress, today: date, comfortable_days: set[date]) -> bool:
    """About a week at her level, done comfortably: on at least MOVE_UP_SESSION_DAYS of the
    last 7 days since she reached it."""
    if state.since is None or state.level == TOP_LEVEL:
        return False
    if (today - state.since).days + 1 < MOVE_UP_AFTER_DAYS:
        return False
    window = {today - timedelta(days=back) for back in range(MOVE_UP_AFTER_DAYS)}
    recent = {day for day in comfortable_days if day in window and day >= state.since}
    return len(recent) >= MOVE_UP_SESSION_DAYS
