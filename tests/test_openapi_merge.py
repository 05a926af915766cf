"""The OpenAPI document is assembled from each wing's own part (its ``apidoc.DOC``):
the kernel merges them and refuses two parts that describe the same path or name
the same schema, since one would silently hide the other."""

import pytest

from legaldesk.api import CHILDREN
from legaldesk.openapi import ApiDoc, content, document, errors, ref

PING = {"get": {"summary": "Ping", "responses": {"200": content(ref("Pong"))}}}
PONG = {"type": "object", "properties": {"ok": {"type": "boolean"}}}


def test_parts_are_merged_with_the_kernel_own():
    doc = document("http://desk/api/v1", [ApiDoc({"Pong": PONG}, {"/ping": PING})])
    assert doc["servers"] == [{"url": "http://desk/api/v1"}]
    assert set(doc["paths"]) == {"/ping", "/openapi.json"}
    assert set(doc["components"]["schemas"]) == {"Pong", "Error"}
    # every operation may answer 400 (legaldesk.inputs refuses control characters)
    assert doc["paths"]["/ping"]["get"]["responses"]["400"] == errors(400)["400"]


def test_a_path_described_twice_is_refused():
    with pytest.raises(ValueError, match="/ping"):
        document("http://desk", [ApiDoc({}, {"/ping": PING}), ApiDoc({}, {"/ping": PING})])


def test_a_schema_named_twice_is_refused():
    with pytest.raises(ValueError, match="Pong"):
        document("http://desk", [ApiDoc({"Pong": PONG}, {}), ApiDoc({"Pong": PONG}, {})])


def test_a_part_may_not_redefine_the_kernel_error_schema():
    with pytest.raises(ValueError, match="Error"):
        document("http://desk", [ApiDoc({"Error": PONG}, {})])


def test_every_child_of_the_api_brings_its_part():
    assert all(isinstance(doc, ApiDoc) and doc.paths for _, doc in CHILDREN)
    assert document("http://desk", [doc for _, doc in CHILDREN])["paths"]  # no clash
