"""The rubric's expressions bound to the data: each ``entry.X`` checked against the entries table's columns.

At load (``validate`` without DATA) any ``entry.X`` is accepted; once the data is read, each expression is
compiled again knowing every column's kind (yes/no, number, text), so that a column the entries table
lacks, or a text compared with a number, is an error located in the rubric file (with did-you-mean).
"""
from __future__ import annotations

from typing import Mapping

from ..errors import ExpressionError, ProblemList, RubricInputError
from ..language import compile_condition, compile_formula


def bind(rubric, attributes: Mapping) -> tuple[dict, ProblemList]:
    """``{expression key: compiled over the data's columns}`` and the problems found."""
    kinds = {header: attribute.kind for header, attribute in attributes.items()}
    problems, bound = ProblemList(), {}
    for expression in rubric.expressions():
        compile_fn = compile_condition if expression.kind == "condition" else compile_formula
        try:
            bound[expression.key] = compile_fn(expression.text, expression.names, attributes=kinds,
                                               counts=expression.counts)
        except ExpressionError as exc:
            problems.error(exc.message, expression.where(exc.line, exc.column, exc.length), code=exc.code,
                           hint=exc.hint)
    return bound, problems


def bind_or_raise(rubric, attributes: Mapping) -> dict:
    bound, problems = bind(rubric, attributes)
    problems.raise_if_errors(RubricInputError)
    return bound
