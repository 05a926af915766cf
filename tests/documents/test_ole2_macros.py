"""Finding: old-format Office files (OLE2: .doc, .xls, .ppt) were never checked for
macros, while an Office Open XML file with a VBA project is refused. An OLE2 file whose
directory holds a VBA project is refused with the same words."""

import pytest

from legaldesk.documents import rules
from legaldesk.errors import DocumentTypeRefused
from tests.documents import samples
from tests.documents.test_documents_api import upload


@pytest.mark.parametrize(
    ("name", "storages"),
    [
        ("letter.doc", ("Macros",)),
        ("letter.doc", ("ObjectPool", "Macros")),
        ("table.xls", ("_VBA_PROJECT_CUR",)),
        ("slides.ppt", ("VBA",)),
        ("table.xls", ("_vba_project",)),  # directory names compare without case
    ],
)
def test_an_old_office_file_with_a_vba_project_is_refused(name, storages):
    with pytest.raises(DocumentTypeRefused) as refused:
        rules.check_type(name, samples.ole2(*storages))
    assert "macros" in str(refused.value)


@pytest.mark.parametrize("storages", [(), ("ObjectPool",), ("WordDocument", "Data")])
def test_an_old_office_file_without_macros_is_accepted(storages):
    checked = rules.check_type("letter.doc", samples.ole2(*storages))
    assert checked.content_type == "application/msword"


def test_the_api_answers_415_with_the_macro_words(make, api_as):
    case = make.case()
    staff = api_as("intake")
    refused = upload(staff, case, samples.ole2("Macros"), "合同.doc")
    assert refused.status_code == 415, refused.json
    macro_docx = samples.zipped({"[Content_Types].xml": b"<Types/>", "word/vbaProject.bin": b"x"})
    same = upload(staff, case, macro_docx, "合同.docx")
    assert refused.json["error"]["message"] == same.json["error"]["message"]
    assert upload(staff, case, samples.ole2("WordDocument"), "合同.doc").status_code == 201
