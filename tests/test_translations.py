"""Every string is translated into Simplified Chinese, and the compiled catalogue is current."""

import gettext
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
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
