"""The advice letter given with the advice (issue 12 items 2 and 3 together): the
advice form takes the letter's file, kept as an advice-letter document shared with the
enterprise exactly when the opinion is; a refused file keeps the opinion typed and
saves nothing."""

import io

import sqlalchemy as sa

from legaldesk.cases.models import Advice, Consultation
from legaldesk.db import db
from legaldesk.documents.models import Document
from tests.advice_helpers import OPINION, accepted_case
from tests.documents.samples import HTML, PDF


def give(client, case, letter=None, shared="full"):
    data = {"opinion": OPINION, "shared": shared}
    if letter is not None:
        data["letter"] = (io.BytesIO(letter[0]), letter[1])
    return client.post(
        f"/cases/{case.reference}/advice", data=data, content_type="multipart/form-data"
    )


def stored(make, case):
    return make.run(
        lambda: (
            db.session.get(Consultation, case.id).status,
            [
                (d.kind, d.name, d.shared)
                for d in db.session.scalars(
                    sa.select(Document).where(Document.consultation_id == case.id)
                )
            ],
            db.session.scalar(sa.select(sa.func.count()).select_from(Advice)),
        )
    )


def test_the_form_offers_the_letter_and_keeps_it_shared_like_the_opinion(
    client, login, make, api_as
):
    case = accepted_case(make, api_as)
    login(case.counsel)
    assert 'name="letter"' in client.get(f"/cases/{case.reference}/advice").get_data(as_text=True)
    assert give(client, case, (PDF, "法律意见书.pdf")).status_code == 302
    assert stored(make, case) == ("advised", [("advice_letter", "法律意见书.pdf", True)], 1)

    internal = accepted_case(make, api_as)
    login(internal.counsel)
    assert give(client, internal, (PDF, "意见.pdf"), shared="given_only").status_code == 302
    assert stored(make, internal)[1] == [("advice_letter", "意见.pdf", False)]


def test_no_letter_chosen_is_advice_without_a_document(client, login, make, api_as):
    case = accepted_case(make, api_as)
    login(case.counsel)
    assert give(client, case, (b"", "")).status_code == 302
    assert stored(make, case) == ("advised", [], 1)


def test_a_refused_letter_keeps_the_opinion_and_saves_nothing(client, login, make, api_as):
    case = accepted_case(make, api_as)
    login(case.counsel)
    refused = give(client, case, (HTML, "意见书.pdf"))
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert OPINION in html  # the opinion typed is shown again
    assert 'id="advice-letter"' in html and "has-error" in html.split('id="advice-letter"')[0][-80:]
    assert stored(make, case) == ("accepted", [], 0)


def test_a_form_refused_for_another_field_asks_for_the_letter_again(client, login, make, api_as):
    case = accepted_case(make, api_as)
    login(case.counsel)
    refused = give(client, case, (PDF, "法律意见书.pdf"), shared="")
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "请重新选择意见书文件（法律意见书.pdf）" in html
    assert stored(make, case) == ("accepted", [], 0)
