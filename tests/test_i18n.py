"""No untranslated string: every message in code and templates has a Chinese translation,
and the Chinese pages show no stray English words."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from legaldesk.db import db
from legaldesk.zone import desk_zone

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "legaldesk/translations/zh_Hans_CN/LC_MESSAGES/messages.po"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "N_": None,
}
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2")]


def extracted_messages() -> set[str]:
    found = set()
    for _, _, message, _, _ in extract_from_dir(
        str(ROOT / "legaldesk"),
        METHODS,
        keywords=KEYWORDS,
        directory_filter=lambda _: True,
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_a_chinese_translation():
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    translated = {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}
    messages = extracted_messages()
    assert len(messages) > 100
    missing = sorted(messages - set(translated))
    assert missing == [], "run `make extract-messages` and translate: " + ", ".join(missing)
    for msgid, text in translated.items():
        assert re.findall(r"%\(\w+\)[sd]", msgid) == re.findall(r"%\(\w+\)[sd]", text), msgid


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "option", "code"):
            self._skip += 1
        for name, value in attrs:
            if name in ("placeholder", "alt", "title", "aria-label", "data-confirm") and value:
                self.chunks.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "option", "code"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)


# Words that are data or names, not interface text.
ALLOWED = {
    "English",
    "LLP",
    "Steppe",
    "Trade",
    "zhou",
    "example",
    "desk",
    "test",
    "intake",
    "coordinator",
    "enterprise",
    "lawyer",
    "http",
    "status",
    "reference",
    "Ctrl",
    "Excel",  # 导出 Excel / 导出 CSV: the file formats' own names
    "CSV",
}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/intake/new",
        "/cases",
        "/cases/{ref}",
        "/cases/{ref}/receipt",
        "/status",
        "/notifications",
        "/no-such-page",
        "/cases/{mediated}",
        "/rooms",
        "/rooms/find?minutes=120",
        "/rooms/bookings/{booking}",
        "/rooms/{room}/settings",
        "/calendar",
        "/followups",
    ],
)
def test_chinese_pages_have_no_english_interface_text(client, login, make, path):
    case, mediated = make.case(), make.case()
    room = make.room()
    coordinator = login("coordinator")
    booking = make.run(lambda: _mediation_with_a_session(coordinator, mediated, room))
    page = path.format(ref=case.reference, mediated=mediated.reference, room=room, booking=booking)
    html = client.get(page).get_data(as_text=True)
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.chunks)
    text = re.sub(r"LD-\d{4}-[0-9A-Z]+|\S+@\S+|\b[0-9A-Z]{5}-[0-9A-Z]{5}\b", " ", text)
    words = {w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in ALLOWED}
    assert words == set(), words


@pytest.mark.parametrize("path", ["/my", "/my/cases/{ref}", "/my/new", "/my/settings"])
def test_enterprise_pages_have_no_english_interface_text(client, login, make, path):
    case = make.case()
    account = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    login(account)
    html = client.get(path.format(ref=case.reference)).get_data(as_text=True)
    parser = _Text()
    parser.feed(html)
    text = re.sub(r"LD-\d{4}-[0-9A-Z]+|\S+@\S+", " ", " ".join(parser.chunks))
    words = {w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in ALLOWED}
    assert words == set(), words


def _mediation_with_a_session(coordinator, case, room):
    from datetime import timedelta

    from legaldesk.auth.models import User
    from legaldesk.cases.models import Consultation
    from legaldesk.mediation import service as mediations
    from legaldesk.rooms.models import Booking
    from tests.conftest import NOW

    actor = db.session.get(User, coordinator.id)
    mediation = mediations.open_mediation(
        db.session,
        actor,
        NOW,
        db.session.get(Consultation, case.id),
        {"respondent_name": "Steppe Trade LLP"},
        {},
        zone=desk_zone(),
    )
    mediations.act(db.session, actor, NOW, mediation, "consented", None, "", {}, zone=desk_zone())
    booking = Booking(
        room_id=room,
        starts_at=NOW - timedelta(days=1),
        ends_at=NOW - timedelta(days=1, hours=-1),
        blocked_until=NOW - timedelta(days=1, hours=-1),
        title="调解会",
        purpose="mediation_session",
        consultation_id=case.id,
        created_by_id=actor.id,
        created_at=NOW,
    )
    db.session.add(booking)
    db.session.commit()
    return booking.id


def test_no_translated_text_hides_inside_an_f_string():
    """Babel's extractor does not look inside f-strings: such text is never translated."""
    root = Path(__file__).resolve().parents[1] / "legaldesk"
    hidden = [
        f"{path.relative_to(root)}:{number}"
        for path in root.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"""\bf["'][^"']*\{\s*(_|gettext|ngettext)\(""", line)
    ]
    assert hidden == []
