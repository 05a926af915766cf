"""When two entries of a kept list read the same: categories, closing codes and rooms
are picked by their labels (the intake's category picker, the closing form, the
booking form's rooms), so two entries in use that read alike make the pick a guess.
Plain Python, below every wing.

Each language is compared within itself (a Chinese label with Chinese labels) after
folding (textkey: traditional to simplified, NFKC so full-width ＡＢＣ is ABC, case)
and dropping every space, so "Trade Fairs", "trade  fairs" and "ＴｒａｄｅＦａｉｒｓ"
are one label, and so are "出口管制與制裁" and "出口管制与制裁". Invisible characters
are refused before (validation.visible_text). Look-alike letters of other scripts
(a Cyrillic "а" in a Latin name) are not folded yet: that needs a confusables table.
Only the entries in use count: a retired one is offered nowhere, and is checked when
it is reinstated.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from legaldesk.errors import FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.textkey import fold


def label_key(text: str) -> str:
    """The label as compared: folded (textkey.fold), without spaces, and without
    combining marks that NFKC left loose (a stray accent on a Chinese character reads
    as the character alone)."""
    folded = "".join(fold(text or "").split())
    return "".join(c for c in folded if unicodedata.category(c) not in ("Mn", "Me"))


def clashes(labels: Mapping[str, str], others: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """field -> the other entry's label, for each of ``labels`` (by field name, one
    field a language) that reads as the same field of one of ``others`` (the other
    entries in use of the same list). An empty label (an optional English name)
    never clashes."""
    wanted = {field: label_key(text) for field, text in labels.items() if label_key(text)}
    found: dict[str, str] = {}
    for other in others:
        for field, key in wanted.items():
            if field not in found and label_key(other.get(field, "")) == key:
                found[field] = other[field]
    return found


def refuse_clashes(
    errors: FieldErrors, labels: Mapping[str, str], others: Iterable[Mapping[str, str]]
) -> None:
    """Each clash as an error at its field, naming the label already in use."""
    for field, other in clashes(labels, others).items():
        errors.add(
            field,
            Msg(
                N_(
                    "“%(label)s” is already in use for another entry; "
                    "choose a name that tells them apart, or retire the other first."
                ),
                {"label": other},
            ),
        )
