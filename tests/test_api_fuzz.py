"""Schemathesis fuzzes every operation of the OpenAPI document: the API never answers
500, answers only with status codes and bodies the document describes."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from legaldesk.auth.models import User
from legaldesk.db import db
from tests.conftest import create_case, create_user, fresh_sqlite_app, token_for

pytestmark = pytest.mark.slow
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def operations(tmp_path):
    """Every operation of the served document, on a desk with one case and a coordinator."""
    app = fresh_sqlite_app(tmp_path, "fuzz", SERVER_NAME=None)
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
    found, token = operations(tmp_path)
    assert len(found) >= 8
    checks = CHECKS if mode is GenerationMode.POSITIVE else [not_a_server_error]
    for operation in found:

        @settings(
            max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(mode))
        def fuzz(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=checks)

        fuzz()
