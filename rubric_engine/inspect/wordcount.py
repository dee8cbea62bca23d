"""Counting an article the way Word's 字数 counts Chinese text.

Each CJK character is one; each full-width punctuation mark (，。！？、；：“”‘’（）《》…—
and the like) is one; each run of Latin letters or digits is one (``2018`` is one,
``CC-CMM`` is two); spaces and half-width punctuation count nothing.
"""
from __future__ import annotations

import re

_CJK = (r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"  # ideographs
        r"\u3040-\u30ff\uac00-\ud7af")  # kana, hangul
_FULL_WIDTH_PUNCT = r"\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u2015\u00b7\u2025"
_FULL_WIDTH_ALNUM = r"\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_TOKEN = re.compile(rf"[{_CJK}]|[{_FULL_WIDTH_PUNCT}]|[{_FULL_WIDTH_ALNUM}]|[A-Za-z0-9]+(?:['’][A-Za-z]+)*")


def word_count(text: str) -> int:
    return len(_TOKEN.findall(text))
