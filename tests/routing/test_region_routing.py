"""涉港澳台 stays in the panel's remit (issue 13 item 3): a case naming Hong Kong,
Macao or Taiwan is drawn from the panel (then partner firms), never the duty roster,
though it is not foreign-related."""

import pytest

from tests.cases.test_regions import HK_FINANCE
from tests.draw_helpers import route_and_draw

pytestmark = pytest.mark.one_lawyer_draws  # tests of what follows a draw, not of pools


def test_a_hong_kong_case_goes_to_the_panel_not_the_duty_roster(make, api_as):
    panel = {make.lawyer(jurisdictions=["HK", "GB"], specialties=["export_control"]).id}
    make.lawyer(kind="firm_lawyer", jurisdictions=["HK"], on_duty=True)
    case = make.case(**HK_FINANCE)
    api = api_as("coordinator")
    assert api.get(f"/consultations/{case.reference}").json["foreign_related"] is False
    body = route_and_draw(api, case.reference).json
    if "chosen" not in body.get("draw", {}):  # the draw waits for a contribution
        body = api.post(
            f"/draws/{body['draw']['id']}/contribution",
            json={"contribution": "314159", "source": "witness"},
        ).json
    assert body["assignee"]["id"] in panel and body["assignee"]["kind"] == "panel_expert"


def test_nobody_on_the_panel_widens_to_partner_firms_for_taiwan(make, api_as):
    firm_lawyer = make.lawyer(kind="firm_lawyer", jurisdictions=["TW"])
    make.lawyer(kind="firm_lawyer", jurisdictions=["TW"], on_duty=True, capacity=0)
    case = make.case(countries=["TW"], counterparties=["台积精密股份有限公司"])
    body = route_and_draw(api_as("coordinator"), case.reference).json
    if "chosen" not in body.get("draw", {}):
        body = (
            api_as("coordinator")
            .post(
                f"/draws/{body['draw']['id']}/contribution",
                json={"contribution": "271828", "source": "witness"},
            )
            .json
        )
    assert body["assignee"]["id"] == firm_lawyer.id
