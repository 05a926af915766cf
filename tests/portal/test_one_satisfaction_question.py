"""The enterprise is asked its satisfaction once: by the loss confirmation while one
is offered, and not again after it (review finding: asked twice on /my); staff read
the enterprise's online answer as what it is, not as an open follow-up."""

from tests.advice_helpers import claimed_loss, enterprise_login

SEPARATE = "您对本次服务满意吗"


def test_asked_once_while_a_confirmation_is_offered_and_not_after(client, login, make, api_as):
    case = claimed_loss(make, api_as)
    enterprise_login(make, client)
    page = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    assert 'class="confirm-loss"' in page and SEPARATE not in page
    answer = client.post(
        f"/my/cases/{case.reference}/losses/{case.followup_id}/confirm",
        data={"answer": "confirm", "satisfaction": "4"},
    )
    assert answer.status_code == 302
    page = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    assert 'class="confirm-loss"' not in page and SEPARATE not in page
    assert "4 / 5" in page

    client.post("/logout")
    login(case.counsel)
    staff = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    card = staff[staff.index('id="followups"') :]
    online = card[card.index("企业在线评价") :]
    heading = online[: online.index("</h3>")]
    assert "到期" not in heading and "作答" in heading
    assert '<dd class="prewrap">—</dd>' not in online[: online.index("</dl>")]


def test_asked_separately_when_no_loss_is_to_confirm(client, make, api_as):
    from tests.advice_helpers import accepted_case, advise

    case = accepted_case(make, api_as)
    assert advise(case).status_code == 200
    enterprise_login(make, client)
    page = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    assert SEPARATE in page
