"""A refused follow-up (a wrong amount) comes back with the error under its field and
every answer kept, 422, nothing saved (review finding: the form was emptied)."""

import re

from legaldesk.db import db
from legaldesk.followups.models import FollowUp
from tests.advice_helpers import accepted_case, advise
from tests.followups.test_followups import followups_of


def test_a_wrong_amount_keeps_every_field(client, login, make, api_as):
    case = accepted_case(make, api_as)
    assert advise(case).status_code == 200
    (followup,) = followups_of(make, case)
    login(case.counsel)
    answer = client.post(
        f"/followups/{followup.id}/record",
        data={
            "advice_worked": "partly",
            "result": "企业回电：已暂停发货",
            "loss_avoided_cny": "300万",
            "loss_basis": "按合同金额估算",
            "confirmed_by_enterprise": "1",
            "satisfaction": "4",
        },
    )
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    field = re.search(r'<div class="field[^"]*has-error[^"]*">(.*?)</div>', page, re.S)
    assert field and 'name="loss_avoided_cny"' in field.group(1)
    assert "请填写不小于 0 的整数金额（元）" in field.group(1)
    assert 'value="300万"' in page
    assert re.search(r'value="partly"[^>]*checked', page)
    assert "企业回电：已暂停发货</textarea>" in page
    assert 'value="按合同金额估算"' in page
    assert re.search(r'name="confirmed_by_enterprise" value="1"[^>]*checked', page)
    assert re.search(r'name="satisfaction" value="4"[^>]*checked', page)
    assert make.run(lambda: db.session.get(FollowUp, followup.id).done_at) is None

    done = client.post(
        f"/followups/{followup.id}/record",
        data={
            "advice_worked": "yes",
            "result": "企业回电",
            "loss_avoided_cny": "3000000",
            "loss_basis": "按合同金额估算",
        },
    )
    assert done.status_code == 302
    assert make.run(lambda: db.session.get(FollowUp, followup.id).loss_avoided_cny) == 3_000_000
