"""The report's room-use table names each room as the reader's language does, by the
same rule as every row kept as data (i18n.data_label): its English name in English
when it has one, else its Chinese name."""

from legaldesk.db import db
from legaldesk.i18n import data_label
from legaldesk.rooms.models import Room

JULY = "/reports?from=2026-07-01&to=2026-07-31"


def _rows(page: str) -> str:
    table = page[page.index('id="table-rooms"') :]
    return table[: table.index("</table>")]


def test_room_names_follow_the_reader_language(app, client, login, make):
    named = make.room("商事调解室一")
    make.room("普法多功能室", "legal_education", 40)

    def name_in_english() -> None:
        db.session.get(Room, named).name_en = "Commercial mediation room 1"
        db.session.commit()

    make.run(name_in_english)
    login("coordinator")
    chinese = _rows(client.get(JULY).get_data(as_text=True))
    assert "商事调解室一" in chinese and "Commercial mediation room 1" not in chinese
    with client.session_transaction() as session:
        session["lang"] = "en"
    english = _rows(client.get(JULY).get_data(as_text=True))
    assert "Commercial mediation room 1" in english and "商事调解室一" not in english
    assert "普法多功能室" in english  # no English name: the Chinese one


def test_data_label_reads_a_row_given_as_a_mapping(app):
    room = {"name": "商事调解室一", "name_en": "Commercial mediation room 1"}
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert data_label(room) == "Commercial mediation room 1"
        assert data_label({"name": "普法多功能室", "name_en": ""}) == "普法多功能室"
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        assert data_label(room) == "商事调解室一"
