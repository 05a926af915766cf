"""Two categories (or closing codes) in use may not carry the same label, in either
language (the user walk on issue 13: the intake picker offered two alike). A new or
renamed label equal to another ACTIVE entry's of the same list is refused at its
field, in the user's language, on the page (the form kept as typed) and in the API
(422 with ``fields``); retired entries do not block, but reinstating one whose label
now clashes is refused the same way. On every database."""

from __future__ import annotations

import pytest

from legaldesk.cases import reference
from legaldesk.cases.models import Category
from legaldesk.db import db
from legaldesk.errors import ValidationFailed
from tests.conftest import NOW, create_user


def test_adding_a_label_in_use_is_refused_at_its_field(ctx):
    admin = create_user("admin")
    with pytest.raises(ValidationFailed) as error:
        reference.add(
            db.session,
            admin,
            NOW,
            "categories",
            {"code": "fairs", "label_zh": "跨境 合同", "label_en": "ＯＴＨＥＲ"},
        )
    assert set(error.value.fields) == {"label_zh", "label_en"}
    # another list's labels are no clash: closing code K is 其他 / Other too
    made = reference.add(
        db.session,
        admin,
        NOW,
        "categories",
        {"code": "fairs", "label_zh": "展会", "label_en": "Fairs"},
    )
    assert made.active


def test_retired_entries_do_not_block_but_reinstating_a_clash_is_refused(ctx):
    admin = create_user("admin")
    other = db.session.get(Category, "other")
    reference.set_active(db.session, admin, NOW, "categories", other, False)
    fresh = reference.add(
        db.session,
        admin,
        NOW,
        "categories",
        {"code": "misc", "label_zh": "其他", "label_en": "Misc"},
    )
    with pytest.raises(ValidationFailed) as error:
        reference.set_active(db.session, admin, NOW, "categories", other, True)
    assert set(error.value.fields) == {"label_zh"}
    assert not other.active
    # renaming to a label in use is refused; keeping one's own label is no clash
    with pytest.raises(ValidationFailed):
        reference.rename(db.session, admin, NOW, "categories", fresh, {"label_en": "credit REPAIR"})
    reference.rename(
        db.session, admin, NOW, "categories", fresh, {"label_zh": "其 他", "label_en": "Misc"}
    )


def test_the_api_answers_422_with_fields(app, api_as):
    api = api_as("coordinator", language="zh-CN")
    taken = api.post(
        "/closing-codes", json={"code": "M", "label_zh": "法院裁判", "label_en": "New"}
    )
    assert taken.status_code == 422
    assert set(taken.json["error"]["fields"]) == {"label_zh"}
    assert "法院裁判" in taken.json["error"]["fields"]["label_zh"][0]
    renamed = api.patch("/closing-codes/K", json={"label_en": "court decision"})
    assert renamed.status_code == 422 and set(renamed.json["error"]["fields"]) == {"label_en"}
    assert api.patch("/closing-codes/I", json={"active": False}).status_code == 200
    assert api.patch("/closing-codes/K", json={"label_zh": "法院裁判"}).status_code == 200
    back = api.patch("/closing-codes/I", json={"active": True})
    assert back.status_code == 422 and set(back.json["error"]["fields"]) == {"label_zh"}
    both = api.patch("/closing-codes/I", json={"active": True, "label_zh": "法院判决"})
    assert both.status_code == 200, both.json
    assert both.json["active"] is True


def test_the_pages_say_it_at_the_field_and_keep_what_was_typed(client, login):
    login("admin")
    added = client.post(
        "/settings/categories",
        data={"code": "fairs", "label_zh": "数据  合规", "label_en": "Trade fairs abroad"},
    )
    assert added.status_code == 422
    page = added.get_data(as_text=True)
    assert 'data-for="label_zh"' in page and "数据合规" in page and "在用" in page
    assert (
        'value="数据  合规"' in page
        and 'value="fairs"' in page
        and 'value="Trade fairs abroad"' in page
    )
    renamed = client.post(
        "/settings/closing-codes/K", data={"label_zh": "其他", "label_en": "Counsel and Advice"}
    )
    assert renamed.status_code == 422
    page = renamed.get_data(as_text=True)
    assert 'data-for="label_en"' in page and 'value="Counsel and Advice"' in page
    english = client.post(
        "/settings/closing-codes/K",
        data={"label_zh": "其他", "label_en": "Counsel and Advice"},
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert "in use" in english


def test_the_page_says_it_once_at_the_field_and_the_banner_points_there(client, login):
    """Walk finding: the clash was read twice, in the banner and at the field."""
    login("admin")
    page = client.post(
        "/settings/categories",
        data={"code": "fairs", "label_zh": "数据合规", "label_en": "Trade fairs abroad"},
    ).get_data(as_text=True)
    assert page.count("在用") == 1
    assert "请查看下方标出的栏目" in page
