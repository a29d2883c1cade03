"""Every heading and sentence of the report for her doctor, written once.

The PDF (reports.export_pdf) and the share page (templates/reports/_summary.html) place what
is here and write no word of the report themselves, so the two cannot drift apart. The words
are read in the active language when they are used, so one ReportText serves the PDF and the
page in either language. Most sentences are the same on both; where the printed page says a
thing more tightly than the screen (a list inline in a sentence rather than a line per item,
a share in brackets), both forms are here side by side, the screen's marked "share page".

The figures are reports.summary's; the phrases sentences are made of (a date, a medicine, a
week's row...) are reports.report_phrases'; the sentences about each habit come already
written, of her, from insights.wording (Summary.effects).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from reports import dose_lines
from reports.recovery_text import RecoveryText
from reports.report_phrases import (
    WeekRow,
    dated,
    inline,
    listed,
    long_date,
    medicine_text,
    one_decimal,
    percent,
    warning_text,
    week_row,
    with_urgency,
)
from reports.summary import Summary
from tracker.models import YesNo

# A day's exercises are few: a printed list of them shows all of them (others show TOP_ITEMS).
TOP_EXERCISES = 8
# What a doctor asks at the first visit, as the header says it: field -> (yes, no) in words.
PROFILE_FACTS = {
    "epidural": (gettext_lazy("Epidural: yes"), gettext_lazy("Epidural: no")),
    "back_pain_before_pregnancy": (
        gettext_lazy("Back pain before pregnancy: yes"),
        gettext_lazy("Back pain before pregnancy: no"),
    ),
    "back_pain_in_pregnancy": (
        gettext_lazy("Back pain during pregnancy: yes"),
        gettext_lazy("Back pain during pregnancy: no"),
    ),
    "postnatal_check_done": (
        gettext_lazy("6-week postnatal check: done"),
        gettext_lazy("6-week postnatal check: not done yet"),
    ),
}


class ReportText:
    """The words of the report for one summary, in the language active when each is read."""

    document_title = gettext_lazy("Back pain history")
    questions_heading = gettext_lazy("Her questions for the visit")
    weeks_heading = gettext_lazy("Pain week by week")
    week_columns = (
        gettext_lazy("Week"),
        gettext_lazy("Days rated"),
        gettext_lazy("Average"),
        gettext_lazy("Lowest day"),
        gettext_lazy("Highest rating"),
        gettext_lazy("Interference (median)"),
    )
    no_ratings = gettext_lazy("No pain ratings in this range.")
    where_it_hurts_heading = gettext_lazy("Where it hurts (share of ratings)")
    no_body_areas = gettext_lazy("No body areas were marked.")
    feeding_heading = gettext_lazy("Feeding")
    no_feeds = gettext_lazy("No feeds logged.")
    no_supports = gettext_lazy("none")
    exercises_heading = gettext_lazy("Exercises")
    mood_heading = gettext_lazy("Mood")
    no_mood = gettext_lazy("No mood logged.")
    warnings_heading = gettext_lazy("Warning signs she reported")
    no_warnings_reported = gettext_lazy("Warning signs: none reported in this range.")
    no_warnings_in_range = gettext_lazy("None in this range.")
    effects_heading = gettext_lazy("What went with less or more pain")
    notes_heading = gettext_lazy("Her notes")

    def __init__(self, summary: Summary) -> None:
        self.summary = summary

    @property
    def recovery(self) -> RecoveryText | None:
        """The recovery block's words, when there is anything of her recovery to report."""
        recovery = self.summary.recovery
        return RecoveryText(recovery) if recovery is not None and recovery.shown else None

    # --- the header: who, when, the key figures --------------------------------------------

    @property
    def title(self) -> str:
        if self.summary.name:
            return _("Back pain history of %(name)s") % {"name": self.summary.name}
        return _("Back pain history")

    @property
    def baby_born(self) -> str:
        if self.summary.birth_date is None:
            return ""
        return _("Baby born %(date)s") % {"date": long_date(self.summary.birth_date)}

    @property
    def birth_line(self) -> str:
        """The share page's first fact: the birth date, or that she did not give it."""
        return self.baby_born or _("Birth date not given.")

    @property
    def week_after_birth(self) -> str:
        if self.summary.week_after_birth is None:
            return ""
        return _("Week %(number)s after the birth (%(days)s days)") % {
            "number": self.summary.week_after_birth,
            "days": self.summary.days_after_birth,
        }

    @property
    def profile_facts(self) -> list[str]:
        """What she answered of the questions a doctor asks first; unanswered ones are left
        out."""
        answers = self.summary.profile_answers
        said = {YesNo.YES: 0, YesNo.NO: 1}
        return [
            str(words[said[answers[field]]])
            for field, words in PROFILE_FACTS.items()
            if answers.get(field) in said
        ]

    @property
    def facts_line(self) -> str:
        """The printed page's facts about her, in one line."""
        summary = self.summary
        facts = [self.baby_born, self.week_after_birth, summary.delivery_type, summary.feeding_mode]
        facts += self.profile_facts
        return " · ".join(fact for fact in facts if fact) or _("Birth date not given.")

    @property
    def coverage(self) -> str:
        summary = self.summary
        return _(
            "%(start)s to %(end)s: %(logged)s of %(days)s days logged, %(ratings)s pain ratings "
            "(0 = no pain, 10 = worst imaginable)."
        ) % {
            "start": long_date(summary.start),
            "end": long_date(summary.end),
            "logged": summary.days_logged,
            "days": summary.days_in_range,
            "ratings": summary.ratings,
        }

    @property
    def average_pain(self) -> str:
        return _("Average pain %(value)s") % {"value": one_decimal(self.summary.average)}

    @property
    def first_and_last_week(self) -> str:
        return _("first week of the report %(first)s, last week of the report %(last)s") % {
            "first": one_decimal(self.summary.first_week_average),
            "last": one_decimal(self.summary.last_week_average),
        }

    @property
    def change(self) -> str:
        if self.summary.change is None:
            return ""
        return _("change %(change)+.1f points") % {"change": self.summary.change}

    @property
    def highest_rating(self) -> str:
        worst = max(
            (week.worst for week in self.summary.weeks if week.worst is not None), default=None
        )
        return "" if worst is None else _("highest rating %(worst)s") % {"worst": worst}

    @property
    def key_figures_line(self) -> str:
        """The printed page's key figures in one line; the share page shows the first two."""
        parts = [self.average_pain, self.first_and_last_week, self.change, self.highest_rating]
        return " · ".join(part for part in parts if part)

    @property
    def interference_line(self) -> str:
        """How much pain got in the way of her days, next to the pain figures."""
        summary = self.summary
        if summary.interference_median is None:
            return _("How much pain interfered with her day: not logged.")
        return _(
            "How much pain interfered with her day (0 = not at all, 10 = completely): median "
            "%(median)s over %(days)s days."
        ) % {"median": f"{summary.interference_median:g}", "days": summary.interference_days}

    @property
    def painkiller_lines(self) -> list[str]:
        """The painkillers, then any other medicine: on how many days, the most recent dose."""
        summary = self.summary
        painkillers = [use for use in summary.medicines if use.painkiller]
        others = [use for use in summary.medicines if not use.painkiller]
        if painkillers:
            lines = [
                _("Painkillers on %(days)s of %(logged)s logged days: %(list)s.")
                % {
                    "days": summary.painkiller_days,
                    "logged": summary.days_logged,
                    "list": listed(medicine_text(use) for use in painkillers),
                }
            ]
        else:
            lines = [_("Painkillers: none logged.")]
        if others:
            lines.append(
                _("Other medicines: %(list)s.")
                % {"list": listed(medicine_text(use) for use in others)}
            )
        return lines

    @property
    def sleep_line(self) -> str:
        """The median night, how often she woke and hardly slept: only nights she logged count."""
        sleep = self.summary.sleep
        parts = []
        if sleep.median_hours is not None:
            parts.append(
                ngettext(
                    "median %(hours)s hours over %(nights)s logged night",
                    "median %(hours)s hours over %(nights)s logged nights",
                    sleep.nights,
                )
                % {"hours": f"{sleep.median_hours:g}", "nights": sleep.nights}
            )
        if sleep.quality_nights:
            # Waking three times is what night feeds do: said so, lest it read as a problem.
            parts.append(
                _(
                    "woke three times or more (often normal with night feeds) on %(woke)s of "
                    "%(nights)s nights (%(share)s)"
                )
                % {
                    "woke": sleep.woke_often_nights,
                    "nights": sleep.quality_nights,
                    "share": percent(sleep.woke_often_nights / sleep.quality_nights),
                }
            )
        if sleep.hardly_nights:
            parts.append(
                _("hardly slept on %(hardly)s of %(nights)s nights (%(share)s)")
                % {
                    "hardly": sleep.hardly_nights,
                    "nights": sleep.quality_nights,
                    "share": percent(sleep.hardly_nights / sleep.quality_nights),
                }
            )
        if not parts:
            return _("Sleep: not logged.")
        return _("Sleep: %(parts)s.") % {"parts": pgettext("clause separator", "; ").join(parts)}

    @property
    def warnings_label(self) -> str:  # share page
        return _("Warning signs she reported:") if self.summary.warnings else ""

    @property
    def warning_signs(self) -> str:
        """Each sign she reported, once, the most urgent first: "Fever on 13 Sep 2026 (...)"."""
        return listed(warning_text(sign) for sign in self.summary.warning_summary)

    @property
    def warning_line(self) -> str:
        """The printed page's line of warning signs, near the top."""
        if not self.summary.warnings:
            return str(self.no_warnings_reported)
        return _("Warning signs she reported: %(signs)s.") % {"signs": self.warning_signs}

    # --- pain week by week ---------------------------------------------------------------

    @property
    def week_rows(self) -> list[WeekRow]:
        return [week_row(week) for week in self.summary.weeks]

    # --- where it hurts and feeding ----------------------------------------------------------

    @property
    def body_areas_line(self) -> str:
        return inline(self.summary.body_areas) or str(self.no_body_areas)

    @property
    def lists(self) -> dict[str, list[str]]:
        """The share page's lists, a line per item: "Lower back: 100%"."""
        summary = self.summary
        counted = {
            "body_areas": summary.body_areas,
            "positions": summary.positions,
            "supports": summary.supports,
            "exercises": summary.exercises,
            "habits": summary.habits,
            "mood_tags": summary.mood_tags if summary.mood_days else [],
        }
        return {
            name: [f"{count.name}: {percent(count.share)}" for count in counts]
            for name, counts in counted.items()
        }

    @property
    def leg_line(self) -> str:
        """Days with pain going down the leg, and with numbness or tingling in it."""
        summary = self.summary
        return _(
            "Pain going down the leg on %(down)s days; numbness or tingling in the leg on "
            "%(numb)s days (of %(rated)s days rated)."
        ) % {
            "down": summary.down_leg_days,
            "numb": summary.numb_tingling_days,
            "rated": summary.rated_days,
        }

    @property
    def feeding_lines(self) -> list[str]:
        """The printed page's feeding: positions, supports and how often hunched over."""
        summary = self.summary
        if not summary.feeds:
            return [str(self.no_feeds)]
        return [
            _("%(feeds)s feeds logged. Positions: %(positions)s.")
            % {"feeds": summary.feeds, "positions": inline(summary.positions)},
            _("Supports used: %(supports)s.")
            % {"supports": inline(summary.supports) or self.no_supports},
            _("Hunched over in %(share)s of feeds.")
            % {"share": percent(summary.hunched_feeds / summary.feeds)},
        ]

    @property
    def feeds_logged(self) -> str:  # share page
        feeds = self.summary.feeds
        if not feeds:
            return ""
        return ngettext("%(feeds)s feed logged.", "%(feeds)s feeds logged.", feeds) % {
            "feeds": feeds
        }

    @property
    def supports_label(self) -> str:  # share page
        return _("Supports used:") if self.summary.feeds else ""

    # --- exercises, habits and mood ------------------------------------------------------

    @property
    def exercise_days(self) -> str:
        summary = self.summary
        logged = summary.days_logged
        return _("Exercised on %(days)s of %(logged)s logged days (%(share)s).") % {
            "days": summary.exercise_days,
            "logged": logged,
            "share": percent(summary.exercise_days / logged if logged else 0),
        }

    @property
    def exercise_days_short(self) -> str:  # share page
        return _("Exercised on %(days)s of %(logged)s logged days.") % {
            "days": self.summary.exercise_days,
            "logged": self.summary.days_logged,
        }

    @property
    def exercises_line(self) -> str:
        return inline(self.summary.exercises, TOP_EXERCISES)

    @property
    def habits_heading(self) -> str:  # share page
        return _("Habits") if self.summary.habits else ""

    @property
    def habits_line(self) -> str:
        if not self.summary.habits:
            return ""
        return _("Habits: %(habits)s.") % {"habits": inline(self.summary.habits)}

    @property
    def mood_average(self) -> str:
        summary = self.summary
        if not summary.mood_days:
            return ""
        return _(
            "Average %(average).1f of 5 over %(days)s days; low (1 or 2 of 5) on %(low)s days."
        ) % {
            "average": summary.mood_average,
            "days": summary.mood_days,
            "low": summary.low_mood_days,
        }

    @property
    def low_mood_lines(self) -> list[str]:
        """The longest run of low mood, and the low days among the last 14 of the report."""
        if not self.summary.mood_days:
            return []
        lines = []
        run = self.summary.longest_low_mood
        if run is not None and run.days == 1:
            lines.append(
                _("Longest run of low mood: 1 day (%(date)s).") % {"date": long_date(run.first)}
            )
        elif run is not None:
            lines.append(
                _("Longest run of low mood: %(days)s days (%(first)s to %(last)s).")
                % {"days": run.days, "first": long_date(run.first), "last": long_date(run.last)}
            )
        lines.append(
            _("Low on %(low)s of the last 14 days (mood logged on %(logged)s of them).")
            % {"low": self.summary.recent_low_mood_days, "logged": self.summary.recent_mood_days}
        )
        return lines

    @property
    def screening_lines(self) -> list[str]:
        """The low-mood prompt for her doctor, in the header, when its condition holds."""
        if not self.summary.suggest_depression_screen:
            return []
        return [
            _(
                "Low mood has lasted two weeks or more: consider screening for postnatal "
                "depression (for example PHQ-9 or EPDS)."
            )
        ]

    @property
    def dose_alert_lines(self) -> list[str]:
        """A red line per painkiller limit passed, with its dates (reports.dose_lines)."""
        return dose_lines.dose_alert_lines(self.summary.dose_alerts)

    @property
    def mood_tags_line(self) -> str:
        return inline(self.summary.mood_tags) if self.summary.mood_days else ""

    # --- warning signs by date, what went with pain, her notes --------------------------

    @property
    def warning_entries(self) -> list[str]:
        """Each day's warning sign with what to do about it: "13 Sep 2026: Fever (...)"."""
        return [
            dated(entry.day, with_urgency(entry.name, entry.urgency))
            for entry in self.summary.warnings
        ]

    @property
    def no_effects(self) -> str:
        return _("No habit went with a difference of %(points)s points or more that holds up.") % {
            "points": f"{self.summary.insights['meaningful_points']:g}"
        }

    @property
    def small_effects_line(self) -> str:
        count = self.summary.small_effects
        if not count:
            return ""
        return ngettext(
            "%(count)s smaller or less certain difference is left out: among this many "
            "comparisons, some are expected by chance.",
            "%(count)s smaller or less certain differences are left out: among this many "
            "comparisons, some are expected by chance.",
            count,
        ) % {"count": count}

    @property
    def method_note(self) -> str:
        """How the comparisons were made, in a sentence a doctor can weigh them by."""
        insights = self.summary.insights
        return _(
            "Pain ratings are momentary, self-reported 0-10 ratings. Each habit is compared on "
            "days with and without it, the same day and the next day, after allowing for the "
            "natural recovery over the weeks, with at least %(days)s days on each side and 95%% "
            "confidence intervals that allow for day-to-day autocorrelation (AR(1) errors). "
            "%(comparisons)s comparisons were made; only differences of %(points)s points or "
            "more that hold up after a Benjamini-Hochberg correction for their number (5%% false "
            "discovery rate) are listed. These are associations in her own diary, not proof of "
            "cause; a difference under %(points)s points is below the usual threshold for a "
            "clinically important change."
        ) % {
            "days": insights["min_days"],
            "points": f"{insights['meaningful_points']:g}",
            "comparisons": insights["comparisons"],
        }

    @property
    def notes_shown(self) -> str:
        """The printed page says when older notes are left out."""
        summary = self.summary
        if summary.notes_total <= len(summary.notes):
            return ""
        return _("The %(shown)s most recent of %(total)s notes.") % {
            "shown": len(summary.notes),
            "total": summary.notes_total,
        }

    @property
    def note_lines(self) -> list[str]:
        return [dated(day, note) for day, note in self.summary.notes]

    # --- the printed page's footer -----------------------------------------------------

    @property
    def footer(self) -> str:
        summary = self.summary
        return _("Backcare · %(start)s to %(end)s · made %(made)s") % {
            "start": long_date(summary.start),
            "end": long_date(summary.end),
            "made": long_date(summary.made_at.date()),
        }

    @staticmethod
    def page_number(number: int) -> str:
        return _("Page %(number)s") % {"number": number}
