"""Reference-data labels without hidden characters: a bidi override or a zero-width
space makes one category read as another on the intake form (the attack pass added
"\u202eabc" and a label of a single zero-width space)."""

import pytest


@pytest.mark.parametrize("label", ["\u200b", "出口\u202e管制", "\u2066Export\u2069", "a\ufeffb"])
def test_labels_with_hidden_characters_are_field_errors(api_as, label):
    answer = api_as("coordinator").post(
        "/categories", json={"code": "hidden_test", "label_zh": label, "label_en": "Plain"}
    )
    assert answer.status_code == 422
    assert "label_zh" in answer.json["error"]["fields"]


def test_a_rename_with_hidden_characters_changes_nothing(api_as):
    coordinator = api_as("coordinator")
    answer = coordinator.patch("/categories/other", json={"label_en": "Other\u200b"})
    assert answer.status_code == 422
    labels = {c["code"]: c["label_en"] for c in coordinator.get("/categories").json}
    assert labels["other"] == "Other"
