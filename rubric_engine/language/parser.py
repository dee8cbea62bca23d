"""Parsing expression text with the Lark grammar; Lark errors become located errors."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import ExpressionError
from ..limits import limit, raise_hint

START_RULES = ("formula", "condition", "range", "rank_table", "quantity")

# What users see instead of terminal names in "expected ..." messages.
_TERMINAL_WORDS = {
    "NUMBER": "a number", "INT": "a whole number", "NAME": "a name", "UNIT_NAME": "a unit",
    "PERCENT": "'%'", "COMPARE": "a comparison (>=, <, ==, ...)", "OR": "'or'", "AND": "'and'",
    "NOT": "'not'", "IN": "'in'", "PLUS": "'+'", "MINUS": "'-'", "STAR": "'*'", "SLASH": "'/'",
    "$END": "the end",
}


@lru_cache(maxsize=1)
def _parser() -> Lark:
    """Built once, lazily: start-up of commands that parse nothing stays light."""
    grammar = resources.files(__package__).joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", start=list(START_RULES), propagate_positions=True,
                maybe_placeholders=True)


def parse(text: str, start: str) -> Tree:
    """Parse ``text`` with the grammar rule ``start``; raise ExpressionError on failure."""
    if not isinstance(text, str):
        raise ExpressionError(f"expected an expression as text, got {type(text).__name__}")
    if not text.strip():
        raise ExpressionError("the expression is empty", hint=_example(start))
    cap = limit("MAX_EXPRESSION_CHARS")
    if len(text) > cap:
        raise ExpressionError(f"the expression is {len(text)} characters long, more than {cap}",
                              hint="a rubric expression is a line or two; " + raise_hint("MAX_EXPRESSION_CHARS"),
                              code="expression.limit")
    try:
        tree = _parser().parse(text, start=start)
    except UnexpectedInput as exc:
        raise _located(exc, text, start) from None
    except RecursionError:
        raise ExpressionError("the expression is nested too deeply to read", code="expression.limit",
                              hint=raise_hint("MAX_EXPRESSION_DEPTH")) from None
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
                raise ExpressionError(f"a number of {len(node.value)} digits, more than {max_digits}",
                                      node.line, node.column, len(node.value),
                                      hint="is a digit repeated by mistake? " + raise_hint("MAX_NUMBER_DIGITS"),
                                      code="expression.limit")
            continue
        if not isinstance(node, Tree):
            continue
        if depth > max_depth:
            meta = node.meta
            line, column = (1, 1) if getattr(meta, "empty", True) else (meta.line, meta.column)
            raise ExpressionError(f"the expression nests more than {max_depth} levels deep "
                                  "(each term of a long sum is a level)", line, column,
                                  code="expression.limit",
                                  hint="split it, or use fewer terms; " + raise_hint("MAX_EXPRESSION_DEPTH"))
        stack.extend((child, depth + 1) for child in node.children)


def _word(name: str) -> str:
    if name in _TERMINAL_WORDS:
        return _TERMINAL_WORDS[name]
    try:
        pattern = _parser().get_terminal(name).pattern
    except KeyError:
        return name.lower()
    return f"'{pattern.value}'" if pattern.type == "str" else name.lower()


def _expected(names) -> str:
    words = sorted({_word(n) for n in names})
    if len(words) > 6:
        words = words[:6] + ["..."]
    return ", ".join(words)


def _located(exc: UnexpectedInput, text: str, start: str) -> ExpressionError:
    if isinstance(exc, UnexpectedEOF) or (
        isinstance(exc, UnexpectedToken) and exc.token.type == "$END"
    ):
        lines = text.rstrip().split("\n")
        line, column = len(lines), len(lines[-1]) + 1
        expected = getattr(exc, "expected", None) or getattr(exc, "accepts", None) or []
        return ExpressionError(
            f"the expression ends too early; expected {_expected(expected)}",
            line, column, 1, hint=_example(start), code="expression.syntax")
    if isinstance(exc, UnexpectedToken):
        token = exc.token
        return ExpressionError(
            f"unexpected {token.value!r}; expected {_expected(exc.accepts or exc.expected)}",
            token.line, token.column, max(len(str(token.value)), 1), hint=_example(start),
            code="expression.syntax")
    if isinstance(exc, UnexpectedCharacters):
        char = text[exc.pos_in_stream] if exc.pos_in_stream < len(text) else ""
        return ExpressionError(
            f"unexpected character {char!r}", exc.line, exc.column, 1, hint=_example(start),
            code="expression.syntax")
    return ExpressionError(str(exc), code="expression.syntax")  # pragma: no cover


def _example(start: str) -> str:
    return {
        "formula": "a formula looks like '70% * experts + 10% * audience + online'",
        "condition": "a condition looks like 'chars in 800..1200' or 'size >= 3 MB'",
        "range": "a range looks like '26..30', '21..' or '4 min..6 min'",
        "rank_table": "a rank table looks like '1 -> 20; 2..4 -> 18; 21.. -> 9'",
        "quantity": "a quantity looks like '3 MB', '90 s' or '16 pt'",
    }[start]
