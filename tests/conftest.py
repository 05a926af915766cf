"""Fixtures: an app per test on SQLite and, when LEGALDESK_TEST_DATABASE_URL is set,
on PostgreSQL too; factories ``create_x`` with ``dummy_x`` defaults; clients."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from legaldesk import create_app
from legaldesk.cases.catalog import ensure_reference_data
from legaldesk.cases.models import Category, ClosingCode
from legaldesk.db import db
from tests.url_rules_once import compile_url_rules_once


def _database_of_this_worker(url: str | None) -> str | None:
    """Under pytest-xdist each worker gets a PostgreSQL database of its own (the
    configured name plus the worker's id, made when missing), since every test empties
    every table. The environment is updated so server processes the tests start use it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    own = database_beside(url, f"_{worker}")
    os.environ["LEGALDESK_TEST_DATABASE_URL"] = own
    return own


def database_beside(url: str, suffix: str) -> str:
    """The URL of the PostgreSQL database named as ``url``'s plus ``suffix``, made
    when missing (and then kept: making and dropping one costs a checkpoint)."""
    base = sa.make_url(url)
    name = f"{base.database}{suffix}"
    server = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        known = sa.text("SELECT 1 FROM pg_database WHERE datname = :name")
        if conn.scalar(known, {"name": name}) is None:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    server.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


PG_URL = _database_of_this_worker(os.environ.get("LEGALDESK_TEST_DATABASE_URL") or None)
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
FAST_HASH = "pbkdf2:sha256:1000"  # passwords: the real cost is scrypt, tests need speed
# The access codes' key of every test desk and server process (their digests agree).
TEST_ACCESS_CODE_KEY = "test-access-code-key"
# The audit key of every test desk; server processes (tests/servers.py) use it too, so
# their entries verify in the test's own app.
TEST_AUDIT_KEY = "test-audit-key"
# Case documents of every test desk (and server process), never the instance folder;
# content-addressed, so desks sharing it never see each other's rows.
TEST_DOCUMENTS = tempfile.mkdtemp(prefix="legaldesk-test-documents-")
_pg_schema_ready = False
_pg_emptying = ""
_sqlite_template: str | None = None
compile_url_rules_once()
# When the rooms of the factory were added: before any period a test reports on.
ROOMS_SINCE = datetime(2020, 1, 1, tzinfo=UTC)


def pytest_sessionstart(session: Any) -> None:
    """Compile any catalog whose .po is newer than its .mo (``make`` does the same);
    once, in the controlling process when pytest-xdist runs workers."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in Path(__file__).parent.parent.glob("legaldesk/translations/*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source)
            with mo.open("wb") as target:
                write_mo(target, catalog)


def pytest_sessionfinish(session: Any, exitstatus: int) -> None:
    shutil.rmtree(TEST_DOCUMENTS, ignore_errors=True)


def pytest_report_header(config: Any) -> str:
    return f"LegalDesk databases: {', '.join(BACKENDS)}"


def desk_config(url: str) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "AUDIT_KEY": TEST_AUDIT_KEY,
        "SQLALCHEMY_DATABASE_URI": url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "ACCESS_CODE_KEY": TEST_ACCESS_CODE_KEY,
        "SERVER_NAME": "desk.test",
        "DOCUMENTS_PATH": TEST_DOCUMENTS,
    }


def _reset_postgres() -> None:
    """Build the schema once per run, then before each test empty every table and put
    the reference data back, in one round trip. DELETE (children first) and restarting
    the sequences is about seven times faster than TRUNCATE on tables this small, and
    inserting the reference rows as one statement is about fifty queries fewer than
    ``ensure_reference_data`` asking after each one."""
    global _pg_schema_ready, _pg_emptying
    if not _pg_schema_ready:
        db.drop_all()
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        db.create_all()
        ensure_reference_data(db.session)
        db.session.commit()
        _pg_schema_ready = True
        with db.engine.begin() as conn:
            sequences = conn.exec_driver_sql(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()"
            ).scalars()
            _pg_emptying = "; ".join(
                [f'DELETE FROM "{t.name}"' for t in reversed(db.metadata.sorted_tables)]
                + [f'ALTER SEQUENCE "{name}" RESTART' for name in sequences]
                + [_rows_again(conn, model) for model in (Category, ClosingCode)]
            )
    with db.engine.begin() as conn:
        conn.exec_driver_sql(_pg_emptying)


def _rows_again(conn: sa.Connection, model: Any) -> str:
    """One INSERT, with its values written out, of every row ``model``'s table holds."""
    rows = [dict(row) for row in conn.execute(sa.select(model.__table__)).mappings()]
    statement = sa.insert(model.__table__).values(rows)
    return str(statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))


