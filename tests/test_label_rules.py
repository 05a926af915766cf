"""Two entries in use of one kept list (categories, closing codes, rooms) may not read
the same, or the intake picker offers two alike: each language compared within
itself after NFKC, case folding and dropping spaces (label_rules.py, pure)."""

from __future__ import annotations

from legaldesk.label_rules import clashes, label_key


def test_labels_fold_width_case_and_spaces():
    assert label_key(" Ｔｒａｄｅ  Fairs ") == label_key("tradefairs")
    assert label_key("境外 展会") == label_key("境外展会")
    assert label_key("ß") == label_key("SS")
    assert label_key("境外展会") != label_key("境内展会")


def test_each_language_is_compared_within_itself_and_empty_never_clashes():
    others = [
        {"label_zh": "境外展会", "label_en": "Trade fairs"},
        {"label_zh": "其他", "label_en": ""},
    ]
    assert clashes({"label_zh": "境外 展会", "label_en": "Fairs"}, others) == {
        "label_zh": "境外展会"
    }
    assert clashes({"label_zh": "展会", "label_en": "TRADE FAIRS"}, others) == {
        "label_en": "Trade fairs"
    }
    assert clashes({"label_zh": "Trade fairs", "label_en": "其他"}, others) == {}
    assert clashes({"label_zh": "新的", "label_en": ""}, others) == {}


def test_a_loose_combining_mark_does_not_make_a_label_new():
    """Second attack pass: 普法多功能室 with a trailing U+0301 was a new room."""
    assert label_key("普法多功能室\u0301") == label_key("普法多功能室")
