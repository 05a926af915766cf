"""A refusal with several field messages reads as sentences, not "。; " pasted between."""

from legaldesk.flashing import join_sentences


def test_sentences_keep_their_own_stops_and_fragments_get_semicolons():
    assert join_sentences(["须在开放时间内。", "该场地最多容纳 40 人。"]) == (
        "须在开放时间内。 该场地最多容纳 40 人。"
    )
    assert join_sentences(["too early", "too long"]) == "too early; too long"
    assert join_sentences([]) == ""
