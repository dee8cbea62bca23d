"""Safe YAML reading that remembers where every node came from.

We build the tree ourselves from PyYAML's event stream (which is iterative, so deep
nesting cannot overflow the stack) instead of using a loader, so that:

* anchors and aliases are refused outright (no alias bomb can expand);
* duplicate keys, several documents and unknown tags (``!!python/object``) are errors;
* plain scalars follow the YAML 1.2 core schema, stricter still: ``no``/``on`` stay
  text, ``012`` stays text, dates stay text — the schema then says what was expected;
* every value keeps its line and column, so later errors can point at the user's text.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import Location, Problem, RubricInputError
from ..limits import limit, raise_message
from ..messages import Message


_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)?\.[0-9]+([eE][-+]?[0-9]+)?|[-+]?(0|[1-9][0-9]*)[eE][-+]?[0-9]+")
_NULL = {"null", "Null", "NULL", "~", ""}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_ALLOWED_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}


@dataclass(frozen=True)
class Span:
    """Where a node starts (1-based line and column) and how its scalar was written."""

    line: int
    column: int
    style: str | None = None  # None (plain), "'", '"', "|", ">" for scalars


@dataclass
class YamlDocument:
    data: Any
    file: str
    lines: list[str]
    spans: dict[tuple, Span] = field(default_factory=dict)  # path -> span of the value
    key_spans: dict[tuple, Span] = field(default_factory=dict)  # path -> span of the key

    def location(self, path: tuple, *, key: bool = False, offset: tuple[int, int] | None = None,
                 length: int = 1) -> Location:
        """The location of the value (or key) at ``path``; falls back to the nearest parent.

        ``offset`` is a (line, column) inside an embedded expression, 1-based.
        """
        path = tuple(path)
        span = (self.key_spans.get(path) if key else None) or self.spans.get(path)
        while span is None and path:
            path = path[:-1]
            span = self.spans.get(path)
        if span is None:
            return Location(self.file)
        line, column = span.line, span.column
        if offset is not None:
            line, column = _offset_into(span, offset, self.lines)
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else None
        return Location(self.file, line, column, length, source)


def _offset_into(span: Span, offset: tuple[int, int], lines: list[str]) -> tuple[int, int]:
    """Map a position inside a scalar's text back to the file."""
    inner_line, inner_column = offset
    if span.style in ("|", ">"):
        # Block scalars start on the next line, at the block's indentation.
        line = span.line + inner_line
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        indent = len(text) - len(text.lstrip(" "))
        return line, indent + inner_column
    if inner_line == 1:
        return span.line, span.column + inner_column - 1 + (1 if span.style in ("'", '"') else 0)
    return span.line + inner_line - 1, inner_column


def _problem(file: str, lines: list[str], line: int, column: int, key: str, hint: Message | str | None = None,
             /, **fields) -> Problem:
    """The catalogue message ``key`` at ``line``:``column``; its hint is ``key.hint`` unless one is given."""
    source = lines[line - 1] if 0 < line <= len(lines) else None
    message = Message(key, **fields)
    return Problem("error", message.code, message, Location(file, line, column, 1, source),
                   hint if hint is not None else message.hint())


def decode_text(raw: bytes, file: str) -> str:
    """Strict UTF-8 (a BOM is allowed); a binary file is refused with a clear message."""
    if len(raw) > limit("MAX_RUBRIC_BYTES"):
        raise RubricInputError.single(Message("yaml.size", size=len(raw), cap=limit("MAX_RUBRIC_BYTES")),
                                      Location(file), code="yaml.size", hint=raise_message("MAX_RUBRIC_BYTES"))
    if b"\x00" in raw:
        raise RubricInputError.of("yaml.binary", Location(file))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RubricInputError.of("yaml.encoding", Location(file, line, column), byte=f"0x{raw[exc.start]:02x}",
                                  line=line, column=column) from None


def load_yaml(raw: bytes, file: str) -> YamlDocument:
    text = decode_text(raw, file)
    lines = text.splitlines()
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in lines):
        raise RubricInputError.of("yaml.empty", Location(file))
    try:
        builder = _parsed(text, file, lines)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or str(exc)).strip()
        detail = _yaml_words(message)
        hint = None
        if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line]:
            hint = Message("yaml.syntax.hint:tab")
        elif "mapping values are not allowed" in message:
            hint = Message("yaml.syntax.hint:colon")
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if exc.context:
            raise RubricInputError([_problem(file, lines, line, column, "yaml.syntax:context", hint, detail=detail,
                                             context=_yaml_words(exc.context.strip()))]) from None
        raise RubricInputError([_problem(file, lines, line, column, "yaml.syntax", hint, detail=detail)]) from None
    except yaml.YAMLError as exc:
        raise RubricInputError.of("yaml.syntax", Location(file), detail=str(exc)) from None
    except _BuildError as exc:
        raise RubricInputError([exc.problem]) from None
    return YamlDocument(builder.result, file, lines, builder.spans, builder.key_spans)


