"""Issue 15 item 3: each draw has a public record (/draws/<id>.json and the witness
sheet /draws/<id>), with nothing of the case, and anyone re-checks it with the
standalone verifier served at /draws/verify.py, Python's standard library alone."""

import json
import subprocess
import sys
from datetime import timedelta

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.demo import load_demo
from legaldesk.routing import verify
from legaldesk.routing.models import Draw, Lawyer
from legaldesk.routing.service import route
from legaldesk.zone import desk_zone
from tests.conftest import NOW
from tests.draw_helpers import route_and_draw


def _verifier(client, folder):
    answer = client.get("/draws/verify.py")
    assert answer.status_code == 200
    assert "attachment" in answer.headers["Content-Disposition"]
    path = folder / "verify.py"
    path.write_bytes(answer.data)
    return path


def _verify(verifier, record, folder, *options):
    """Run the verifier as a stranger would: a bare interpreter (-I: no environment or
    user site; -S: no site-packages), in a folder holding only the two files."""
    path = folder / f"draw-{record['id']}.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-I", "-S", str(verifier), str(path), *options],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=30,
    )


def _demo_draws(app):
    with app.app_context():
        load_demo(db.session, NOW, desk_zone())
        db.session.commit()
        return db.session.execute(
            sa.select(Draw.id, Draw.contribution).where(
                Draw.kind == "draw", Draw.drawn_at.is_not(None)
            )
        ).all()


def test_every_demo_draw_verifies_from_its_public_json_alone(app, client, tmp_path):
    draws = _demo_draws(app)
    assert draws
    verifier = _verifier(client, tmp_path)
    for draw_id, contribution in draws:
        record = client.get(f"/draws/{draw_id}.json").json
        run = _verify(verifier, record, tmp_path)
        assert contribution and record["contribution_source"] == "witness"  # never without
        assert 3 <= len(record["pool"]) <= 6, record  # no draw of one in the demo
        assert run.returncode == 0, (draw_id, run.stdout, run.stderr)
        assert "holds" in run.stdout and record["chosen"]["name"] in run.stdout
        assert f"结论：核验通过，抽中 {record['chosen']['name']}" in run.stdout


