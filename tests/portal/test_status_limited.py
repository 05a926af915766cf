"""After too many wrong access codes the public /status page says plainly what to do:
the form again (reference kept, code empty), how long to wait, and that the front desk
can issue a new code; and the code never stays in the address bar or the page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask

from legaldesk import create_app
from legaldesk.db import db
from legaldesk.portal.rules import Reserved, wait_seconds
from tests.conftest import checkpoints_in, create_case, create_user, database_url, desk_config
from tests.conftest import prepare as prepare_desk

WRONG = "AAAAA-AAAAA"
GUESSER = {"REMOTE_ADDR": "10.0.1.1"}


@pytest.fixture
def limited(backend: str, tmp_path: Any):
    """A desk with limits on (database counters, both engines) and one case."""

    def build(**settings: Any) -> tuple[Flask, str, str]:
        config = {
            **desk_config(database_url(backend, tmp_path)),
            **checkpoints_in(tmp_path),
            "RATELIMIT_ENABLED": True,
            **settings,
        }
        app = prepare_desk(create_app(config), backend)
        with app.app_context():
            case, code = create_case(create_user("intake"))
            reference = case.reference
        built.append(app)
        return app, reference, code

    built: list[Flask] = []
    yield build
    for app in built:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _after_ten_wrong_codes(limited, **settings: Any):
    """A client at the guesser's address that has used up its ten wrong codes."""
    app, reference, code = limited(**settings)
    client = app.test_client()
    for _ in range(10):
        assert _guess(client, reference, WRONG).status_code == 404
    return client, reference, code


def _guess(client, reference: str, code: str, **kwargs: Any):
    return client.post(
        "/status", data={"reference": reference, "code": code}, environ_base=GUESSER, **kwargs
    )


def _code_input(page: str) -> str:
    return re.search(r'<input id="code"[^>]*>', page).group(0)


def test_the_limited_page_shows_the_form_the_wait_and_the_front_desk(limited):
    client, reference, code = _after_ten_wrong_codes(limited)
    answer = _guess(client, reference, code)
    assert answer.status_code == 429
    assert 0 < int(answer.headers["Retry-After"]) <= 3600
    page = answer.get_data(as_text=True)
    assert f'name="reference" value="{reference}"' in page
    assert "value=" not in _code_input(page)  # the code field is empty
    assert code not in page and WRONG not in page
    minutes = int(re.search(r"(\d+) 分钟", page).group(1))
    assert 1 <= minutes <= 60
    assert "中心前台" in page and "新的查询码" in page
    assert 'role="alert"' in page


def test_in_english_too(limited):
    client, reference, _ = _after_ten_wrong_codes(limited)
    answer = _guess(client, reference, WRONG, headers={"Accept-Language": "en"})
    assert answer.status_code == 429
    page = answer.get_data(as_text=True)
    assert re.search(r"\d+ minutes?", page)
    assert "front desk" in page and "new access code" in page


def test_the_front_desks_contact_comes_from_the_settings(limited):
    contact = "0571-8888 0000, 拱墅区大关路 1 号"
    client, reference, _ = _after_ten_wrong_codes(limited, FRONT_DESK_CONTACT=contact)
    answer = _guess(client, reference, WRONG)
    assert answer.status_code == 429 and contact in answer.get_data(as_text=True)


def test_a_link_with_the_code_is_stripped_when_limited(limited):
    client, reference, code = _after_ten_wrong_codes(limited)
    answer = client.get(
        "/status", query_string={"reference": reference, "code": code}, environ_base=GUESSER
    )
    assert answer.status_code == 429
    page = answer.get_data(as_text=True)
    assert "data-strip-code" in page
    assert code not in page  # not in the language switch's return address either
    assert f'value="{reference}"' in page


def test_the_code_of_a_link_is_not_kept_by_the_language_switch(limited):
    app, reference, code = limited()
    client = app.test_client()
    page = client.get("/status", query_string={"reference": reference, "code": code})
    assert page.status_code == 200 and code not in page.get_data(as_text=True)
    switched = client.post("/lang/en", data={"next": f"/status?reference={reference}&code={code}"})
    assert switched.status_code == 302
    assert code not in switched.headers["Location"]
    assert reference in switched.headers["Location"]


def test_too_many_lookups_from_one_address_show_the_form_too(limited):
    """The per-address ceiling of every lookup (30 a minute) answers with the form too."""
    app, reference, _ = limited()
    client = app.test_client()
    for n in range(30):
        client.post("/status", data={"reference": f"LD-2026-ZZZZ{n:02d}", "code": WRONG})
    answer = client.post("/status", data={"reference": reference, "code": WRONG})
    assert answer.status_code == 429
    page = answer.get_data(as_text=True)
    assert f'value="{reference}"' in page and re.search(r"(\d+) 分钟", page)


def test_the_wait_is_until_a_guess_is_allowed_again():
    hour, day = 3600, 86_400
    # ten wrong codes from here: only the end of this address's window helps
    assert wait_seconds(Reserved(11, 11), 10, 50, 1200.0, 80_000.0) == 1200
    # past the ceiling with a second try from here: whichever window ends first
    assert wait_seconds(Reserved(2, 60), 10, 50, 1200.0, 300.0) == 300
    assert wait_seconds(Reserved(2, 60), 10, 50, 1200.0, 80_000.0) == 1200
    assert wait_seconds(Reserved(11, 11), 10, 50, 0.2, day) == 1  # never "0 minutes"
    assert wait_seconds(Reserved(11, 11), 10, 50, hour + 5, day) == hour + 5
