"""A dashboard line shows its first few cases and says how many more its list holds
(the review counted 9 waiting and saw 5, with nothing saying so)."""

from legaldesk.desk.dashboard import SHOWN


def test_a_line_with_more_cases_than_it_shows_says_how_many_more(client, login, make):
    clerk = make.user("intake")
    for _ in range(SHOWN + 2):
        make.case(clerk)
    login("coordinator")
    page = client.get("/").get_data(as_text=True)
    waiting = page.split('id="dash-waiting"')[1].split("</section>")[0]
    assert waiting.count("/cases/LD-") == SHOWN
    assert "另有 2 件" in waiting


def test_a_line_showing_all_its_cases_says_nothing_more(client, login, make):
    clerk = make.user("intake")
    make.case(clerk)
    login("coordinator")
    page = client.get("/").get_data(as_text=True)
    assert "另有" not in page.split('id="dash-waiting"')[1].split("</section>")[0]