def test_a_tampered_record_fails(app, client, tmp_path):
    draws = _demo_draws(app)
    records = [client.get(f"/draws/{i}.json").json for i, contribution in draws if contribution]
    record = max(records, key=lambda r: len(r["pool"]))  # the widest pool of the demo
    assert len(record["pool"]) >= 2
    verifier = _verifier(client, tmp_path)

    def picks(contribution):
        ids = [m["id"] for m in record["pool"]]
        return ids[verify.pick_index(record["secret"], contribution, record["pool_hash"], len(ids))]

    # digits keyed in otherwise that would have drawn somebody else
    other_digits = next(
        d for d in (f"{n}" for n in range(100)) if picks(d) != record["chosen"]["id"]
    )
    others = [m for m in record["pool"] if m["id"] != record["chosen"]["id"]]
    # the same secret spelled otherwise (capitals) still matches the commitment when
    # read as bytes, and picks otherwise: only the desk's own spelling counts
    spelled = next(
        s
        for s in (record["secret"][:n] + record["secret"][n:].upper() for n in range(64, -1, -1))
        if s != record["secret"]
    )
    names = [m["name"] for m in record["pool"]]
    tampered = [
        {**record, "contribution": other_digits},
        {**record, "secret": spelled},
        {**record, "chosen": {**record["chosen"], "name": names[-1] + "某"}},
        {
            **record,
            "pool": [],
            "pool_hash": verify.pool_hash(record["reference"], record["round"], []),
        },
        {**record, "secret": "00" * 32},
        {**record, "commitment": "ab" * 32},
        {**record, "reference": record["reference"][:-1] + "X"},
        {**record, "round": record["round"] + 1},
        {**record, "pool": record["pool"][:-1] or [{"id": 999, "name": "x"}]},
    ]
    if others:  # somebody else in the pool "won"
        tampered.append({**record, "chosen": others[0]})
    for n, bad in enumerate(tampered):
        run = _verify(verifier, bad, tmp_path)
        assert run.returncode == 1, (n, run.stdout)
        assert "FAILS" in run.stdout
    for n, text in enumerate(
        [
            "{not json",
            "[1, 2]",
            "null",
            json.dumps({**record, "round": 1e400}).replace("Infinity", "1e400"),
            json.dumps({**record, "chosen": {**record["chosen"], "id": 31.9}}),
            json.dumps({**record, "round": True}),
            "[" * 200_000,
        ]
    ):
        broken = tmp_path / f"broken-{n}.json"
        broken.write_text(text, encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-I", "-S", str(verifier), str(broken)],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 2 and "cannot read" in run.stderr, (n, run.stdout, run.stderr)
        assert "Traceback" not in run.stderr
    noted = _verify(verifier, record, tmp_path, "--commitment", "ab" * 32)
    assert noted.returncode == 1 and "witness noted" in noted.stdout
    noted = _verify(verifier, record, tmp_path, "--commitment", record["commitment"].upper())
    assert noted.returncode == 0
    escaping = _verify(
        verifier, {**record, "reference": "\x1b[2A\x1b[J" + record["reference"]}, tmp_path
    )
    assert escaping.returncode == 1 and "\x1b" not in escaping.stdout


def test_the_record_shows_nothing_of_the_case(app, client):
    draws = _demo_draws(app)
    with app.app_context():
        draw = db.session.get(Draw, draws[0][0])
        case = db.session.get(Consultation, draw.consultation_id)
        private = [case.summary, case.description, case.enterprise.name, case.contact.name]
    record = client.get(f"/draws/{draw.id}.json").json
    assert set(record) == {
        "format",
        "id",
        "reference",
        "round",
        "drawn_for",
        "committed_at",
        "commitment",
        "pool",
        "pool_hash",
        "drawn_at",
        "contribution",
        "contribution_source",
        "secret",
        "chosen",
        "voided_at",
        "void_reason",
    }
    page = client.get(f"/draws/{draw.id}").get_data(as_text=True)
    for text in private:
        assert text and text not in json.dumps(record, ensure_ascii=False) and text not in page
    assert record["commitment"] in page and record["secret"] in page
    assert "python3 verify.py" in page


def test_rounds_that_are_not_draws_and_unknown_ids_have_no_record(app, client):
    draws = _demo_draws(app)
    with app.app_context():
        manual = db.session.scalar(sa.select(Draw.id).where(Draw.kind != "draw").limit(1))
        last = db.session.scalar(sa.select(sa.func.max(Draw.id)))
    assert client.get(f"/draws/{last + 1}.json").status_code == 404
    assert client.get(f"/draws/{last + 1}").status_code == 404
    for beyond in ("9223372036854775808.json", "99999999999999999999", "0.json", "-1", "01"):
        assert client.get(f"/draws/{beyond}").status_code == 404, beyond
    if manual is not None:
        assert client.get(f"/draws/{manual}.json").status_code == 404
    assert draws


def test_a_round_committed_but_not_drawn_shows_its_commitment_only(app, client, make, tmp_path):
    clerk = make.user("intake")
    case = make.case(clerk)
    pool = sorted(make.lawyer().id for _ in range(3))

    def commit():
        round_, drawn = route(
            db.session,
            db.session.get(User, clerk.id),
            NOW + timedelta(minutes=1),
            db.session.get(Consultation, case.id),
            zone=desk_zone(),
        )
        assert not drawn
        db.session.commit()
        return round_.id, round_.commitment

    draw_id, commitment = make.run(commit)
    record = client.get(f"/draws/{draw_id}.json").json
    assert record["commitment"] == commitment
    assert [member["id"] for member in record["pool"]] == pool  # frozen with the commitment
    assert record["secret"] is None and record["chosen"] is None and record["contribution"] is None
    page = client.get(f"/draws/{draw_id}").get_data(as_text=True)
    assert commitment in page and 'id="record-pending"' in page
    run = _verify(_verifier(client, tmp_path), record, tmp_path)
    assert run.returncode == 2 and "not drawn yet" in run.stdout


def test_the_case_page_links_each_draw_to_its_public_record(app, client, login):
    draws = _demo_draws(app)
    with app.app_context():
        draw = db.session.get(Draw, draws[0][0])
        reference = db.session.get(Consultation, draw.consultation_id).reference
    login("coordinator")
    page = client.get(f"/cases/{reference}").get_data(as_text=True)
    assert f'href="/draws/{draw.id}"' in page
    sheet = client.get(f"/draws/{draw.id}")
    assert sheet.status_code == 200 and 'id="print-record"' in sheet.get_data(as_text=True)


def test_a_lawyers_name_may_not_hide_a_direction_mark():
    """A right-to-left mark in a name turned "(No. 38)" into "(83 .oN)" on the sheet."""
    import pytest

    from legaldesk.errors import ValidationFailed
    from legaldesk.routing.directory import validate_lawyer

    with pytest.raises(ValidationFailed) as refused:
        validate_lawyer({"name": "\u202e潘越 12", "kind": "panel_expert"}, set(), set(), set())
    assert "name" in refused.value.fields


def test_the_record_keeps_the_names_its_pool_was_committed_with(app, client, make, api_as):
    """A lawyer renamed in the directory after the draw: the public record and the
    witness sheet still read as the witness printed them."""
    lawyers = [make.lawyer(capacity=10) for _ in range(3)]
    before = {lawyer.id: lawyer.name for lawyer in lawyers}
    case = make.case()
    drawn = route_and_draw(api_as("coordinator"), case.reference)
    assert drawn.status_code == 200, drawn.json
    draw_id = drawn.json["draw"]["id"]

    def rename():
        for lawyer in lawyers:
            db.session.get(Lawyer, lawyer.id).name = f"改名{lawyer.id}"
        db.session.commit()

    make.run(rename)
    record = client.get(f"/draws/{draw_id}.json").json
    assert {m["id"]: m["name"] for m in record["pool"]} == before
    assert record["chosen"]["name"] == before[record["chosen"]["id"]]
    sheet = client.get(f"/draws/{draw_id}").get_data(as_text=True)
    assert all(name in sheet for name in before.values()) and "改名" not in sheet
    assert "(UTC+08:00)" in sheet and "Asia/Shanghai" not in sheet  # a time any reader knows


def test_the_witness_checks_their_number_as_their_keyboard_typed_it(app, client, tmp_path):
    """Walker's finding: a witness who keyed in full-width digits (as a Chinese input
    method gives them) was told the honest draw failed; an empty record is unreadable,
    not "not drawn yet"."""
    draws = _demo_draws(app)
    record = client.get(f"/draws/{draws[0][0]}.json").json
    verifier = _verifier(client, tmp_path)
    wide = "".join(chr(ord("０") + int(d)) for d in record["contribution"])
    run = _verify(verifier, record, tmp_path, "--contribution", wide)
    assert run.returncode == 0 and "核验通过" in run.stdout, run.stdout
    empty = _verify(verifier, {"id": 1}, tmp_path)
    assert empty.returncode == 2 and "无法读取该记录" in empty.stderr
