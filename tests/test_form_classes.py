"""Issue 12 item 9: every form looks like the rest of the desk. A class that the
stylesheet never defines (the templates once used ``stacked``) silently leaves a
form unstyled, so every class used inside a form must be defined in static/desk.css,
apart from the few that only mark an element for desk.js or for tests."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "legaldesk"
TEMPLATES = PACKAGE / "templates"
STYLESHEET = PACKAGE / "static" / "desk.css"
# Markers, not looks: desk.js finds these, or they name what a form is for.
HOOKS = {"confirm", "uscc", "intake", "lang"}
# Classes the templates once used and the stylesheet never defined.
NEVER_DEFINED = {"stacked"}

_FORM = re.compile(r"<form\b.*?</form>", re.S)
_CLASS = re.compile(r'class="([^"]*)"')
_TAG = re.compile(r"{%.*?%}|{{.*?}}", re.S)


def defined_classes() -> set[str]:
    css = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", css))


def classes_in_forms() -> dict[str, set[str]]:
    """Each template's classes used inside its forms and its form macros (Jinja
    expressions left out: ``status-{{ c.status }}`` is not a class name)."""
    used: dict[str, set[str]] = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        parts = _FORM.findall(text) + ([text] if "_macros" in path.parts else [])
        for part in parts:
            for value in _CLASS.findall(part):
                for name in _TAG.sub(" ", value).split():
                    if re.fullmatch(r"[A-Za-z][\w-]*", name) and not name.endswith("-"):
                        used.setdefault(str(path.relative_to(TEMPLATES)), set()).add(name)
    return used


def test_every_class_used_in_a_form_is_defined_in_the_stylesheet():
    defined = defined_classes() | HOOKS
    undefined = {
        template: sorted(names - defined)
        for template, names in classes_in_forms().items()
        if names - defined
    }
    assert undefined == {}


def test_no_template_uses_a_class_the_stylesheet_never_defined():
    for path in TEMPLATES.rglob("*.html"):
        for value in _CLASS.findall(path.read_text(encoding="utf-8")):
            assert not NEVER_DEFINED & set(_TAG.sub(" ", value).split()), path
    assert not NEVER_DEFINED & defined_classes()


def test_the_forms_are_found():
    used = classes_in_forms()
    assert {"portal/my_new.html", "rooms/week.html", "followups/_panel.html"} <= set(used)
    assert "field" in used["_macros/forms.html"]
