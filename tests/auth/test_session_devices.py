"""The "log out everywhere" page names devices as a person would ("Chrome on Windows"),
and a browser whose session was ended elsewhere is told so on its next request."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from legaldesk.auth.devices import device_label
from legaldesk.auth.models import UserSession
from legaldesk.db import db
from legaldesk.messages import Msg

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
FIREFOX_LINUX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15"
)
EDGE_WINDOWS = CHROME_WINDOWS + " Edg/124.0.2478.51"
WECHAT_ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
    "MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0"
CHROME_IPAD = (
    "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1"
)
HARMONY = (
    "Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.13.0.302) "
    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 HuaweiBrowser/14.0.5.302 "
    "Mobile Safari/537.36"
)


def _text(message: Msg) -> str:
    return str(message)


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (CHROME_WINDOWS, "Chrome on Windows"),
        (FIREFOX_LINUX, "Firefox on Linux"),
        (SAFARI_IPHONE, "Safari on iPhone"),
        (SAFARI_MAC, "Safari on macOS"),
        (EDGE_WINDOWS, "Edge on Windows"),
        (WECHAT_ANDROID, "WeChat on Android"),
        (CHROME_ANDROID, "Chrome on Android"),
        (FIREFOX_MAC, "Firefox on macOS"),
        (CHROME_IPAD, "Chrome on iPad"),
        (HARMONY, "Huawei Browser on HarmonyOS"),
        ("curl/8.5.0", "Program (curl)"),
        ("python-requests/2.31.0", "Program (python-requests)"),
        ("", "Unknown browser"),
        ("Mozilla/5.0 (X11; Linux x86_64)", "A browser on Linux"),
        ("SomethingElse/1.0", "Unknown browser"),
    ],
)
def test_user_agents_read_as_a_person_would_say_them(agent, label):
    assert _text(device_label(agent)) == label


def _log_in(client, user, agent: str = CHROME_WINDOWS, language: str = "zh-CN"):
    response = client.post(
        "/login",
        data={"email": user.email, "password": "password123"},
        headers={"User-Agent": agent, "Accept-Language": language},
    )
    assert response.status_code == 302, response.get_data(as_text=True)


def _page(client, language: str = "zh-CN") -> str:
    response = client.get("/logout/everywhere", headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_page_names_each_device_and_marks_this_one(app, make):
    user = make.user("lawyer")
    office, laptop = app.test_client(), app.test_client()
    _log_in(office, user, CHROME_WINDOWS)
    _log_in(laptop, user, FIREFOX_LINUX)
    page = _page(office)
    assert "Chrome（Windows）" in page and "Firefox（Linux）" in page
    assert "Mozilla/5.0" not in page and "Gecko" not in page
    assert "Chrome（Windows）" in _row_with(page, 'class="tag">本设备')
    english = _page(laptop, "en")
    assert "Chrome on Windows" in english and "Firefox on Linux" in english
    assert "Firefox on Linux" in _row_with(english, 'class="tag">this device')


def _row_with(page: str, marker: str) -> str:
    (row,) = [row for row in page.split("<tr")[1:] if marker in row]
    return row


def test_times_are_shown_in_the_desks_zone(app, make):
    from legaldesk.i18n import local_time

    user = make.user("intake")
    client = app.test_client()
    _log_in(client, user)
    with app.test_request_context():
        started = db.session.scalars(sa.select(UserSession)).one().created_at
        shown = local_time(started)
        utc = started.strftime("%Y-%m-%d %H:%M")
    page = _page(client)
    assert shown in page
    assert shown == utc or utc not in page


def _follow_to_login(client, path: str = "/cases", language: str = "zh-CN"):
    response = client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    login = client.get(response.headers["Location"], headers={"Accept-Language": language})
    assert login.status_code == 200
    return response, login.get_data(as_text=True)


SIGNED_OUT_ZH = "您已在其他设备上被登出"
SIGNED_OUT_EN = "You were signed out from another device"


def test_a_browser_logged_out_from_elsewhere_is_told_once(app, make):
    user = make.user("intake")
    office, phone = app.test_client(), app.test_client()
    _log_in(office, user)
    _log_in(phone, user, SAFARI_IPHONE)
    office.post("/logout/everywhere")
    redirect, page = _follow_to_login(phone, "/cases?status=new")
    assert "next=" in redirect.headers["Location"]
    assert SIGNED_OUT_ZH in page
    _, again = _follow_to_login(phone)
    assert SIGNED_OUT_ZH not in again  # said once; the ended key is forgotten


def test_the_message_speaks_english_too(app, make):
    user = make.user("coordinator")
    office, phone = app.test_client(), app.test_client()
    _log_in(office, user, language="en")
    _log_in(phone, user, SAFARI_IPHONE, language="en")
    result = app.test_cli_runner().invoke(args=["desk", "logout-everywhere", user.email])
    assert result.exit_code == 0, result.output
    _, page = _follow_to_login(phone, language="en")
    assert SIGNED_OUT_EN in page
    _, page = _follow_to_login(office, language="en")
    assert SIGNED_OUT_EN in page


def test_no_such_message_for_a_visitor_or_after_ones_own_logout(app, make):
    user = make.user("intake")
    _, page = _follow_to_login(app.test_client())
    assert SIGNED_OUT_ZH not in page
    browser = app.test_client()
    _log_in(browser, user)
    browser.post("/logout")
    _, page = _follow_to_login(browser)
    assert SIGNED_OUT_ZH not in page
    everywhere = app.test_client()
    _log_in(everywhere, user)
    everywhere.post("/logout/everywhere")  # ended here: this browser knows already
    _, page = _follow_to_login(everywhere)
    assert SIGNED_OUT_ZH not in page
