"""Schemathesis on the /users operations with an admin's token (the house fuzz run
uses a coordinator's, who is refused 403 before any field is read): never a 500,
and only the statuses and bodies the document describes, on both engines."""

import pytest
import schemathesis
from schemathesis import GenerationMode

from legaldesk.auth.models import User
from legaldesk.db import db
from tests.conftest import (
    create_app,
    create_lawyer,
    create_user,
    database_url,
    desk_config,
    prepare,
    token_for,
)
from tests.test_api_fuzz import fuzz_all

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda m: m.value)
def test_the_users_api_never_answers_500(backend, tmp_path, mode):
    settings_ = {**desk_config(database_url(backend, tmp_path)), "SERVER_NAME": None}
    app = prepare(create_app(settings_), backend)
    with app.app_context():
        admin = create_user("admin")
        create_user("admin")  # so that some demotions succeed
        create_lawyer()
        token = token_for(db.session.get(User, admin.id))
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    found = [
        result.ok()
        for result in schema.get_all_operations()
        if result.ok().path in ("/users", "/users/{user_id}")
    ]
    assert len(found) == 4
    fuzz_all(found, token, mode)
