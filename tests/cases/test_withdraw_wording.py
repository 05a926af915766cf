"""Review fix (issue 12): the withdrawal confirmation no longer says it cannot be
undone, since a coordinator can reopen a withdrawn case (with a reason)."""


def test_the_withdrawal_confirmation_says_a_coordinator_can_reopen(client, login, make):
    case = make.case()
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "无法恢复" not in page
    assert "协调员可以说明理由后恢复办理" in _withdraw_confirmation(page)
    english = client.get(f"/cases/{case.reference}", headers={"Accept-Language": "en"})
    text = _withdraw_confirmation(english.get_data(as_text=True))
    assert "cannot be undone" not in text and "reopen" in text


def _withdraw_confirmation(page):
    button = page.split('value="withdrawn"', 1)[1]
    return button.split('data-confirm="', 1)[1].split('"', 1)[0]
