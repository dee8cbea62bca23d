"""Parsing expression text with the Lark grammar; Lark errors become located errors."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import ExpressionError
from ..limits import limit, raise_message
from ..messages import Message
from .wording import Joined

START_RULES = ("formula", "condition", "range", "rank_table", "quantity")

# What users see instead of terminal names in "expected ..." messages: a catalogue word, or the
# symbol itself in quotes.
_TERMINAL_WORDS = {"NUMBER": "number", "INT": "integer", "NAME": "name", "UNIT_NAME": "unit",
                   "COMPARE": "compare", "STRING": "string",
                   "$END": "end"}
_TERMINAL_SYMBOLS = {"PERCENT": "%", "OR": "or", "AND": "and", "NOT": "not", "IN": "in", "PLUS": "+",
                     "MINUS": "-", "STAR": "*", "SLASH": "/", "LSQB": "[", "RSQB": "]"}


class LocatedExpressionError(ExpressionError):
    """An :class:`ExpressionError` whose message is a catalogue :class:`Message`, shown in the
    language current when it is read (the rubric's, once it is known)."""

    def __str__(self) -> str:
        return str(self.message)


def expression_error(key: str, line: int = 1, column: int = 1, length: int = 1, hint=None, /,
                     **fields) -> LocatedExpressionError:
    """An expression error from the catalogue: ``key`` is the problem code (or ``code:variant``);
    ``key.hint`` is the hint unless one is given."""
    message = Message(key, **fields)
    return LocatedExpressionError(message, line, column, length, hint if hint is not None else message.hint(),
                                  message.code)


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """Built once, lazily: start-up of commands that parse nothing stays light."""
    grammar = resources.files(__package__).joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", start=list(START_RULES), propagate_positions=True,
                maybe_placeholders=True)


def parse(text: str, start: str) -> Tree:
    """Parse ``text`` with the grammar rule ``start``; raise ExpressionError on failure."""
    if not isinstance(text, str):
        raise expression_error("expression:not_text", kind=type(text).__name__)
    if not text.strip():
        raise expression_error("expression:empty", 1, 1, 1, _example(start))
    cap = limit("MAX_EXPRESSION_CHARS")
    if len(text) > cap:
        raise expression_error("expression.limit:chars", 1, 1, 1,
                               Message("expression.limit:chars.hint", raise_hint=raise_message("MAX_EXPRESSION_CHARS")),
                               count=len(text), cap=cap)
    try:
        tree = _parser().parse(text, start=start)
    except UnexpectedInput as exc:
        raise _located(exc, text, start) from None
    except RecursionError:
        raise expression_error("expression.limit:read_depth", 1, 1, 1, raise_message("MAX_EXPRESSION_DEPTH")) from None
    _check_size(tree)
    return tree


def _check_size(tree: Tree) -> None:
    """Bound what the compiler (which recurses) and exact arithmetic will face: the tree's depth
    (a sum of N terms nests N deep) and the digits of each number."""
    max_depth, max_digits = limit("MAX_EXPRESSION_DEPTH"), limit("MAX_NUMBER_DIGITS")
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, Token):
            if node.type in ("NUMBER", "INT") and len(node.value) - node.value.count(".") > max_digits:
                raise expression_error("expression.limit:digits", node.line, node.column, len(node.value),
                                       Message("expression.limit:digits.hint",
                                               raise_hint=raise_message("MAX_NUMBER_DIGITS")),
                                       digits=len(node.value), cap=max_digits)
            continue
        if not isinstance(node, Tree):
            continue
        if depth > max_depth:
            meta = node.meta
            line, column = (1, 1) if getattr(meta, "empty", True) else (meta.line, meta.column)
            raise expression_error("expression.limit:depth", line, column, 1,
                                   Message("expression.limit:depth.hint",
                                           raise_hint=raise_message("MAX_EXPRESSION_DEPTH")),
                                   cap=max_depth)
        stack.extend((child, depth + 1) for child in node.children)


def _word(name: str) -> Message | str:
    if name in _TERMINAL_WORDS:
        return Message("expression.token." + _TERMINAL_WORDS[name])
    if name in _TERMINAL_SYMBOLS:
        return Message("expression.token.symbol", symbol=_TERMINAL_SYMBOLS[name])
    try:
        pattern = _parser().get_terminal(name).pattern
    except KeyError:
        return name.lower()
    return Message("expression.token.symbol", symbol=pattern.value) if pattern.type == "str" else name.lower()


def _expected(names) -> Joined:
    words = sorted({_word(n) for n in names}, key=str)
    if len(words) > 6:
        words = words[:6] + ["..."]
    return Joined(words)


def _located(exc: UnexpectedInput, text: str, start: str) -> ExpressionError:
    if isinstance(exc, UnexpectedEOF) or (
        isinstance(exc, UnexpectedToken) and exc.token.type == "$END"
    ):
        lines = text.rstrip().split("\n")
        line, column = len(lines), len(lines[-1]) + 1
        expected = getattr(exc, "expected", None) or getattr(exc, "accepts", None) or []
        return expression_error("expression.syntax:early_end", line, column, 1, _example(start),
                                expected=_expected(expected))
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        return expression_error("expression.syntax:token", token.line, token.column, max(len(str(token.value)), 1),
                                _example(start), token=str(token.value),
                                expected=_expected(exc.accepts or exc.expected))
    if isinstance(exc, UnexpectedCharacters):
        char = text[exc.pos_in_stream] if exc.pos_in_stream < len(text) else ""
        return expression_error("expression.syntax:character", exc.line, exc.column, 1, _example(start), char=char)
    return ExpressionError(str(exc), code="expression.syntax")  # pragma: no cover


def _example(start: str) -> Message:
    """What an expression of this kind looks like (the hint of a syntax error)."""
    return Message(f"expression.example.{start}")
