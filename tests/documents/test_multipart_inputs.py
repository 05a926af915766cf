"""A multipart part without a name (the fuzzer sends one) is ignored, never a 500:
the input guard read its name as text."""

import pytest

BODY = (
    b"--b\r\nContent-Disposition: form-data\r\n\r\nnameless\r\n"
    b'--b\r\nContent-Disposition: form-data; name="kind"\r\n\r\nother\r\n--b--\r\n'
)
MULTIPART = "multipart/form-data; boundary=b"


@pytest.mark.parametrize("path", ["/login", "/status"])
def test_a_nameless_part_on_a_page_is_no_500(client, path):
    assert client.post(path, data=BODY, content_type=MULTIPART).status_code < 500


def test_a_nameless_part_on_the_upload_api_is_a_field_error(app, make, api_as):
    case = make.case()
    answer = api_as("intake").post(
        f"/consultations/{case.reference}/documents", data=BODY, content_type=MULTIPART
    )
    assert answer.status_code == 422 and set(answer.json["error"]["fields"]) == {"file"}
