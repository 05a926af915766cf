"""Internal notes are listed with the timeline (issue 12 item 4): in time order with
the status changes, marked as internal, for the staff who may write them only."""

import re

from tests.notes.test_notes import SECRET


def timeline_of(page: str) -> str:
    return re.search(r'<ol class="timeline">(.*?)</ol>', page, re.S).group(1)


def test_a_note_sits_in_the_timeline_after_the_intake(client, make, login, api_as):
    case = make.case()
    login(make.user("coordinator", name="陈思远"))
    client.post(f"/cases/{case.reference}/notes", data={"text": SECRET})
    timeline = timeline_of(client.get(f"/cases/{case.reference}").get_data(as_text=True))
    assert timeline.index("新登记") < timeline.index("内部备注") < timeline.index(SECRET)
    assert '<li class="note">' in timeline and "陈思远" in timeline

    owner = api_as(make.user("enterprise", enterprise_uscc="91330105MA2H00010X"))
    assert SECRET not in str(owner.get(f"/consultations/{case.reference}").json)
