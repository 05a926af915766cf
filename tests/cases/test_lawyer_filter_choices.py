"""The case list's lawyer filter: names in pinyin order for those who see every case,
and no filter at all for a lawyer (their list holds only their own cases)."""

import re


def _lawyer_options(page: str) -> list[str]:
    select = page.split('name="lawyer"')[1].split("</select>")[0]
    return [name for name in re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)]


def test_the_lawyer_filter_lists_names_in_pinyin_order(client, login, make):
    for name in ("张伟", "何平", "冯雪", "余欢"):
        make.lawyer(name=name)
    login("coordinator")
    names = _lawyer_options(client.get("/cases").get_data(as_text=True))
    assert names == ["冯雪", "何平", "余欢", "张伟"]  # feng, he, yu, zhang


def test_a_lawyer_sees_no_lawyer_filter(client, login, make):
    make.lawyer(name="何平")
    login("lawyer")
    assert 'name="lawyer"' not in client.get("/cases").get_data(as_text=True)
