"""Issue 14 (routing under 20 ms at a million cases): a conflict check finds a lawyer's
earlier cases of the case's parties through a stored, indexed key of each name
(``legaldesk.partykey``) instead of reading every case the lawyer ever had. Same
rules: names compared after folding traditional/simplified, width, case, spaces,
punctuation and company forms, on the side each party stood."""

from __future__ import annotations

import random
import unicodedata

import opencc
import pytest
import sqlalchemy as sa
from stdnum.cn import uscc

from legaldesk.cases.models import Consultation, Counterparty
from legaldesk.db import db
from legaldesk.enterprises.models import Enterprise
from legaldesk.partykey import normalise_party
from legaldesk.textkey import _t2s_entries, fold
from tests.draw_helpers import route_and_draw

pytestmark = pytest.mark.one_lawyer_draws  # tests of what follows a draw, not of pools

UNRELATED = [f"宁波第{i}贸易有限公司" for i in range(3)]  # within capacity


def test_every_party_name_is_stored_with_its_key(make, app):
    case = make.case(
        enterprise={"name": "杭州遠航國際物流有限公司", "uscc": "91330105MA2H00010X"},
        counterparties=["ＳＴＥＰＰＥ Trade Co., Ltd.", "Fiera Milano S.p.A."],
    )
    with app.app_context():
        stored = db.session.get(Consultation, case.id)
        assert stored.enterprise.party_key == "杭州远航国际物流"
        keys = db.session.scalars(
            sa.select(Counterparty.party_key)
            .where(Counterparty.consultation_id == case.id)
            .order_by(Counterparty.position)
        ).all()
        assert keys == ["steppetrade", "fieramilano"]
        # A row written by a Core statement gets its key from the column's default.
        db.session.execute(
            sa.insert(Enterprise).values(
                uscc="91330105MA2H000212", name="Steppe Trade LLP", created_at=stored.created_at
            )
        )
        found = db.session.scalar(
            sa.select(Enterprise.party_key).where(Enterprise.uscc == "91330105MA2H000212")
        )
        assert found == "steppetrade"
        db.session.rollback()


def test_earlier_cases_are_found_by_key_among_many_others(make, api_as):
    """A lawyer with a long history of other parties' cases: only the party that
    matches (written differently) makes a conflict, on the side it stood."""
    acted_for, acted_against, clean = make.lawyer(), make.lawyer(), make.lawyer()
    for lawyer in (acted_for, acted_against, clean):
        for n, name in enumerate(UNRELATED):
            uscc_body = f"9133010{lawyer.id % 10}MA2H{n:05d}"
            other = make.case(
                enterprise={"name": name, "uscc": uscc_body + _check(uscc_body)},
                counterparties=[f"Other Party {lawyer.id}-{n}"],
            )
            make.assign(other, lawyer.id)
    # Acted for the counterparty before (its client, with other punctuation) ...
    body = "91330105MA2H0009"
    earlier = make.case(
        enterprise={"name": "Steppe Trade, L.L.P.", "uscc": body + "9" + _check(body + "9")},
        counterparties=["宁波无关方"],
    )
    make.assign(earlier, acted_for.id)
    # ... and against the enterprise (it was the other side then, in traditional).
    against = make.case(counterparties=["杭州遠航國際物流有限公司"], summary="earlier")
    make.assign(against, acted_against.id)
    case = make.case()  # 杭州远航国际物流有限公司 against Steppe Trade LLP
    draw = route_and_draw(api_as("coordinator"), case.reference).json["draw"]
    assert draw["excluded"].get(str(acted_for.id)) == ["conflict"]
    assert draw["excluded"].get(str(acted_against.id)) == ["conflict"]
    assert str(clean.id) not in draw["excluded"]


def _check(body: str) -> str:
    return uscc.calc_check_digit(body)


def test_fold_skips_opencc_only_where_it_would_change_nothing():
    """``fold`` runs OpenCC only on text holding one of its entries; the answer is
    OpenCC's on every text, phrases (沈默 → 沉默) and mixed scripts included."""
    converter = opencc.OpenCC("t2s")
    entries = _t2s_entries()
    assert entries is not None
    characters, phrases = entries
    pieces = sorted(characters)[:400] + [p for group in phrases.values() for p in group]
    pieces += list("杭州远航国际物流有限公司宁波沈默贸易abcＡＢＣ（）, ")
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        expected = converter.convert(text)
        assert fold(text) == _nfkc_casefold(expected), text
    assert normalise_party("沈默貿易有限公司") == normalise_party("沉默贸易")


def _nfkc_casefold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()
