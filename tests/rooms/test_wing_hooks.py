"""Rooms sit below mediation (issue 11): the rooms wing imports nothing of the
mediation wing. Where a booking concerns a mediation, rooms sends a signal
(legaldesk/signals.py) and mediation's hooks answer it."""

import ast
from pathlib import Path

from blinker import Namespace

from legaldesk import create_app, signals
from tests.conftest import desk_config

ROOMS = Path(__file__).resolve().parents[2] / "legaldesk" / "rooms"


def _imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_the_rooms_wing_imports_nothing_of_mediation():
    upward = {
        f"{path.name}: {name}"
        for path in sorted(ROOMS.glob("*.py"))
        for name in _imported(path)
        if name == "legaldesk.mediation" or name.startswith("legaldesk.mediation.")
    }
    assert upward == set()


def test_the_first_answer_that_is_not_none_wins():
    question = Namespace().signal("question")
    assert signals.first_answer(question, "ref") is None  # nobody listens

    def silent(sender, **kw):
        return None

    def answers(sender, **kw):
        return [sender, kw["viewer"]]

    question.connect(silent, weak=False)
    question.connect(answers, weak=False)
    assert signals.first_answer(question, "ref", viewer="v") == ["ref", "v"]


def test_every_app_connects_the_mediation_receivers_once(tmp_path):
    """Tests build many apps; connecting again must not call a receiver twice."""
    for n in range(3):
        create_app(desk_config(f"sqlite:///{tmp_path / f'{n}.sqlite3'}"))
    for signal in (signals.booking_no_show, signals.session_participants):
        names = [getattr(r, "__module__", "") for r in signal.receivers.values()]
        assert names.count("legaldesk.mediation.hooks") == 1, names
