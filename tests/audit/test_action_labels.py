"""Every action the code writes to the audit log has words in both languages, so the
trail never shows a raw code such as ``routing.draw``."""

from __future__ import annotations

import ast
from pathlib import Path

from flask_babel import force_locale

from legaldesk.audit.labels import audit_action_label
from legaldesk.audit.rules import ACTION_LABELS

SOURCE = Path(__file__).resolve().parents[2] / "legaldesk"


def recorded_actions() -> set[str]:
    """The action argument (the fourth) of every ``record(...)`` call, with both
    branches of a conditional."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 4:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else None
            if name != "record":
                continue
            action = node.args[3]
            branches = [action.body, action.orelse] if isinstance(action, ast.IfExp) else [action]
            found |= {b.value for b in branches if isinstance(b, ast.Constant)}
    return found


def test_every_recorded_action_has_a_label():
    actions = recorded_actions()
    assert "routing.draw" in actions and "consultation.create" in actions
    assert actions - set(ACTION_LABELS) == set()


def test_the_labels_read_in_chinese(app):
    with app.test_request_context(), force_locale("zh_CN"):
        unread = [a for a in ACTION_LABELS if audit_action_label(a) == str(ACTION_LABELS[a])]
    assert unread == []
