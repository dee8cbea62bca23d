"""Counting an article the way Word's 字数 counts Chinese text.

Each CJK character is one; each full-width punctuation mark (，。！？、；：“”‘’（）《》…—
and the like) is one, so "——" and "……" are two each; each Latin "word" — what lies
between spaces, CJK characters and full-width marks, holding a letter or a digit — is
one (``2018`` is one, ``CC-CMM``, ``real-time``, ``3.5%`` and ``it's`` are one each);
spaces and half-width punctuation standing alone count nothing. The sources of each
rule are in tests/cases/word_count.yml.
"""
from __future__ import annotations

import re

_CJK = (r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"  # ideographs
        r"\u3040-\u30ff\uac00-\ud7af")  # kana, hangul
_FULL_WIDTH_PUNCT = r"\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014\u2015\u00b7\u2025"
_FULL_WIDTH_ALNUM = r"\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"
_TOKEN = re.compile(rf"(?P<wide>[{_CJK}{_FULL_WIDTH_PUNCT}{_FULL_WIDTH_ALNUM}])"
                    rf"|[^\s{_CJK}{_FULL_WIDTH_PUNCT}{_FULL_WIDTH_ALNUM}]+")
_WORD = re.compile(r"[^\W_]")  # a Latin run counts when it holds a letter or a digit


def word_count(text: str) -> int:
    return sum(1 for match in _TOKEN.finditer(text) if match.group("wide") or _WORD.search(match.group(0)))
