"""The Chinese as the December 2026 review corrected it (its section 4), in one register: 你,
never 您; 账号, never 账户."""

import polib
from django.utils import translation

from tests.config.test_translations import PO, chinese_strings, entries


def test_one_register_everywhere():
    formal = [(where, text) for where, text in chinese_strings() if "您" in text]
    assert formal == []
    other_account = [(where, text) for where, text in chinese_strings() if "账户" in text]
    assert other_account == []
    # The account is named, and named one way.
    with translation.override("zh-hans"):
        assert "账号" in translation.gettext("Delete your account")


# msgid -> what the Chinese must say now (the review's table, row by row).
CORRECTED = {
    "Numbness or tingling in the leg": "腿发麻或有针扎感",
    "Pain going down the leg": "疼到腿上（往下放射）",
    "highest daily total %(dose)s mg": "单日最高合计 %(dose)s 毫克",
    "Painkillers on %(days)s of %(logged)s logged days: %(list)s.": (
        "止痛药：%(logged)s 个记录日中有 %(days)s 天服用：%(list)s。"
    ),
    "How broken was your sleep?": "昨晚睡得怎么样？",
    "Badly broken sleep": "夜里醒很多次或几乎没睡",
    "Interference (median)": "疼痛对生活的影响（中位数）",
    "Any painkiller": "服用了止痛药",
    "Breast and bottle": "混合喂养（亲喂＋奶瓶）",
    "When it was opened": "打开时间",
    "Exercised": "做了康复练习",
}


def test_each_corrected_row():
    with translation.override("zh-hans"):
        for msgid, expected in CORRECTED.items():
            assert translation.gettext(msgid) == expected, msgid


def test_the_rows_that_changed_a_longer_text():
    with translation.override("zh-hans"):
        leg = translation.gettext(
            "Pain or tingling down one leg is common and usually settles. Call emergency "
            "services now if both legs are weak or numb, you have new numbness around your "
            "genitals, bottom or inner thighs, or you suddenly cannot pass urine or control your "
            "bladder or bowel. See a doctor today if one leg is getting weaker or numb, your calf "
            "is swollen, red or painful, or you have a fever after an epidural."
        )
        pelvis = translation.gettext(
            "This is usually pelvic girdle pain, which a physiotherapist can treat. Keep your "
            "knees together when you turn in bed or get into a car."
        )
        nothing = translation.gettext(
            "Nothing went with a difference in your pain of %(points)s points or more that "
            "holds up in these days."
        )
    # Constipation is not an alarm: not 排尿、排便问题.
    assert "突然排不出尿、控制不住大小便" in leg and "排便问题" not in leg
    # 骨盆带 is the belt.
    assert "骨盆关节痛（耻骨联合或骶髂关节处）" in pelvis and "骨盆带" not in pelvis
    assert nothing == (
        "这段时间里，没有哪一项与疼痛相差 %(points)s 分或以上（经多重比较校正后仍成立）。"
    )


def test_the_interference_scale_says_10_one_way():
    tens = [
        entry.msgstr
        for entry in entries()
        if "10 completely" in entry.msgid or "10 = completely" in entry.msgid
        or entry.msgid == "completely"
    ]  # fmt: skip
    assert tens and all("完全无法正常生活" in text for text in tens)
    assert all("完全做不了事" not in text for _where, text in chinese_strings())


def test_the_po_file_holds_no_dead_entries():
    # makemessages keeps what the code no longer says as "#~" entries: dropped.
    assert polib.pofile(str(PO)).obsolete_entries() == []
