"""The demo desk has documents: the logistics case's advice letter, shared, which the
demo enterprise login downloads; loading the demo twice adds nothing."""

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.demo import LOGISTICS_REFERENCE
from legaldesk.documents import rules
from legaldesk.documents.models import Document
from legaldesk.mediation.models import Mediation, MediationDocument
from tests.conftest import fresh_sqlite_app


def test_the_demo_attaches_real_files_once(tmp_path):
    app = fresh_sqlite_app(tmp_path, "demo", DOCUMENTS_PATH=str(tmp_path / "documents"))
    runner = app.test_cli_runner()
    for _ in range(2):
        assert runner.invoke(args=["desk", "demo"]).exit_code == 0
    with app.app_context():
        documents = db.session.scalars(sa.select(Document)).all()
        letter = next(d for d in documents if d.kind == "advice_letter")
        assert letter.case.reference == LOGISTICS_REFERENCE and letter.shared
        assert len({(d.consultation_id, d.name) for d in documents}) == len(documents)
        in_mediation = db.session.scalar(
            sa.select(Mediation).where(Mediation.status == "in_mediation")
        )
        ticked = set(
            db.session.scalars(
                sa.select(MediationDocument.code).where(
                    MediationDocument.mediation_id == in_mediation.id
                )
            )
        )
        assert "evidence" in ticked
        db.engine.dispose()
    client = app.test_client()
    client.post("/login", data={"email": "enterprise@legaldesk.local", "password": "demo1234"})
    page = client.get(f"/my/cases/{LOGISTICS_REFERENCE}").get_data(as_text=True)
    assert letter.name in page
    file = client.get(f"/documents/{letter.id}")
    assert file.status_code == 200
    assert rules.check_type("a.pdf", file.data).content_type == "application/pdf"
    assert b"Legal opinion" in file.data
