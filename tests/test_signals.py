"""The signals wings meet through: panels come in their order and None offers none,
the first answer wins, and connecting again (every app the process builds does)
connects once."""

from __future__ import annotations

from blinker import Namespace
from jinja2 import ChoiceLoader, DictLoader

from legaldesk import signals


def test_panels_in_order_without_the_nones():
    slot = Namespace().signal("test-slot")
    for answer in (
        signals.Panel("b.html", order=20),
        None,
        signals.Panel("a.html", {"x": 1}, order=10),
    ):
        signals.connect(slot, lambda sender, answer=answer, **kw: answer)
    assert [p.template for p in signals.panels(slot, object())] == ["a.html", "b.html"]


def test_no_receiver_no_panel_and_no_answer():
    slot = Namespace().signal("test-empty")
    assert signals.panels(slot, object()) == []
    assert signals.first_answer(slot, object()) is None


def test_the_first_answer_that_is_not_none_wins():
    question = Namespace().signal("test-question")
    signals.connect(question, lambda sender, **kw: None)
    signals.connect(question, lambda sender, **kw: f"{sender}:{kw['n']}")
    assert signals.first_answer(question, "case", n=3) == "case:3"


def test_connecting_again_connects_once():
    event = Namespace().signal("test-event")
    heard = []

    def receiver(sender, **kw):
        heard.append(sender)

    signals.connect(event, receiver)
    signals.connect(event, receiver)
    event.send("x")
    assert heard == ["x"]


def test_an_advised_case_is_heard_by_follow_ups(app):
    """The factory wires the follow-ups wing to ``case_advised``."""
    receivers = list(signals.case_advised.receivers.values())
    assert any(getattr(r, "__module__", "") == "legaldesk.followups.hooks" for r in receivers)


def test_a_wing_adds_a_panel_to_the_case_page(app, client, login, make):
    """The case page shows whatever panel a receiver offers, in its order, with its
    own context and the case."""
    case = make.case()
    app.jinja_env.loader = ChoiceLoader(
        [
            DictLoader({"test/_panel.html": "<p>{{ word }} {{ case.reference }}</p>"}),
            app.jinja_loader,
        ]
    )

    def offer(sender, **kw):
        return signals.Panel("test/_panel.html", {"word": "PANEL"}, order=5)

    signals.connect(signals.case_panels, offer)
    try:
        login("coordinator")
        page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    finally:
        signals.case_panels.disconnect(offer)
    assert f"PANEL {case.reference}" in page
    assert page.index(f"PANEL {case.reference}") < page.index('id="followups"')
