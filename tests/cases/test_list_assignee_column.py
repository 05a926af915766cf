"""The case list names each case's lawyer (the review filtered by lawyer and could not
see, row by row, whose case it was)."""

import re


def test_each_row_names_its_lawyer_or_a_dash(client, login, make):
    clerk = make.user("intake")
    lawyer = make.lawyer(name="黄志强")
    assigned = make.case(clerk)
    waiting = make.case(clerk)
    make.assign(assigned, lawyer.id)
    login("coordinator")
    page = client.get("/cases").get_data(as_text=True)
    assert "<th>承办律师</th>" in page
    rows = {
        reference: row
        for row in page.split("<tr>")[2:]
        for reference in re.findall(r"LD-\d{4}-\w+", row)[:1]
    }
    assert "<td>黄志强</td>" in rows[assigned.reference]
    assert "<td>—</td>" in rows[waiting.reference]
