"""Every test builds an app, and each app turns its URL rules into builder functions:
werkzeug writes and compiles Python source for each rule, twice, which made the
routing tests about 5 % slower. A builder depends only on the
rule's text, its host or subdomain, its defaults and whether unknown arguments are
appended, so one compiled per worker serves every app. The app under test is unchanged:
each rule still binds the shared function to itself and to its own converters."""

from __future__ import annotations

from typing import Any

from werkzeug.routing.rules import Rule

_compile_builder = Rule._compile_builder
_builders: dict[tuple[Any, ...], Any] = {}


def _builder_once(rule: Rule, append_unknown: bool = True) -> Any:
    assert rule.map is not None
    key = (
        rule.rule,
        rule.host if rule.map.host_matching else rule.subdomain,
        rule.merge_slashes,
        append_unknown,
        tuple(sorted((name, repr(value)) for name, value in (rule.defaults or {}).items())),
    )
    builder = _builders.get(key)
    if builder is None:
        builder = _builders[key] = _compile_builder(rule, append_unknown)
    return builder


def compile_url_rules_once() -> None:
    """From now on, in this process, each distinct rule is compiled once."""
    Rule._compile_builder = _builder_once  # type: ignore[method-assign]
