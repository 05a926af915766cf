"""Review finding 6: GET /api/v1/reports/summary answers a logged-in coordinator's
or admin's browser as well as a bearer token; anonymous callers get 401 as before,
other roles 403, and every other API stays token-only."""

SUMMARY = "/api/v1/reports/summary?from=2026-01-01&to=2026-12-31"


def test_a_logged_in_coordinator_reads_the_summary_in_the_browser(client, login, make):
    make.case(make.user("intake"))
    login("coordinator")
    response = client.get(SUMMARY)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.json["consultations"] == 1


def test_an_admin_too_and_a_token_still_works(client, login, api_as):
    api = api_as("coordinator")
    assert api.get("/reports/summary?from=2026-01-01&to=2026-12-31").status_code == 200
    login("admin")
    assert client.get(SUMMARY).status_code == 200


def test_anonymous_is_401_a_clerk_403_and_other_apis_stay_token_only(client, login):
    assert client.get(SUMMARY).status_code == 401
    login("intake")
    assert client.get(SUMMARY).status_code == 403
    login("coordinator")
    assert client.get("/api/v1/consultations").status_code == 401
