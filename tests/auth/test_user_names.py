"""The current names of users by id, as the case page's trail shows them."""

from legaldesk.auth.service import user_names
from legaldesk.db import db
from tests.conftest import create_user


def test_names_of_the_users_asked_for(ctx):
    clerk = create_user("intake", name="林晓")
    create_user("coordinator", name="陈思远")
    assert user_names(db.session, {clerk.id, 99999}) == {clerk.id: "林晓"}
    assert user_names(db.session, set()) == {}
