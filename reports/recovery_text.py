"""Every heading and sentence of the report's recovery block, written once, of her: the PDF
(reports.export_pdf) and the share page (templates/reports/_summary.html) place them. The
figures are reports.recovery_summary's; the rules and their sources are habits'.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from habits.function_score import SMALLEST_CHANGE
from habits.pelvic_floor import TOP_LEVEL
from habits.recovery_rules import RULES, Suggestion
from habits.running_readiness import FAILED_TEST, READY, SYMPTOMS, TESTS, TOO_EARLY
from reports.recovery_summary import RecoverySummary, SessionWeek
from reports.report_phrases import NONE_SHOWN, listed, long_date, one_decimal

# What she ticked, as the report says it of her.
SYMPTOM_WORDS = {
    "leak_cough_sneeze": gettext_lazy("leaking with a cough, sneeze or laugh"),
    "leak_exercise": gettext_lazy("leaking with exercise or lifting"),
    "leak_urgency": gettext_lazy("leaking on the way to the toilet (urgency)"),
    "heaviness": gettext_lazy("heaviness or dragging"),
    "doming": gettext_lazy("tummy doming during exercise"),
    "front_pelvic_pain": gettext_lazy("pain at the front of the pelvis on walking"),
}
# What each rule suggested, of her.
SUGGESTION_WORDS = {
    "symptoms_step_back": gettext_lazy(
        "sessions stepped back a level; a pelvic-health physiotherapist suggested"
    ),
    "pain_after_new_exercise": gettext_lazy(
        "pain 2 points or more above her usual the day after a new exercise; sessions stepped "
        "back, a physiotherapist suggested if it recurs"
    ),
    "leaking_at_3_months": gettext_lazy(
        "stress leaking still there at 3 months: supervised pelvic-floor training for at least "
        "3 months suggested"
    ),
    "front_pelvic_pain": gettext_lazy(
        "front-of-pelvis pain on walking: a physiotherapist suggested"
    ),
    "tummy_gap_at_8_weeks": gettext_lazy(
        "tummy gap wider than two fingers at 8 weeks or later: a physiotherapist suggested"
    ),
    "running_test_failed": gettext_lazy(
        "a running test not passed or with symptoms: a physiotherapist suggested before running"
    ),
}
TEST_WORDS = {test.key: test.label for test in TESTS}


class RecoveryText:
    """The recovery block's words for one summary, in the language active when read."""

    heading = gettext_lazy("Recovery: pelvic floor, function and running")
    week_columns = (
        gettext_lazy("Week of"),
        gettext_lazy("Sessions"),
        gettext_lazy("Days"),
        gettext_lazy("Level"),
    )

    def __init__(self, recovery: RecoverySummary) -> None:
        self.recovery = recovery

    @property
    def shown(self) -> bool:
        return self.recovery.shown

    @property
    def sessions_line(self) -> str:
        recovery = self.recovery
        if not recovery.sessions:
            return _("Timed pelvic-floor sessions: none logged in this range.")
        return ngettext(
            "Timed pelvic-floor sessions: %(sessions)s in %(weeks)s week; level %(level)s of "
            "%(top)s at the end (level %(top)s: ten 10-second holds and ten quick squeezes, "
            "three times a day).",
            "Timed pelvic-floor sessions: %(sessions)s in %(weeks)s weeks; level %(level)s of "
            "%(top)s at the end (level %(top)s: ten 10-second holds and ten quick squeezes, "
            "three times a day).",
            len(recovery.weeks),
        ) % {
            "sessions": recovery.sessions,
            "weeks": len(recovery.weeks),
            "level": recovery.level,
            "top": TOP_LEVEL,
        }

    @staticmethod
    def week_cells(week: SessionWeek) -> list[str]:
        """Its Monday, sessions, days with one, and the level or levels she trained at."""
        levels = week.levels
        level = str(levels[0]) if len(levels) == 1 else f"{levels[0]}–{levels[-1]}"
        return [long_date(week.begins), str(week.sessions), str(week.days), level]

    @property
    def week_rows(self) -> list[list[str]]:
        return [self.week_cells(week) for week in self.recovery.weeks]

    @property
    def level_changes_line(self) -> str:
        changes = self.recovery.level_changes
        if not changes:
            return ""
        said = [
            (
                _("up to %(level)s on %(date)s")
                if change.kind == "up"
                else _("back to %(level)s on %(date)s")
            )
            % {"level": change.level, "date": long_date(change.day)}
            for change in changes
        ]
        return _("Level changes: %(changes)s.") % {"changes": listed(said)}

    @property
    def symptoms_line(self) -> str:
        recovery = self.recovery
        if not recovery.checks:
            return _("Symptom checks: none in this range.")
        if not recovery.symptom_days:
            return ngettext(
                "Symptom checks: %(checks)s, no symptom ticked.",
                "Symptom checks: %(checks)s, no symptom ticked.",
                recovery.checks,
            ) % {"checks": recovery.checks}
        symptoms = listed(
            ngettext("%(symptom)s (%(days)s day)", "%(symptom)s (%(days)s days)", days)
            % {"symptom": SYMPTOM_WORDS[key], "days": days}
            for key, days in recovery.symptoms
        )
        return ngettext(
            "Symptom checks: %(checks)s; symptoms on %(days)s day: %(symptoms)s.",
            "Symptom checks: %(checks)s; symptoms on %(days)s days: %(symptoms)s.",
            recovery.symptom_days,
        ) % {
            "checks": recovery.checks,
            "days": recovery.symptom_days,
            "symptoms": symptoms,
        }

    @property
    def tummy_gap_line(self) -> str:
        gaps = self.recovery.tummy_gaps
        if not gaps:
            return ""
        said = [
            pgettext("tummy gap", "%(fingers)s on %(date)s")
            % {"fingers": gap.fingers, "date": long_date(gap.day)}
            for gap in gaps
        ]
        return _("Tummy-gap self-check (finger widths at the navel): %(checks)s.") % {
            "checks": listed(said)
        }

    @property
    def function_line(self) -> str:
        recovery = self.recovery
        first = recovery.function_first
        if first is None:
            return _("Function score: not rated in this range.")
        about = _(
            "Function score (patient-specific, 0 = cannot do, 10 = as before the pregnancy; "
            "average of %(activities)s)"
        ) % {"activities": listed(recovery.activities) or NONE_SHOWN}
        latest = recovery.function_latest
        if latest is None:
            return _("%(about)s: %(score)s in the week of %(date)s.") % {
                "about": about,
                "score": one_decimal(first.score),
                "date": long_date(first.week),
            }
        change = recovery.function_change
        line = _(
            "%(about)s: first week %(first)s (%(first_date)s), latest %(latest)s "
            "(%(latest_date)s), change %(change)+.1f"
        ) % {
            "about": about,
            "first": one_decimal(first.score),
            "first_date": long_date(first.week),
            "latest": one_decimal(latest.score),
            "latest_date": long_date(latest.week),
            "change": change,
        }
        if recovery.function_change_matters:
            return _("%(line)s: a change that matters (%(points)s points or more).") % {
                "line": line,
                "points": f"{SMALLEST_CHANGE:g}",
            }
        return _("%(line)s: under the smallest change that matters (%(points)s points).") % {
            "line": line,
            "points": f"{SMALLEST_CHANGE:g}",
        }

    @property
    def running_line(self) -> str:
        readiness = self.recovery.readiness
        counts = {"passed": readiness.passed, "total": readiness.total}
        if readiness.state == TOO_EARLY and not readiness.passed:
            return _("Return to running (2019 UK guideline checklist): not before 12 weeks.")
        if readiness.state == READY:
            return (
                _("Return to running (2019 UK guideline checklist): all %(total)s tests passed.")
                % counts
            )
        line = (
            _(
                "Return to running (2019 UK guideline checklist): %(passed)s of %(total)s tests "
                "passed"
            )
            % counts
        )
        if readiness.failed:
            failed = listed(str(TEST_WORDS[key]) for key in readiness.failed)
            line = _("%(line)s; not passed or with symptoms: %(failed)s") % {
                "line": line,
                "failed": failed,
            }
        if readiness.state in (SYMPTOMS, FAILED_TEST):
            return _("%(line)s. A physiotherapist first.") % {"line": line}
        return _("%(line)s.") % {"line": line}

    @staticmethod
    def suggestion_text(suggestion: Suggestion) -> str:
        what = SUGGESTION_WORDS[suggestion.rule]
        detail = SYMPTOM_WORDS.get(suggestion.detail) or TEST_WORDS.get(suggestion.detail)
        if suggestion.rule in ("symptoms_step_back", "leaking_at_3_months") and detail:
            what = pgettext("suggestion with its symptom", "%(what)s (%(symptom)s)") % {
                "what": what,
                "symptom": detail,
            }
        return pgettext("dated suggestion", "%(date)s: %(what)s") % {
            "date": long_date(suggestion.day),
            "what": what,
        }

    @property
    def suggestion_lines(self) -> list[str]:
        """Every suggestion the rules made in the range, with the guidance each follows."""
        return [
            _("%(text)s [%(source)s]")
            % {"text": self.suggestion_text(s), "source": RULES[s.rule].source}
            for s in self.recovery.suggestions
        ]

    @property
    def header_line(self) -> str:
        """For the header: a physiotherapist suggested in the report's last two weeks."""
        new = self.recovery.new_suggestions
        if not new:
            return ""
        return _("New from her recovery checks: %(suggestions)s.") % {
            "suggestions": listed(self.suggestion_text(s) for s in new)
        }
