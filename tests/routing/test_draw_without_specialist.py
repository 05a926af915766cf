"""Review finding 4: a case whose category no lawyer lists as a specialty cannot be
drawn; the case page says so in Chinese, in place of the draw, with what to do
(指派 a lawyer, or add the specialty in the directory), and the
categories page marks the categories no active lawyer lists."""

from __future__ import annotations

import re

import pytest

from legaldesk.cases.models import Consultation
from legaldesk.db import db

pytestmark = pytest.mark.one_lawyer_draws  # tests of what follows a draw, not of pools


def test_the_refused_draw_comes_back_to_the_case(app, make, client, login):
    make.lawyer(specialties=["export_control"])
    make.lawyer(specialties=["export_control"], active=False)
    case = make.case(category="overseas_ip")
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    message = re.search(r'id="no-draw".*?<p>(.*?)</p>', page, re.S)
    assert message is not None and 'name="contribution"' not in page, page
    text = message.group(1)
    assert "海外知识产权" in text and "指派" in text and "律师名录" in text
    with app.app_context():
        assert db.session.get(Consultation, case.id).status == "new"


def test_the_categories_page_marks_categories_no_lawyer_lists(make, client, login):
    make.lawyer(specialties=["export_control"])
    make.lawyer(specialties=["overseas_ip"], active=False)  # not active: does not count
    login("coordinator")
    page = client.get("/settings/categories").get_data(as_text=True)
    rows = dict(re.findall(r'<tr id="entry-([a-z_]+)"[^>]*>(.*?)</tr>', page, re.S))
    assert "尚无律师擅长此类别" not in rows["export_control"]
    assert "尚无律师擅长此类别" in rows["overseas_ip"]
