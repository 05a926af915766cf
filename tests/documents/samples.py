"""Small real files for document tests, made on the spot (nothing binary in the repo)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from typing import Any

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
TEXT = "企业来电记录：拟出口物流设备。\n".encode()
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"


def png() -> bytes:
    """A 1x1 white PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zipped(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx() -> bytes:
    return zipped(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
        }
    )


def plain_zip() -> bytes:
    return zipped({"readme.txt": b"not an office document"})


def form(data: bytes, name: str, kind: str = "advice_letter", **fields: Any) -> dict[str, Any]:
    """A multipart form for the test client: the file and its fields."""
    return {"file": (io.BytesIO(data), name), "kind": kind, **fields}


def ole2(*names: str) -> bytes:
    """A minimal old-format Office file (OLE2 compound file, 512-byte sectors): its
    header, one FAT sector, and one directory sector holding the root entry and a
    storage for each of ``names`` (at most three), such as "Macros" or "VBA"."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)  # the FAT's one sector
        + struct.pack("<I", free) * 108
    )

    def entry(name: str, kind: int) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", free, free, free)
            + b"\x00" * 36
            + struct.pack("<IQ", end, 0)
        )

    entries = [entry("Root Entry", 5)] + [entry(name, 1) for name in names[:3]]
    directory = b"".join(entries).ljust(512, b"\x00")
    fat = struct.pack("<II", fat_sector, end) + struct.pack("<I", free) * 126
    return header + fat + directory
