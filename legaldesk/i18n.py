"""Language choice and the labels that templates and the API show."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from babel import Locale, UnknownLocaleError
from flask import Flask, current_app, request, session, url_for
from flask_babel import format_datetime, get_locale
from flask_login import current_user

from legaldesk.countries import country_name
from legaldesk.messages import render
from legaldesk.zone import desk_zone


def select_locale() -> str:
    """The user's pick, then their saved choice, then the browser's, else Chinese.

    Babel reads "zh_CN" as zh_Hans_CN, so the Chinese catalog lives in
    translations/zh_Hans_CN; "zh_CN" stays the code users and settings see.
    """
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("lang")
    if chosen not in languages and current_user and current_user.is_authenticated:
        chosen = current_user.locale
    if chosen not in languages:
        best = request.accept_languages.best_match(["zh_CN", "zh", "en"]) if request else None
        chosen = "en" if best == "en" else current_app.config["BABEL_DEFAULT_LOCALE"]
    return str(chosen)


def locale_name() -> str:
    return str(get_locale() or "zh_CN")


def is_chinese() -> bool:
    return locale_name().startswith("zh")


def table_label(table: Mapping[str, Any], key: str | None) -> str:
    """A wing's label for a stored code in the reader's language; an unknown code as
    it is (an old row outlives its label)."""
    return render(table[key]) if key is not None and key in table else (key or "")


def data_label(row: object) -> str:
    """Rows kept as data (categories, closing codes, rooms) carry both languages; a row
    may also come as a mapping of its fields (a report's figures)."""
    if row is None:
        return ""

    def field(name: str) -> Any:
        return row.get(name) if isinstance(row, Mapping) else getattr(row, name, None)

    if is_chinese():
        return str(field("label_zh") or field("name") or "")
    return str(field("label_en") or field("name_en") or field("name") or "")


def local_country_name(code: str) -> str:
    return country_name(code, locale_name())


def join_names(names: Iterable[str]) -> str:
    """A list of names (countries, regions, specialties) joined the reader's way:
    "、" in Chinese; "; " in English, since names such as "Macao, China" hold commas
    themselves and ", " would run them together."""
    return ("、" if is_chinese() else "; ").join(names)


def countries_text(codes: Iterable[str]) -> str:
    """Countries and regions by name, in the reader's language, joined their way."""
    return join_names(local_country_name(code) for code in codes)


def language_name(code: str) -> str:
    """A language code of the directory ("zh", "en") by its name in the reader's
    language (Babel's names); an unknown code as it is."""
    try:
        return Locale.parse(locale_name()).languages.get(code.replace("-", "_"), code)
    except (ValueError, UnknownLocaleError):
        return code


def local_time(value: datetime | None, pattern: str = "yyyy-MM-dd HH:mm") -> str:
    if value is None:
        return ""
    return format_datetime(value.astimezone(desk_zone()), pattern, rebase=False)


def to_local_iso(value: datetime | None) -> str | None:
    """ISO 8601 with the desk's offset, as the API shows times."""
    if value is None:
        return None
    return value.astimezone(desk_zone()).isoformat()


def yuan(amount: int | None) -> str:
    """Integer yuan as the desk writes money: ¥3,000,000 (no floats anywhere)."""
    return "" if amount is None else f"¥{amount:,}"


def weekday_name(iso_weekday: int) -> str:
    from babel.dates import get_day_names

    return get_day_names("wide", locale=locale_name())[iso_weekday - 1]


def without_access_code(path: str) -> str:
    """A same-site path with any ``code`` query parameter (an enterprise's access code
    from a status link) removed, so that no redirect puts it back in the address bar."""
    parts = urlsplit(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "code"]
    return urlunsplit(("", "", parts.path, urlencode(query), parts.fragment))


def link(endpoint: str, query: Mapping[str, object] | None = None, **more: object) -> str:
    """The address of ``endpoint`` with ``query`` (and ``more``) as its query string.
    Unlike ``url_for(endpoint, **query)``, no name in it is taken as url_for's own
    (``_external``, ``_anchor``, ``_method``, ``endpoint``…), so lists may pass their
    filters through (the pager, export links)."""
    values = {k: v for k, v in {**(query or {}), **more}.items() if v not in (None, "")}
    path = url_for(endpoint)
    return path + "?" + urlencode(values) if values else path


def return_path() -> str:
    """Where the language switch comes back to: this page, without an access code."""
    return without_access_code(request.full_path.rstrip("?"))


def register(app: Flask) -> None:
    app.jinja_env.filters["localtime"] = local_time
    app.jinja_env.globals.update(
        data_label=data_label,
        country_name=local_country_name,
        countries_text=countries_text,
        join_names=join_names,
        link=link,
        locale_name=locale_name,
        return_path=return_path,
        weekday_name=weekday_name,
        yuan=yuan,
    )
