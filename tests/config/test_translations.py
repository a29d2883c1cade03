"""Every string is translated into Simplified Chinese, and the compiled catalogue is current."""

import gettext
import re

import polib
import pytest
from django.conf import settings
from django.utils import translation

ROOT = settings.BASE_DIR
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def entries() -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(PO)) if not entry.obsolete]


def test_every_string_is_translated_and_none_is_fuzzy():
    missing = [entry.msgid for entry in entries() if not entry.translated()]
    assert missing == []
    assert [entry.msgid for entry in entries() if entry.fuzzy] == []


def test_the_compiled_catalogue_matches_the_sources():
    compiled = gettext.GNUTranslations(MO.open("rb"))
    for entry in entries():
        if entry.msgid_plural:
            assert compiled.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert compiled.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr
        else:
            assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_placeholders_survive_translation():
    for entry in entries():
        for placeholder in ("%(", "{"):
            if placeholder in entry.msgid and not entry.msgid_plural:
                assert entry.msgstr.count(placeholder) == entry.msgid.count(placeholder), (
                    entry.msgid
                )


@pytest.mark.django_db
def test_pages_speak_chinese_for_a_chinese_profile(client, user):
    user.profile.language = "zh-hans"
    user.profile.save()
    client.force_login(user)
    html = client.get("/history/").content.decode()
    assert 'lang="zh-hans"' in html
    with translation.override("zh-hans"):
        assert translation.gettext("History") in html
        assert translation.gettext("History") != "History"


# ---- Chinese that reads native (the November 2026 language review) ----

CJK = "\u4e00-\u9fff"
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[sdfr]|%%|\{\w+\}")


def chinese_strings() -> list[tuple[str, str]]:
    """(where, text) for every Chinese string the app shows: the catalogue, the tips, the .po."""
    from habits.catalogue_data import CATALOGUE, RETIRED
    from habits.tips_data import TIPS

    found = [(f"catalogue {row[1]}", row[3]) for row in [*CATALOGUE, *RETIRED]]
    for tip in TIPS:
        found += [(f"tip {tip.key} {field}", getattr(tip, f"{field}_zh")) for field in TEXTS]
    for entry in entries():
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            found.append((f"po {entry.msgid[:40]!r}", text))
    return [(where, text) for where, text in found if re.search(f"[{CJK}]", text)]


TEXTS = ("title", "body", "why")


def half_width_punctuation(text: str) -> list[str]:
    """The ASCII punctuation a Chinese sentence should not use, with a little context.

    Allowed: placeholders such as %(name)s, times and numbers (20:30, 2.5), a colon after Latin
    letters (a header name like If-None-Match:), and a slash between Latin words.
    """
    text = PLACEHOLDER.sub("X", text)
    bad = []
    for match in re.finditer(r"[,;!?()/]|:(?!\d)|\.(?!\d)", text):
        before = text[: match.start()]
        if match.group() == ":" and re.search(r"[A-Za-z-]$", before):
            continue
        # A full stop or slash only counts next to Chinese: "2.5", "CSV/FHIR" are fine.
        if match.group() in "./" and not re.search(f"[{CJK}]\\s*$", before):
            continue
        bad.append(text[max(0, match.start() - 6) : match.end() + 6])
    return bad


def test_no_chinese_string_uses_half_width_punctuation():
    offending = {
        where: half_width_punctuation(text)
        for where, text in chinese_strings()
        if half_width_punctuation(text)
    }
    assert offending == {}


def test_the_punctuation_check_catches_what_the_review_found():
    assert half_width_punctuation("10月2日: 腰疼") == ["10月2日: 腰疼"]
    assert half_width_punctuation("先休息,再走走") and half_width_punctuation("怎么办?")
    assert half_width_punctuation("髋部 / 臀部") == ["髋部 / 臀部"]
    assert half_width_punctuation("（有这项的 %(with)s 天）") == []
    assert half_width_punctuation("例如 22:00 和 07:00。If-None-Match: *") == []


# Chinese text: the ideographs and the full-width punctuation and forms around them.
CHINESE = f"{CJK}\u3000-\u303f\uff00-\uffef"
HALF_WIDTH_NEXT_TO_CHINESE = re.compile(f"[{CHINESE}]\\s*[?:()]|[?:()]\\s*[{CHINESE}]")


def half_width_next_to_chinese(text: str) -> list[str]:
    """A half-width ? : ( or ) right before or after Chinese, as in "哪里痛?".

    A placeholder counts as Latin text, so "%(date)s: 腰疼" is caught and "%(name)s" itself
    is not; a time such as 10:30 has digits on both sides and is fine.
    """
    text = PLACEHOLDER.sub("X", text)
    return [
        text[max(0, match.start() - 6) : match.end() + 6]
        for match in HALF_WIDTH_NEXT_TO_CHINESE.finditer(text)
    ]


