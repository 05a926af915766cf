"""Translatable messages carried by rules without importing Flask.

Rules return :class:`Msg` objects; the edge (a view or the API) translates them
into the user's language with :func:`render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def N_(text: str) -> str:
    """Mark a string for extraction; it is translated later, at the edge."""
    return text


@dataclass(frozen=True)
class Msg:
    text: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:  # untranslated fallback, e.g. in logs
        return self.text % self.params if self.params else self.text


def render(message: Msg | str) -> str:
    """Translate a message into the current request's language."""
    from flask_babel import gettext

    if isinstance(message, Msg):
        translated = gettext(message.text)
        if not message.params:
            return translated
        # A parameter may itself be a message (a reason inside a sentence), or a list
        # of them (several reasons).
        return translated % {name: _param(value) for name, value in message.params.items()}
    return gettext(message)


def _param(value: Any) -> Any:
    if isinstance(value, Msg):
        return render(value)
    if isinstance(value, list | tuple):
        return render(Msg(N_(", "))).join(str(_param(item)) for item in value)
    return value
