"""Labels that only look different (the attack pass): "出口管制與制裁" is the seeded
"出口管制与制裁" in traditional characters, and a label carrying a Hangul filler, a
blank Braille pattern or a variation selector reads as the plain one. Traditional
folds to simplified before labels are compared (label_rules.label_key); invisible
characters are refused at the field (validation.visible_text). On every database."""

from __future__ import annotations

import pytest

from legaldesk.label_rules import label_key

BLANKS = ["\u3164", "\u2800", "\u034f", "\ufe0f", "\ufe00", "\u115f", "\u1160", "\uffa0"]
BLANKS += ["\u180e", "\U000e0100"]
# the second attack pass: Mongolian free variation selectors, the Khitan filler,
# private use and noncharacters
BLANKS += ["\u180b", "\u180f", "\U00016fe4", "\ue000", "\ufdd0"]


def test_traditional_and_simplified_are_one_label():
    assert label_key("出口管制與制裁") == label_key("出口管制与制裁")
    assert label_key("商事調解室一") == label_key("商事 调解室一")
    # Cyrillic look-alikes are not folded (no confusables table yet)
    assert label_key("Оther") != label_key("Other")


def test_the_api_refuses_a_traditional_twin_at_its_field(api_as):
    answer = api_as("coordinator").post(
        "/categories",
        json={"code": "export_tw", "label_zh": "出口管制與制裁", "label_en": "Exports"},
    )
    assert answer.status_code == 422
    assert set(answer.json["error"]["fields"]) == {"label_zh"}


@pytest.mark.parametrize(
    ("label", "said"), [("出口管制與制裁", "出口管制与制裁"), ("出口\u3164管制", "不可见字符")]
)
def test_the_page_refuses_them_at_the_field_and_keeps_what_was_typed(client, login, label, said):
    login("admin")
    form = {"code": "export_tw", "label_zh": label, "label_en": "Exports"}
    added = client.post("/settings/categories", data=form)
    assert added.status_code == 422
    page = added.get_data(as_text=True)
    assert 'data-for="label_zh"' in page and said in page and f'value="{label}"' in page


@pytest.mark.parametrize("blank", BLANKS)
def test_the_api_refuses_invisible_characters(api_as, blank):
    answer = api_as("coordinator").post(
        "/categories",
        json={"code": "blank_test", "label_zh": f"出口管制{blank}", "label_en": f"Ex{blank}"},
    )
    assert answer.status_code == 422
    assert set(answer.json["error"]["fields"]) == {"label_zh", "label_en"}
