"""One guard for input no database takes alike, run before anything reads the database.

PostgreSQL refuses NUL in text (a 500, even on /login), SQLite's LIKE stops reading a
pattern at NUL (``q=%00`` matched every case), a lone surrogate cannot be encoded as
UTF-8 and spreadsheets refuse control characters. Tab, newline and carriage return
stay allowed: descriptions have lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, Request, current_app, request

from legaldesk.errors import ForbiddenCharacters, NestedTooDeep
from legaldesk.messages import N_, Msg

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
REMOVE = Msg(N_("Remove the control characters (such as NUL) from this field."))
MAX_JSON_DEPTH = 32  # our bodies nest three deep; Python's parser gives up near 1,000
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# What an upload form sends beside its file: the multipart framing and a few fields.
UPLOAD_FRAMING = 64 * 1024
F = TypeVar("F", bound=Callable)


def takes_uploads(setting: str) -> Callable[[F], F]:
    """Mark a view that receives a file: its body may be as large as the config value
    ``setting`` (bytes) plus UPLOAD_FRAMING, and no more; every other request keeps
    MAX_CONTENT_LENGTH (2 MB), so a large body is refused before anyone parses it."""

    def mark(view: F) -> F:
        view._legaldesk_upload_limit = setting  # type: ignore[attr-defined]
        return view

    return mark


def _allow_upload_body() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    setting = getattr(view, "_legaldesk_upload_limit", None)
    if setting is not None:
        request.max_content_length = int(current_app.config[setting]) + UPLOAD_FRAMING


def is_clean(value: str) -> bool:
    return FORBIDDEN.search(value) is None


def _shown(name: str) -> str:
    """A field name fit to echo back (its own bad characters replaced)."""
    return FORBIDDEN.sub("?", name)


def refuse(field: str | None) -> ForbiddenCharacters:
    return ForbiddenCharacters(fields={_shown(field): [REMOVE]} if field else None)


def check_json(data: Any) -> None:
    """Walks a parsed body without recursion: ForbiddenCharacters naming the field
    (``contact.name``; a list by its own name), NestedTooDeep past MAX_JSON_DEPTH."""
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise NestedTooDeep()
        if isinstance(value, str):
            if not is_clean(value):
                raise refuse(path)
        elif isinstance(value, dict):
            for key, item in value.items():
                name = f"{path}.{key}" if path else key
                if not is_clean(key):
                    raise refuse(name)
                stack.append((item, name, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, path, depth + 1) for item in value)


def load_json(req: Request) -> Any:
    """The body as JSON (whatever its Content-Type), None when it is not JSON."""
    try:
        data = req.get_json(silent=True, force=True)
    except RecursionError:  # the parser's own limit, before our walk could look
        raise NestedTooDeep() from None
    check_json(data)
    return data


def _first_bad(pairs: Any) -> str | None:
    """The name of the first (name, value) pair with a forbidden character (a
    multipart part without a name has the name None: nothing reads it)."""
    for name, value in pairs:
        if name is None:
            continue
        if not is_clean(name) or (isinstance(value, str) and not is_clean(value)):
            return name
    return None


def _path_field(req: Request) -> str | None:
    for name, value in (req.view_args or {}).items():
        if isinstance(value, str) and not is_clean(value):
            return name
    return None


def guard() -> None:
    """Refuse forbidden characters in the path, query, headers, form and JSON body."""
    _allow_upload_body()  # before anything reads the body
    if not is_clean(request.path):
        raise refuse(_path_field(request))
    for pairs in (request.args.items(multi=True), request.headers.items()):
        bad = _first_bad(pairs)
        if bad is not None:
            raise refuse(bad)
    if request.mimetype in FORM_TYPES:
        bad = _first_bad(request.form.items(multi=True))
        files = ((name, f.filename or "") for name, f in request.files.items(multi=True))
        bad = bad or _first_bad(files)
        if bad is not None:
            raise refuse(bad)
    elif request.path.startswith("/api/") and request.get_data(cache=True):
        load_json(request)


def register(app: Flask) -> None:
    """Install the guard first, ahead of the rate limiter, CSRF and login hooks."""
    app.before_request_funcs.setdefault(None, []).insert(0, guard)
