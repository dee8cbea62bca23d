"""The rubric expression language: grammar, parser and compiled expressions.

Public entry points: :func:`compile_formula`, :func:`compile_condition`,
:func:`compile_range`, :func:`compile_rank_table`, :func:`compile_quantity`.
"""
from .compiler import (
    Condition,
    DivisionByZero,
    Formula,
    Quantity,
    Range,
    RankTable,
    compile_condition,
    compile_formula,
    compile_quantity,
    compile_range,
    compile_rank_table,
)
from .units import Dimension, UNITS, format_quantity

__all__ = [
    "Condition", "DivisionByZero", "Formula", "Quantity", "Range", "RankTable", "Dimension", "UNITS",
    "compile_condition", "compile_formula", "compile_quantity", "compile_range",
    "compile_rank_table", "format_quantity",
]
