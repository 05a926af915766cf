"""What a case document may be: its kind, its name, its real type (read from the
content, never from the name or the browser), its size. Plain Python.

The desk keeps PDF, images (PNG, JPEG, GIF, WebP), Office documents (OOXML and the
older OLE2 formats) and plain text (UTF-8 or GB18030). Anything a browser could run
(HTML, SVG, scripts) or a computer could execute is refused, and so is content that
is not what its name's extension says: a page renamed ``.pdf`` is still a page.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

from legaldesk.errors import DocumentTooLarge, DocumentTypeRefused, FieldErrors
from legaldesk.messages import N_, Msg

KINDS = ("advice_letter", "evidence", "contract", "mediation_agreement", "other")
KIND_LABELS = {
    "advice_letter": N_("Advice letter"),
    "evidence": N_("Evidence file"),
    "contract": N_("Contract"),
    "mediation_agreement": N_("Signed mediation agreement"),
    "other": N_("Other document"),
}
MAX_NAME = 120  # characters, extension included
FALLBACK_NAME = "document"

# Each family of content, with the extensions a file of it may carry and their types.
FAMILIES: dict[str, dict[str, str]] = {
    "pdf": {"pdf": "application/pdf"},
    "png": {"png": "image/png"},
    "jpeg": {"jpg": "image/jpeg", "jpeg": "image/jpeg"},
    "gif": {"gif": "image/gif"},
    "webp": {"webp": "image/webp"},
    "docx": {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "pptx": {"pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    # The older Office formats share one container (OLE2); the name tells which it is.
    "ole2": {
        "doc": "application/msword",
        "xls": "application/vnd.ms-excel",
        "ppt": "application/vnd.ms-powerpoint",
    },
    "text": {"txt": "text/plain"},
}
EXTENSIONS = {ext: family for family, exts in FAMILIES.items() for ext in exts}
CONTENT_TYPES = sorted({t for exts in FAMILIES.values() for t in exts.values()})
ACCEPTED = " ".join(f".{ext}" for ext in EXTENSIONS)

_EXECUTABLE = (
    b"\x7fELF",
    b"\xcf\xfa\xed\xfe",  # Mach-O
    b"\xce\xfa\xed\xfe",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xca\xfe\xba\xbe",  # Mach-O universal (and Java classes)
    b"#!",  # scripts
)
_OFFICE_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Where Word ("Macros"), Excel ("_VBA_PROJECT_CUR") and PowerPoint keep a VBA project.
_VBA_STORAGES = ("_VBA_PROJECT", "_VBA_PROJECT_CUR", "VBA", "MACROS")
_MARKUP = ("<!doctype", "<html", "<svg", "<script", "<?xml", "<head", "<body", "<iframe")
_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_WINDOWS_UNSAFE = re.compile(r'[<>:"|?*]')

NOT_ACCEPTED = Msg(
    N_("This type of file is not accepted. Upload PDF, images, Office documents or plain text.")
)
PROGRAM = Msg(N_("Programs and scripts are not accepted."))
WEB_PAGE = Msg(N_("Web pages and SVG images are not accepted (they could run code)."))
NOT_OFFICE = Msg(N_("Only Office documents are accepted as ZIP files; other archives are not."))
MACROS = Msg(N_("Office documents with macros are not accepted."))


@dataclass(frozen=True)
class Checked:
    """What the desk stores of an upload: its safe name and its real type."""

    name: str
    content_type: str


def parse_kind(errors: FieldErrors, raw: Any) -> str:
    if raw not in KINDS:
        errors.add("kind", Msg(N_("Choose one of the listed options.")))
        return ""
    return str(raw)


def parse_shared(errors: FieldErrors, raw: Any) -> bool:
    """``shared``: a JSON boolean or a form's ``true``/``false``/``1``/``0``/``on``;
    absent means internal."""
    if isinstance(raw, bool):
        return raw
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", "false", "0", "off")):
        return False
    if isinstance(raw, str) and raw.strip().lower() in ("true", "1", "on"):
        return True
    errors.add("shared", Msg(N_("Answer true or false.")))
    return False


def safe_name(raw: Any) -> str:
    """The file's own name, fit to store and to send back: no folders (``../``), no
    control or invisible formatting characters (CR, LF, a right-to-left override that
    turns ``exe.pdf`` around), no characters Windows refuses, at most MAX_NAME
    characters with the extension kept."""
    name = unicodedata.normalize("NFC", raw if isinstance(raw, str) else "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(
        " " if ch.isspace() else ch  # CR, LF, tab and the like become plain spaces
        for ch in name
        if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")
    )
    name = _WINDOWS_UNSAFE.sub("_", " ".join(name.split())).strip(". ")
    if not name:
        return FALLBACK_NAME
    if len(name) <= MAX_NAME:
        return name
    stem, dot, ext = name.rpartition(".")
    if dot and 0 < len(ext) <= 10:
        return stem[: MAX_NAME - len(ext) - 1].rstrip(". ") + "." + ext
    return name[:MAX_NAME].rstrip(". ")


def extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise DocumentTooLarge(
            Msg(N_("The file is larger than %(limit)s."), {"limit": format_size(limit)})
        )


def format_size(size: int) -> str:
    """``12 B``, ``3.4 KB``, ``20 MB`` (binary units, as file managers show them)."""
    if size < 1024:
        return f"{size} B"
    scaled, unit = size / 1024, "KB"
    for bigger in ("MB", "GB"):
        if scaled < 1024:
            break
        scaled, unit = scaled / 1024, bigger
    return f"{scaled:.1f}".removesuffix(".0") + f" {unit}"


def check_type(name: str, data: bytes) -> Checked:
    """The stored name and real type of ``data`` uploaded as ``name`` (already safe),
    or DocumentTypeRefused saying why. A name without an extension gets the one of
    its content."""
    family, text_charset = _family(data)
    ext = extension(name)
    if not ext:
        if family == "ole2":  # which of Word, Excel or PowerPoint only the name says
            raise DocumentTypeRefused(
                Msg(N_("Give the file its extension (such as .doc or .xls) and upload it again."))
            )
        ext = next(iter(FAMILIES[family]))
        name = safe_name(f"{name}.{ext}")
    elif ext not in EXTENSIONS:
        raise DocumentTypeRefused(
            Msg(N_("Files ending in .%(ext)s are not accepted."), {"ext": ext[:10]})
        )
    elif EXTENSIONS[ext] != family:
        raise DocumentTypeRefused(
            Msg(N_("The file's content does not match its name's ending .%(ext)s."), {"ext": ext})
        )
    content_type = FAMILIES[family][ext]
    if text_charset:
        content_type += f"; charset={text_charset}"
    return Checked(name, content_type)


def _family(data: bytes) -> tuple[str, str | None]:
    """The family of the content (and a text's charset), read from its bytes."""
    windows_program = data.startswith(b"MZ") and b"\x00" in data[:64]  # not a text "MZ…"
    if windows_program or data.startswith(_EXECUTABLE):
        raise DocumentTypeRefused(PROGRAM)
    if data.startswith(_OLE2):
        if _ole2_has_vba(data):
            raise DocumentTypeRefused(MACROS)
        return "ole2", None
    for family, magic in (("pdf", b"%PDF-"), ("png", b"\x89PNG\r\n\x1a\n")):
        if data.startswith(magic):
            return family, None
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg", None
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif", None
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp", None
    if data.startswith(b"PK\x03\x04"):
        return _office(data), None
    charset = _text_charset(data)
    if charset is None:
        raise DocumentTypeRefused(NOT_ACCEPTED)
    return "text", charset


def _ole2_has_vba(data: bytes) -> bool:
    """Whether an OLE2 file's directory names a VBA project. A directory entry is 128
    bytes, aligned on 128 bytes whatever the sector size: its name (UTF-16LE, up to 64
    bytes), the name's length in bytes with its terminator, and its type (storage or
    stream). Every aligned entry is read rather than the directory's sector chain, so
    a file that hides its directory in odd sectors is read whole; a chance match in a
    stream only refuses a file, never lets a macro through."""
    for start in range(512, len(data) - 127, 128):
        size, kind = data[start + 64], data[start + 66]
        if kind not in (1, 2) or size < 2 or size > 64 or size % 2 or data[start + 65]:
            continue
        try:
            name = data[start : start + size - 2].decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        if name.upper() in _VBA_STORAGES:
            return True
    return False


def _office(data: bytes) -> str:
    """An Office Open XML document (a ZIP with ``[Content_Types].xml``): which one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()  # the directory only: nothing is unpacked
    except Exception:  # any malformed archive is refused, never a 500
        raise DocumentTypeRefused(NOT_OFFICE) from None
    if "[Content_Types].xml" not in names:
        raise DocumentTypeRefused(NOT_OFFICE)
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise DocumentTypeRefused(MACROS)
    for prefix, family in _OFFICE_PARTS.items():
        if any(n.startswith(prefix) for n in names):
            return family
    raise DocumentTypeRefused(NOT_OFFICE)


def _text_charset(data: bytes) -> str | None:
    """``utf-8`` or ``gb18030`` for plain text (no NUL, no control characters but
    tab, line breaks and form feed), None for anything else; a web page is refused."""
    for charset, codec in (("utf-8", "utf-8-sig"), ("gb18030", "gb18030")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _TEXT_CONTROLS.search(text):
            return None
        head = text[:1024].lstrip().lower()
        if head.startswith("<") and any(tag in head for tag in _MARKUP):
            raise DocumentTypeRefused(WEB_PAGE)
        return charset
    return None
