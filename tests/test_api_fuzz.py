"""Schemathesis fuzzes every operation of the OpenAPI document: the API never answers
500, answers only with status codes and bodies the document describes. Hostile values
(NUL and other control characters, lone surrogates, ids that do not exist or overflow
an integer) are spliced into its cases on both engines: PostgreSQL answered a NUL
with a 500, SQLite read ``q=%00`` as a match for everything."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from legaldesk.auth.models import User
from legaldesk.db import db
from tests.conftest import (
    create_app,
    create_case,
    create_user,
    database_url,
    desk_config,
    fresh_sqlite_app,
    prepare,
    token_for,
)

pytestmark = pytest.mark.slow
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def bounded(variable: str, examples: int):
    """Hypothesis settings for one operation: ``examples`` cases unless ``variable`` says."""
    return settings(
        max_examples=int(os.environ.get(variable, examples)),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def operations(app):
    """Every operation of the served document, on a desk with one case and a coordinator."""
    with app.app_context():
        user = create_user("coordinator")
        create_case(db.session.get(User, user.id))
        token = token_for(user)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()], token


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda m: m.value)
def test_the_api_never_answers_500_and_keeps_its_document(tmp_path, mode):
    """Positive cases follow the document; negative ones break it on purpose."""
    # Driven through plain Hypothesis: schemathesis' pytest plugin does not run on pytest 9.
    found, token = operations(fresh_sqlite_app(tmp_path, "fuzz", SERVER_NAME=None))
    assert len(found) >= 8
    fuzz_all(found, token, mode)


def fuzz_all(found, token: str, mode) -> None:
    """Each operation with ``token``: every check for positive cases, no 500 for negative."""
    checks = CHECKS if mode is GenerationMode.POSITIVE else [not_a_server_error]
    for operation in found:
        # 20 cases an operation and mode keep CI under its 20 minutes (40 took 127 s
        # of 1,330); FUZZ_EXAMPLES=200 for a deeper run before a release.
        @bounded("FUZZ_EXAMPLES", 20)
        @given(case=operation.as_strategy(mode))
        def fuzz(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=checks)

        fuzz()


HOSTILE_TEXT = ["\x00", "a\x00b", "%00", "\x1b[0m", "\x7f"]  # lone surrogates: tests/test_inputs.py
HOSTILE_NUMBERS = [0, -1, 999, 2**31 - 1, 2**31, 2**63, 10**30, True]  # inf: requests refuses it


def spoil(value, draw):
    """``value`` with some leaves swapped for hostile ones: text gets control
    characters, numbers become ids that do not exist or overflow."""
    if isinstance(value, dict):
        return {key: spoil(item, draw) for key, item in value.items()}
    if isinstance(value, list):
        return [spoil(item, draw) for item in value]
    if not draw(st.booleans()):
        return value
    if isinstance(value, str):
        return value + draw(st.sampled_from(HOSTILE_TEXT))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return draw(st.sampled_from(HOSTILE_NUMBERS))
    return value


def test_hostile_values_never_answer_500(backend, tmp_path):
    """Every operation, on each engine, with hostile values in its query, path and
    body (a few hundred cases in all: PostgreSQL is where a NUL used to break)."""
    settings_ = {**desk_config(database_url(backend, tmp_path)), "SERVER_NAME": None}
    app = prepare(create_app(settings_), backend)
    found, token = operations(app)
    for operation in found:

        @bounded("FUZZ_HOSTILE_EXAMPLES", 8)
        @given(case=operation.as_strategy(GenerationMode.POSITIVE), data=st.data())
        def fuzz(case, data):
            for part in ("query", "path_parameters", "body"):
                value = getattr(case, part, None)
                if isinstance(value, (dict, list)):
                    setattr(case, part, spoil(value, data.draw))
            case.call_and_validate(
                headers={"Authorization": f"Bearer {token}"}, checks=[not_a_server_error]
            )

        fuzz()
