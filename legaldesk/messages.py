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
    if isinstance(message, Msg):
        translated = _gettext(message.text)
        if not message.params:
            return translated
        # A parameter may itself be a message (a reason inside a sentence), or a list
        # of them (several reasons).
        return translated % {name: _param(value) for name, value in message.params.items()}
    return _gettext(message)


def _gettext(text: str) -> str:
    """Flask-Babel's gettext, with the catalog looked up once per request and
    language: a case's labels asked for it a dozen times, each a walk through
    Flask-Babel's context, domain and cache. Keyed by the language in force, so
    ``force_locale`` (a mail in its reader's language) still gets its own."""
    from flask import g
    from flask_babel import get_locale, get_translations, gettext

    if not g:  # no app context: Flask-Babel's own answer (the text as it is)
        return gettext(text)
    catalogs = g.setdefault("_legaldesk_catalogs", {})
    language = str(get_locale())
    catalog = catalogs.get(language)
    if catalog is None:
        catalog = catalogs[language] = get_translations()
    return catalog.ugettext(text)


def _param(value: Any) -> Any:
    if isinstance(value, Msg):
        return render(value)
    if isinstance(value, list | tuple):
        return render(Msg(N_(", "))).join(str(_param(item)) for item in value)
    return value
