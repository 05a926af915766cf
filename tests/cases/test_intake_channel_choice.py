"""Issue 12 item 9: the intake does not choose the channel for the clerk. A phone
call recorded under the preselected "walk-in" was silently wrong in every report by
channel; now no channel is ticked and none chosen is an error at the field."""

import re

from legaldesk.cases.models import Consultation
from tests.cases.test_web import INTAKE_FORM
from tests.conftest import count


def test_no_channel_is_ticked_on_a_blank_form(client, login):
    login("intake")
    page = client.get("/intake/new").get_data(as_text=True)
    channels = re.findall(r'<input[^>]*name="channel"[^>]*>', page)
    assert len(channels) == 4 and not any("checked" in c for c in channels)


def test_none_chosen_is_an_error_at_the_field_and_nothing_is_saved(app, client, login):
    login("intake")
    typed = {k: v for k, v in INTAKE_FORM.items() if k != "channel"}
    response = client.post("/intake/new", data=typed)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    fieldset = page.split('name="channel"')[0].rsplit("<fieldset", 1)[1]
    assert "has-error" in fieldset
    after = page.split('name="channel"')[-1].split("</fieldset>")[0]
    assert "请选择一项。" in after
    assert 'value="杭州远航国际物流有限公司"' in page  # the rest is kept
    with app.app_context():
        assert count(Consultation) == 0
