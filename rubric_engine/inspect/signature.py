"""The closing signature block of an article, found by what its lines carry.

A careful reader takes as the signature the trailing lines that together carry the
author, a phone number and a unit: labelled fields (作者：…, 电话：…, 单位：…), a
phone number (a mobile 1[3-9]xxxxxxxxx or a landline, separators allowed — never the
mere word 电话), a participant's name or the entry's unit. Dates and short lines may
stand among them or after them; a line that reads as a sentence of the body (it ends
with 。！？ or runs long with commas) ends the block. The `signature` check and the
字数 count use the same block.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_SEP = r"[-－—–\s]?"
PHONE = re.compile(
    r"(?<![\d])(?:"
    rf"(?:\+?86{_SEP})?1[3-9]\d(?:{_SEP}\d{{4}}){{2}}"  # mobile: 138 0013 8000, 138-0013-8000
    rf"|1[3-9]\d{{9}}"
    rf"|[(（]?0\d{{2,3}}[)）]?{_SEP}\d{{7,8}}(?:{_SEP}\d{{1,5}})?"  # landline with area code
    rf"|(?:9\d{{4}}|[2-8]\d{{3}}{_SEP}\d{{4}})"  # service numbers 95105, local 8 digits
    r")(?![\d])")
_LABEL = re.compile(
    r"(作\s*者|姓\s*名|署\s*名|联系人|联系电话|联系方式|电\s*话|手\s*机|工作单位|单\s*位|所在单位|部\s*门|"
    r"邮\s*箱|E-?mail|地\s*址|日\s*期)\s*[：:]", re.I)
_AUTHOR_LABEL = re.compile(r"^(作者|姓名|署名|联系人)$")
_UNIT_LABEL = re.compile(r"^(工作单位|单位|所在单位|部门)$")
_DATE = re.compile(
    r"^(日\s*期\s*[：:])?\s*(\d{4}|[〇零一二三四五六七八九]{4})\s*(年|[-./])\s*[\d一二三四五六七八九十〇]{1,3}\s*"
    r"(月|[-./])\s*[\d一二三四五六七八九十〇]{1,3}\s*日?$")
_SENTENCE_END = re.compile(r"[。！？!?…]\s*[”’」』）)]?\s*$")
_UNIT_WORD = re.compile(r"(公司|电信|移动|联通|银行|中心|分局|局|营业厅|集团|学院|医院|部|处|科|站|班|组|所)$")
SHORT = 12  # a line this short without sentence punctuation may stand among the signature lines


def normal(text: str) -> str:
    return re.sub(r"[\s+＋·・]", "", text).lower()


@dataclass
class Signature:
    lines: list[str]                 # the block's lines, in order
    author: str | None = None        # the labelled author, or a participant's name found in the block
    author_matches: bool = False     # the author is one of the entry's participants
    phones: list[str] = field(default_factory=list)
    unit: str | None = None          # the labelled unit, or the entry's unit found in the block
    unit_matches: bool = False


def mask_phone(number: str) -> str:
    """138****8000: the middle digits of a phone number hidden."""
    digits = [i for i, c in enumerate(number) if c.isdigit()]
    if len(digits) < 7:
        return number
    hide = set(digits[3:-4]) if len(digits) >= 11 else set(digits[-8:-4]) if len(digits) >= 8 else set(digits[2:-2])
    return "".join("*" if i in hide else c for i, c in enumerate(number))


def mask_phones(text: str) -> str:
    return PHONE.sub(lambda m: mask_phone(m.group(0)), text)


def _fields(line: str) -> list[tuple[str, str]]:
    """The labelled fields of a line: [(label, value)], labels without spaces."""
    marks = list(_LABEL.finditer(line))
    result = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
        value = line[mark.end():end].strip(" \t，,;；、。.")
        result.append((re.sub(r"\s", "", mark.group(1)), value))
    return result


def _names(participants: str) -> list[str]:
    return [n for n in re.split(r"[、,，;；/\s]+", participants or "") if n]


def _same_unit(written: str, unit: str) -> bool:
    a, b = normal(written), normal(unit)
    return bool(a and b) and (a in b or b in a)


class _Line:
    def __init__(self, text: str, names: list[str], unit: str):
        self.text = text.strip()
        t = normal(self.text)
        self.fields = _fields(self.text)
        self.phones = [m.group(0) for m in PHONE.finditer(self.text)]
        self.date = bool(_DATE.match(self.text))
        self.names = [n for n in names if normal(n) in t]
        self.unit = bool(unit) and normal(unit) in t
        self.carries = bool(self.fields or self.phones or self.names or self.unit)
        ends = bool(_SENTENCE_END.search(self.text))
        if self.fields or self.phones:  # "工作单位：广州电信。" is still a field; a long sentence with a number is not
            sentence = ends and len(self.text) > 40
        else:
            sentence = ends or len(self.text) > 40 or ("，" in self.text and len(self.text) > SHORT)
        self.fits = not sentence and (self.carries or self.date or len(self.text) <= SHORT) and len(self.text) <= 80

    @property
    def name_like(self) -> bool:  # a bare name: 2-4 Chinese characters
        return bool(re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", self.text))


def find_signature(texts: list[str], participants: str = "", unit: str = "", max_lines: int = 4,
                   first: int = 1) -> tuple[int, Signature]:
    """(index of the block's first line, the block) among the non-empty ``texts``.

    ``max_lines`` counts the lines that carry something (dates and short lines are
    free, up to as many again); ``first`` is the earliest index the block may start at
    (after the title). Without a line that carries something, the block is empty.
    """
    names = _names(participants)
    start = len(texts)
    carrying = extra = 0
    while start > first:
        line = _Line(texts[start - 1], names, unit)
        if not line.fits:
            break
        if line.carries:
            if carrying == max_lines:
                break
            carrying += 1
        else:
            if extra == max_lines:
                break
            extra += 1
        start -= 1
    lines = [_Line(t, names, unit) for t in texts[start:]]
    # Leading lines that carry nothing are body, unless a bare name right above fields without an author.
    while lines and not lines[0].carries:
        rest = lines[1:]
        has_author = any(line.names or any(_AUTHOR_LABEL.match(label) for label, _ in line.fields) for line in rest)
        if lines[0].name_like and rest and rest[0].carries and not has_author:
            break
        lines.pop(0)
        start += 1
    if not any(line.carries for line in lines):
        return len(texts), Signature([])
    return start, _describe(lines, names, unit)


def _describe(lines: list[_Line], names: list[str], unit: str) -> Signature:
    sig = Signature([line.text for line in lines])
    for line in lines:
        sig.phones += line.phones
        for label, value in line.fields:
            if _AUTHOR_LABEL.match(label) and value and sig.author is None:
                sig.author = value
                sig.author_matches = any(normal(n) in normal(value) for n in names)
            elif _UNIT_LABEL.match(label) and value and sig.unit is None:
                sig.unit = value
                sig.unit_matches = _same_unit(value, unit)
    if sig.author is None:
        for line in lines:
            if line.names:
                sig.author, sig.author_matches = line.names[0], True
                break
    if sig.author is None:  # a bare name among the lines
        bare = next((line for line in lines if line.name_like and not line.unit and not _UNIT_WORD.search(line.text)),
                    None)
        if bare is not None:
            sig.author = bare.text
    if sig.unit is None:
        if any(line.unit for line in lines):
            sig.unit, sig.unit_matches = unit, True
        else:  # an unlabelled line that names an organisation
            named = next((line for line in lines if not line.fields and not line.phones and not line.date
                          and _UNIT_WORD.search(line.text)), None)
            if named is not None:
                sig.unit = named.text
                sig.unit_matches = _same_unit(named.text, unit)
    return sig
