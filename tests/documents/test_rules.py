"""The document rules need no app: names made safe, the real type read from the bytes."""

import pytest

from legaldesk.documents import rules
from legaldesk.errors import DocumentTooLarge, DocumentTypeRefused
from tests.documents import samples


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\周\\合同.pdf", "合同.pdf"),
        ("a\r\nContent-Type: text_html.pdf", "a Content-Type_ text_html.pdf"),
        ("意见\r\n\t书.pdf", "意见 书.pdf"),
        ("发票\u202efdp.exe", "发票fdp.exe"),  # the right-to-left override is gone
        ("..", "document"),
        ("  .htaccess ", "htaccess"),
        ("", "document"),
        (None, "document"),
        ("報告書.pdf", "報告書.pdf"),
    ],
)
def test_a_name_loses_folders_control_characters_and_line_breaks(raw, safe):
    assert rules.safe_name(raw) == safe


def test_a_long_name_is_cut_and_keeps_its_extension():
    name = rules.safe_name("长" * 300 + ".pdf")
    assert len(name) == rules.MAX_NAME and name.endswith("长.pdf")


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("意见书.pdf", samples.PDF, "application/pdf"),
        ("照片.PNG", samples.png(), "image/png"),
        ("证据.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        ("动图.gif", b"GIF89a\x01\x00", "image/gif"),
        ("图.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        ("合同.docx", samples.docx(), rules.FAMILIES["docx"]["docx"]),
        ("旧表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "application/vnd.ms-excel"),
        ("记录.txt", samples.TEXT, "text/plain; charset=utf-8"),
        ("记录.txt", "国标文字".encode("gb18030"), "text/plain; charset=gb18030"),
        ("MZ.txt", b"MZ company notes", "text/plain; charset=utf-8"),
    ],
)
def test_accepted_types_are_read_from_the_content(name, data, content_type):
    assert rules.check_type(name, data).content_type == content_type


def test_a_name_without_extension_gets_the_contents():
    assert rules.check_type("扫描件", samples.PDF).name == "扫描件.pdf"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("letter.pdf", samples.HTML, "Web pages"),
        ("image.svg", samples.SVG, "Web pages"),
        ("image.txt", b"\n  " + samples.SVG, "Web pages"),
        ("setup.exe", samples.EXE, "Programs"),
        ("setup.pdf", samples.EXE, "Programs"),
        ("run.txt", b"#!/bin/sh\nrm -rf /\n", "Programs"),
        ("files.zip", samples.plain_zip(), "ZIP"),
        ("files.docx", samples.plain_zip(), "ZIP"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "ZIP"),
        (
            "macro.docx",
            samples.zipped({"[Content_Types].xml": b"<Types/>", "word/vbaProject.bin": b"x"}),
            "macros",
        ),
        ("photo.pdf", samples.png(), "does not match"),
        ("letter.docx", samples.PDF, "does not match"),
        ("notes.html", samples.TEXT, ".html"),
        ("binary.txt", b"abc\x00def", "not accepted"),
        ("old-office", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "extension"),
    ],
)
def test_refused_types_say_why(name, data, says):
    with pytest.raises(DocumentTypeRefused) as refused:
        rules.check_type(name, data)
    assert says in str(refused.value)


def test_the_size_limit_and_how_sizes_read():
    rules.check_size(20 * 1024 * 1024, 20 * 1024 * 1024)
    with pytest.raises(DocumentTooLarge) as too_large:
        rules.check_size(20 * 1024 * 1024 + 1, 20 * 1024 * 1024)
    assert "20 MB" in str(too_large.value)
    assert [rules.format_size(n) for n in (12, 1536, 3 * 1024 * 1024)] == ["12 B", "1.5 KB", "3 MB"]


@pytest.mark.parametrize(
    ("raw", "shared"), [(True, True), ("true", True), ("1", True), ("on", True), (None, False)]
)
def test_shared_reads_forms_and_json(raw, shared):
    from legaldesk.errors import FieldErrors

    errors = FieldErrors()
    assert rules.parse_shared(errors, raw) is shared and not errors
    rules.parse_shared(errors, "maybe")
    assert set(errors.fields) == {"shared"}