def database_url(backend: str, tmp_path: Any) -> str:
    return PG_URL if backend == "postgresql" else f"sqlite:///{tmp_path / 'desk.sqlite3'}"


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


class _TemplatesCompiledOnce(jinja2.BytecodeCache):
    """Every test builds an app, and each app's Jinja environment would compile the same
    templates again; this keeps their bytecode for the whole worker, keyed (by Jinja) on
    each template's name and source, so an edited template still compiles afresh."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES_COMPILED_ONCE = _TemplatesCompiledOnce()


def prepare(app: Flask, backend: str = "sqlite") -> Flask:
    """An empty schema with the reference data (categories, closing codes)."""
    app.jinja_env.bytecode_cache = TEMPLATES_COMPILED_ONCE
    with app.app_context():
        if backend == "postgresql":
            _reset_postgres()  # the reference data comes back with it
        else:
            db.create_all()
            ensure_reference_data(db.session)
            db.session.commit()
    return app


def fresh_sqlite_app(tmp_path: Any, name: str = "fresh", **settings: Any) -> Flask:
    """An app on a new SQLite file of its own, with settings of its own (e.g. CSRF on)."""
    url = f"sqlite:///{tmp_path / (name + '.sqlite3')}"
    return prepare(create_app({**desk_config(url), **checkpoints_in(tmp_path), **settings}))


def checkpoints_in(tmp_path: Any) -> dict[str, str]:
    """Each test's audit checkpoints in its own folder, never the instance folder."""
    return {"AUDIT_CHECKPOINT_FILE": os.path.join(tmp_path, "audit-checkpoints.log")}


def _copy_of_empty_sqlite_desk(path: Any) -> None:
    """Write an empty desk (schema and reference data) at ``path`` by copying one built
    once per worker: building it costs about 60 ms, copying it about 1 ms."""
    global _sqlite_template
    if _sqlite_template is None:
        template = os.path.join(tempfile.mkdtemp(prefix="legaldesk-template-"), "desk.sqlite3")
        builder = create_app(
            {**desk_config(f"sqlite:///{template}"), **checkpoints_in(os.path.dirname(template))}
        )
        with builder.app_context():
            db.create_all()
            ensure_reference_data(db.session)
            db.session.commit()
            db.session.remove()
            db.engine.dispose()  # the last connection closes: the WAL is folded in
        _sqlite_template = template
    shutil.copyfile(_sqlite_template, path)


@pytest.fixture
def app(backend: str, tmp_path: Any, request: pytest.FixtureRequest) -> Iterator[Flask]:
    settings = {**desk_config(database_url(backend, tmp_path)), **checkpoints_in(tmp_path)}
    if request.node.get_closest_marker("one_lawyer_draws"):
        settings["DRAW_MIN_POOL"] = 1
    if backend == "sqlite":
        _copy_of_empty_sqlite_desk(tmp_path / "desk.sqlite3")
        app = create_app(settings)
        app.jinja_env.bytecode_cache = TEMPLATES_COMPILED_ONCE
    else:
        app = prepare(create_app(settings), backend)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def ctx(app: Flask) -> Iterator[Flask]:
    """An application context for service-level tests."""
    with app.test_request_context():
        yield app
        db.session.rollback()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
_counter = itertools.count(1)


def dummy_intake(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "enterprise": {"name": "杭州远航国际物流有限公司", "uscc": "91330105MA2H00010X"},
        "contact": {"name": "周经理", "phone": "13805710001", "email": "zhou@example.com"},
        "channel": "phone",
        "category": "export_control",
        "countries": ["KZ"],
        "counterparties": ["Steppe Trade LLP"],
        "summary": "拟向某国出口前的法律风险咨询",
        "description": "即将出口物流设备，咨询出口管制和制裁风险。",
        "urgency": "urgent",
    }
    body.update(overrides)
    return body


def create_user(role: str = "intake", **kwargs: Any):
    from legaldesk.admin.service import create_user as create

    n = next(_counter)
    email = kwargs.pop("email", f"{role}{n}@desk.test")
    user = create(
        db.session,
        None,
        NOW,
        email,
        kwargs.pop("name", f"{role} {n}"),
        role,
        kwargs.pop("password", "password123"),
        hash_method=FAST_HASH,
        **kwargs,
    )
    db.session.commit()
    return user


def create_lawyer(name: str | None = None, kind: str = "panel_expert", **kwargs: Any):
    from legaldesk.routing.models import Lawyer

    values = {
        "jurisdictions": ["US", "KZ", "RU"],
        "specialties": ["export_control"],
        "languages": ["zh", "en"],
        "capacity": 5,
        **kwargs,
    }
    lawyer = Lawyer(name=name or f"律师{next(_counter)}", kind=kind, **values)
    db.session.add(lawyer)
    db.session.commit()
    return lawyer