def test_no_translation_puts_a_half_width_question_mark_colon_or_bracket_by_chinese():
    offending = {}
    for entry in entries():
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if found := half_width_next_to_chinese(text):
                offending[entry.msgid[:60]] = found
    assert offending == {}
    with translation.override("zh-hans"):
        assert translation.gettext("Where?") == "哪里痛？"


def test_the_half_width_check_catches_the_review_example_and_spares_times_and_placeholders():
    assert half_width_next_to_chinese("哪里痛?（0-10 分）") == ["哪里痛?（0-10 "]
    assert half_width_next_to_chinese("%(date)s: 腰疼")
    assert half_width_next_to_chinese("疼痛(0-10)") and half_width_next_to_chinese("(左侧)")
    assert half_width_next_to_chinese("下一次：%(when)s，10:30") == []
    assert half_width_next_to_chinese("有 %(share)s 的喂奶（%(count)d 次）") == []


def test_context_split_strings_differ():
    by_msgid: dict[str, dict[str | None, str]] = {}
    for entry in entries():
        by_msgid.setdefault(entry.msgid, {})[entry.msgctxt] = entry.msgstr
    # Date formats carry a context for where they are used ("chart date"), not for a second
    # meaning, and may agree; every other split is there because one English word means two
    # things, so the Chinese must differ.
    split = {
        msgid: found
        for msgid, found in by_msgid.items()
        if len(found) > 1 and not all((context or "").endswith(" date") for context in found)
    }
    assert "Both" in split
    for msgid, translations in split.items():
        assert len(set(translations.values())) == len(translations), (msgid, translations)


def test_both_means_both_channels_for_reminders_and_both_sides_for_feeds():
    from reminders.models import Channel
    from tracker.models import FeedingSide

    with translation.override("zh-hans"):
        assert str(Channel.BOTH.label) == "两种都要"
        assert str(FeedingSide.BOTH.label) == "两侧"


# The review's table: msgid -> what the Chinese must now say.
REVIEWED = {
    "Hunched": "弯腰前倾",
    "Fed hunched over": "弯腰前倾喂奶",
    "On days you fed hunched over": "在你弯腰前倾喂奶的日子里",
    "Hunched over in %(share)s of feeds.": "有 %(share)s 的喂奶是弯腰前倾的。",
    "Contact a doctor or midwife today": "今天就去医院就诊（或联系医生）",
    "See a GP or physiotherapist": "去产科门诊或产后康复科看看",
    "Exercise": "康复练习",
    "Exercises": "康复练习",
    "Exercises done": "做过的康复练习",
    "Your back": "喂奶时腰背姿势",
    "Lifting and carrying": "抱娃与提重物",
}


def test_the_reviewed_translations():
    with translation.override("zh-hans"):
        for msgid, expected in REVIEWED.items():
            assert translation.gettext(msgid) == expected, msgid


def test_the_reviewed_catalogue_names():
    from habits.catalogue_data import CATALOGUE

    names = {row[1]: row[3] for row in CATALOGUE}
    assert names["baby_to_breast"] == "把宝宝垫高到乳房高度喂奶"
    assert names["lower_back"] == "腰部（下背部）"
    assert names["pelvis"] == "骨盆后侧（腰骶两侧，骶髂关节）"
    assert names["pelvis_front"] == "耻骨（骨盆前方）"
    assert names["pelvic_floor"] == "盆底肌训练（凯格尔运动）"
    assert names["deep_core_breathing"] == "呼吸配合收小腹"
    assert names["pain_after_fall"].startswith("摔倒后腰背痛")
    assert names["night_pain_constant"] == "夜里腰背一直痛，换什么姿势都不缓解"
    assert names["one_leg_weak"] == "一条腿发麻或无力"
    assert names["supported"] == "感到有人支持"


def test_one_term_per_concept_and_mainland_care_pathways():
    from habits.tips_data import TIPS

    for where, text in chinese_strings():
        # 腰背痛 is the umbrella term; bare 背痛 is gone.
        assert not re.search("(?<!腰)背痛", text), where
        # After discharge a mainland mother has no community midwife and no GP to book.
        assert "助产士" not in text and "全科" not in text, where
        assert "动感单车" not in text and "驼背" not in text, where
    tilt = next(tip for tip in TIPS if tip.key == "exercise_pelvic_tilts")
    assert "转动骨盆" not in tilt.body_zh and "骨盆向后倾" in tilt.body_zh
