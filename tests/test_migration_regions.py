"""Migration 0020 (issue 13 item 3): existing cases that name Hong Kong, Macao or
Taiwan become 涉港澳台, and foreign-related only if they also name a foreign country;
other cases keep their flags. The downgrade gives back the old counting."""

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from legaldesk import create_app
from legaldesk.db import db
from tests.conftest import create_case, desk_config
from tests.test_migrations import empty_database  # noqa: F401 (a fixture)

CASES = {
    "hk": (["HK"], ["Harbour Trade Finance Ltd"]),
    "tw_jp": (["TW", "JP"], []),
    "mo_cn": (["CN", "MO"], ["澳门新濠贸易有限公司"]),
    "kz": (["KZ"], ["Steppe Trade LLP"]),
    "foreign_party": ([], ["Acme Inc."]),
    "domestic": (["CN"], ["宁波东港贸易有限公司"]),
}


def _flags(columns: str) -> dict[str, tuple]:
    rows = db.session.execute(sa.text(f"SELECT summary, {columns} FROM consultations")).all()
    return {summary: tuple(bool(v) for v in values) for summary, *values in rows}


def test_upgrade_backfills_hk_mo_tw_and_recounts_foreign_related(empty_database):  # noqa: F811
    app = create_app(desk_config(empty_database))
    with app.app_context():
        upgrade()
        for name, (countries, parties) in CASES.items():
            create_case(summary=name, countries=countries, counterparties=parties)
        db.session.remove()
        downgrade(revision="0019")  # the desk as it was: HK/MO/TW counted as foreign
        assert _flags("foreign_related") == {
            "hk": (True,),
            "tw_jp": (True,),
            "mo_cn": (True,),
            "kz": (True,),
            "foreign_party": (True,),
            "domestic": (False,),
        }
        db.session.remove()
        upgrade()
        assert _flags("foreign_related, hk_mo_tw") == {
            "hk": (False, True),
            "tw_jp": (True, True),
            "mo_cn": (False, True),
            "kz": (True, False),
            "foreign_party": (True, False),
            "domestic": (False, False),
        }
        db.session.remove()
        db.engine.dispose()