# libyaml's parser (PyYAML's C extension, in its wheels) reads a rubric 17 times faster than PyYAML's own
# (the 2018 rubric: 1.1 ms, not 18.5), and every command reads one. The two agree event for event, mark
# for mark, except on a few characters: libyaml takes tabs, a ``?`` inside a flow collection and a BOM
# or NEL inside the text where PyYAML's own parser refuses them or reads them otherwise, and ends a tag
# in a flow list at the comma. A text with one of those, and a text libyaml refuses (so that an error is
# worded from PyYAML's sentences, below), is read by PyYAML's own parser: what it says stands. (One
# difference is left: an empty value inside a flow collection, ``[a: ]``, is placed one column later.)
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
_NOT_FAST = frozenset("\t?!\x85\u2028\u2029\ufeff")


def _parsed(text: str, file: str, lines: list[str]) -> _TreeBuilder:
    """The tree of ``text``, from libyaml's events when they are PyYAML's, else from PyYAML's own parser."""
    if _FAST_LOADER is not None and _NOT_FAST.isdisjoint(text):
        try:
            return _built(text, file, lines, _FAST_LOADER)
        except yaml.YAMLError:
            pass
    return _built(text, file, lines, yaml.SafeLoader)


def _built(text: str, file: str, lines: list[str], loader) -> _TreeBuilder:
    builder = _TreeBuilder(file, lines)
    for event in yaml.parse(text, Loader=loader):
        builder.feed(event)
    return builder


# PyYAML's sentences (English) → catalogue messages; a sentence not listed is shown as PyYAML wrote it
_YAML_SENTENCES = [(re.compile(pattern), key) for pattern, key in (
    (r"mapping values are not allowed here", "yaml.detail.mapping_values"),
    (r"could not find expected ':'", "yaml.detail.no_colon"),
    (r"found character (?P<found>.+) that cannot start any token", "yaml.detail.cannot_start"),
    (r"found unexpected end of stream", "yaml.detail.end_of_stream"),
    (r"found unknown escape character (?P<found>.+)", "yaml.detail.escape"),
    (r"expected <block end>, but found (?P<found>.+)", "yaml.detail.block_end"),
    (r"expected ',' or '\]', but got (?P<found>.+)", "yaml.detail.flow_sequence"),
    (r"expected ',' or '\}', but got (?P<found>.+)", "yaml.detail.flow_mapping"),
    (r"expected the node content, but found (?P<found>.+)", "yaml.detail.node_content"),
    (r"while scanning a simple key", "yaml.detail.while_key"),
    (r"while scanning a quoted scalar", "yaml.detail.while_quoted"),
    (r"while scanning a block scalar", "yaml.detail.while_block_scalar"),
    (r"while parsing a block mapping", "yaml.detail.while_mapping"),
    (r"while parsing a block collection", "yaml.detail.while_list"),
    (r"while parsing a flow sequence", "yaml.detail.while_flow_sequence"),
    (r"while parsing a flow mapping", "yaml.detail.while_flow_mapping"),
    (r"while parsing a node", "yaml.detail.while_node"),
    (r"while scanning for the next token", "yaml.detail.while_token"),
)]
_YAML_TOKENS = {"'<scalar>'": "yaml.token.scalar", "'<block mapping start>'": "yaml.token.mapping",
                "'<block sequence start>'": "yaml.token.sequence", "'<block entry>'": "yaml.token.entry",
                "'<block end>'": "yaml.token.block_end", "'<stream end>'": "yaml.token.stream_end"}


def _yaml_words(sentence: str) -> Message | str:
    """One of PyYAML's sentences in the catalogue's words (the token it found, too)."""
    for pattern, key in _YAML_SENTENCES:
        match = pattern.fullmatch(sentence)
        if match:
            found = match.groupdict().get("found")
            if found is None:
                return Message(key)
            if found in _YAML_TOKENS:
                return Message(key, found=Message(_YAML_TOKENS[found]))
            if len(found) > 2 and found[0] == found[-1] == "'":  # PyYAML's repr of a character: ':' or '\t'
                return Message(key, found=Message("yaml.token.text", token=found[1:-1]))
            return Message(key, found=found)
    return sentence


