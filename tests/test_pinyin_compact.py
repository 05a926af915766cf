"""Issue 14 (each worker under 150 MB): pypinyin's phrases are held compactly
(legaldesk.pinyin), and pinyin answers exactly as pypinyin's own full load does:
the initials a clerk searches by (重庆 is cq, 银行 yh) and the pinyin lists sort by."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from legaldesk.demo import seed_words as words
from legaldesk.pinyin import PHRASES_FILE, read_phrases

TEXTS = [
    "重庆银行长沙分行",
    "银行行长",
    "乐清音乐厂",
    "蚌埠长江重工有限公司",
    "厦门单县朝阳贸易",
    "杭州远航国际物流有限公司",
    "会计行业协会",
    "ACME 杭州 No.1",
    *(
        city + brand + trade
        for city in words.CITIES
        for brand, trade in zip(words.BRANDS, words.TRADES, strict=False)
    ),
]

PROBE = """
import json, sys
{setup}
from pypinyin import Style, lazy_pinyin
texts = json.loads(sys.stdin.read())
print(json.dumps([[lazy_pinyin(t), lazy_pinyin(t, style=Style.FIRST_LETTER)] for t in texts]))
"""


def _answers(setup: str) -> list:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(setup=setup)],
        input=json.dumps(TEXTS),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_phrases_read_compactly_are_pypinyins_own():
    assert read_phrases() == json.loads(PHRASES_FILE.read_text(encoding="utf-8"))


def test_pinyin_answers_as_pypinyins_full_load_does():
    # The settings that start pypinyin without its phrases are not left for children.
    assert "PYPINYIN_NO_PHRASES" not in os.environ
    compact = _answers("import legaldesk.pinyin")
    full = _answers("")
    assert compact == full
    assert compact[0][1] == ["c", "q", "y", "h", "c", "s", "f", "h"]