def create_case(actor: Any = None, **overrides: Any):
    """A consultation recorded through the real intake service; answers (case, code)."""
    from legaldesk.cases.service import record_intake

    actor = actor or create_user("intake")
    case, code, _ = record_intake(
        db.session,
        actor,
        overrides.pop("now", NOW),
        dummy_intake(**overrides),
    )
    db.session.commit()
    return case, code


def assign(case: Any, lawyer: Any) -> None:
    """Stand-in for the routing draw (a later issue): set the assignee directly."""
    case.assignee_id = lawyer.id
    db.session.commit()


def token_for(user: Any) -> str:
    from legaldesk.auth.service import create_token

    token = create_token(db.session, None, NOW, user.email)
    db.session.commit()
    return token


def snapshot(obj: Any) -> SimpleNamespace:
    """Column values of a row, usable after its session is gone."""
    mapper = sa.inspect(obj).mapper
    return SimpleNamespace(**{c.key: getattr(obj, c.key) for c in mapper.column_attrs})


class Make:
    """Factories for tests that also make requests: each opens a short app context,
    because a request made while the test holds a context would share its session."""

    def __init__(self, app: Flask):
        self.app = app

    def run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        with self.app.app_context():
            return fn(*args, **kwargs)

    def user(self, role: str = "intake", **kwargs: Any) -> SimpleNamespace:
        def build() -> SimpleNamespace:
            if role == "lawyer" and "lawyer_id" not in kwargs:
                kwargs["lawyer_id"] = create_lawyer().id
            return snapshot(create_user(role, **kwargs))

        return self.run(build)

    def lawyer(self, **kwargs: Any) -> SimpleNamespace:
        return self.run(lambda: snapshot(create_lawyer(**kwargs)))

    def room(
        self,
        name: str = "商事调解室一",
        kind: str = "mediation",
        capacity: int = 8,
        created_at: datetime = ROOMS_SINCE,
        retired_at: datetime | None = None,
    ) -> int:
        """A room, by default there long before any period a test reports on; with
        ``retired_at`` a retired one."""
        from legaldesk.rooms.models import Room

        def build() -> int:
            room = Room(
                name=name,
                kind=kind,
                capacity=capacity,
                created_at=created_at,
                retired_at=retired_at,
                active=retired_at is None,
            )
            db.session.add(room)
            db.session.commit()
            return room.id

        return self.run(build)

    def case(self, actor: Any = None, **overrides: Any) -> SimpleNamespace:
        from legaldesk.auth.models import User

        def build() -> SimpleNamespace:
            user = db.session.get(User, actor.id) if actor is not None else None
            case, code = create_case(user, **overrides)
            return SimpleNamespace(reference=case.reference, code=code, id=case.id)

        return self.run(build)

    def assign(self, case: Any, lawyer_id: int) -> None:
        from legaldesk.cases.models import Consultation

        def do() -> None:
            db.session.get(Consultation, case.id).assignee_id = lawyer_id
            db.session.commit()

        self.run(do)


@pytest.fixture
def make(app: Flask) -> Make:
    return Make(app)


class ApiClient:
    """A test client that sends the bearer token on every call."""

    def __init__(self, client: FlaskClient, token: str, user: Any, language: str | None = None):
        self.client = client
        self.user = user
        self.headers = {"Authorization": f"Bearer {token}"}
        if language:
            self.headers["Accept-Language"] = language

    def __getattr__(self, method: str):
        def call(path: str, **kwargs: Any):
            headers = {**self.headers, **kwargs.pop("headers", {})}
            return getattr(self.client, method)("/api/v1" + path, headers=headers, **kwargs)

        return call


@pytest.fixture
def api_as(make: Make, client: FlaskClient):
    """``api_as("coordinator")`` or ``api_as(user)``: an API client for that user."""

    def build(who: Any = "intake", language: str | None = None) -> ApiClient:
        user = make.user(who) if isinstance(who, str) else who
        from legaldesk.auth.models import User

        token = make.run(lambda: token_for(db.session.get(User, user.id)))
        return ApiClient(client, token, user, language)

    return build


@pytest.fixture
def login(make: Make, client: FlaskClient):
    """Log the client in (a role name makes a new user); answers the user."""

    def do(who: Any = "intake") -> Any:
        user = make.user(who) if isinstance(who, str) else who
        response = client.post("/login", data={"email": user.email, "password": "password123"})
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return do


def count(model: Any) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0