def _style(event) -> str | None:
    """A scalar's style, None when plain (libyaml says ``""``, PyYAML's own parser None)."""
    return getattr(event, "style", None) or None


class _BuildError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


class _TreeBuilder:
    """Assembles Python values from YAML events, iteratively."""

    def __init__(self, file: str, lines: list[str]):
        self.file, self.lines = file, lines
        self.max_depth = limit("MAX_YAML_DEPTH")
        self.stack: list[dict] = []  # frames: {"value", "path", "key", "key_span", "keys"}
        self.result: Any = None
        self.documents = 0
        self.spans: dict[tuple, Span] = {}
        self.key_spans: dict[tuple, Span] = {}

    def fail(self, mark, key: str, hint: Message | str | None = None, /, **fields) -> None:
        raise _BuildError(_problem(self.file, self.lines, mark.line + 1, mark.column + 1, key, hint, **fields))

    def feed(self, event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(event.start_mark, "yaml.documents")
            return
        if isinstance(event, yaml.AliasEvent):
            self.fail(event.start_mark, "yaml.alias")
        if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent,
                                  yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self.attach(frame["value"], frame["span"], frame["start_mark"])
            return
        if getattr(event, "anchor", None):
            self.fail(event.start_mark, "yaml.anchor", anchor=event.anchor)
        self.check_tag(event)
        span = Span(event.start_mark.line + 1, event.start_mark.column + 1, _style(event))
        if isinstance(event, yaml.ScalarEvent):
            self.attach(self.scalar(event), span, event.start_mark)
            return
        if len(self.stack) >= self.max_depth:
            self.fail(event.start_mark, "yaml.depth", cap=self.max_depth)
        container = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append({"value": container, "span": span, "start_mark": event.start_mark,
                           "key": None, "key_span": None, "keys": {}})

    def check_tag(self, event) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            return
        if isinstance(event, yaml.ScalarEvent) and event.implicit[0]:
            return
        if tag not in _ALLOWED_TAGS:
            self.fail(event.start_mark, "yaml.tag", tag=tag)

    def scalar(self, event) -> Any:
        value = event.value
        tag = event.tag if event.tag and not event.implicit[0] else None
        style = _style(event)
        if tag == "tag:yaml.org,2002:str" or (tag is None and style is not None):
            return value
        if tag is None or tag in _ALLOWED_TAGS:
            if value in _NULL and style is None:
                return None
            if value in _TRUE:
                return True
            if value in _FALSE:
                return False
            if _INT.fullmatch(value) or _FLOAT.fullmatch(value):
                return self.number(event, value)
            if tag is not None and tag != "tag:yaml.org,2002:str":
                self.fail(event.start_mark, "yaml.tag:value", value=value, kind=tag.rsplit(":", 1)[-1])
        return value

    def number(self, event, value: str) -> int | float:
        """A YAML number, bounded: at most ``MAX_NUMBER_DIGITS`` digits, and finite (``1e309`` is not)."""
        mantissa = re.split(r"[eE]", value)[0]
        digits = sum(ch.isdigit() for ch in mantissa)
        cap = limit("MAX_NUMBER_DIGITS")
        if digits > cap:
            self.fail(event.start_mark, "yaml.number", Message("yaml.number.hint", raise_hint=raise_message("MAX_NUMBER_DIGITS")),
                      digits=digits, cap=cap)
        if _INT.fullmatch(value):
            return int(value)
        number = float(value)
        if math.isinf(number):
            self.fail(event.start_mark, "yaml.number:infinite", value=value)
        return number

    def path(self) -> tuple:
        parts = []
        for frame in self.stack:
            if isinstance(frame["value"], dict):
                parts.append(frame["key"])
            else:
                parts.append(len(frame["value"]))
        return tuple(parts)

    def attach(self, value: Any, span: Span, mark) -> None:
        if not self.stack:
            self.result = value
            self.spans[()] = span
            return
        frame = self.stack[-1]
        container = frame["value"]
        if isinstance(container, list):
            self.spans[self.path()] = span
            container.append(value)
            return
        if frame["key"] is None:  # this node is a key
            if isinstance(value, (dict, list)):
                self.fail(mark, "yaml.key")
            key = "" if value is None else (str(value).lower() if isinstance(value, bool) else str(value))
            if key in container:
                previous = frame["keys"][key]
                self.fail(mark, "yaml.duplicate_key", key=key, line=previous.line)
            frame["keys"][key] = span
            frame["key"] = key
            frame["key_span"] = span
            return
        key = frame["key"]
        path = self.path()
        self.spans[path] = span
        self.key_spans[path] = frame["key_span"]
        container[key] = value
        frame["key"] = None
