"""Exact rounding and quantity display."""
from fractions import Fraction

import pytest

from rubric_engine.language.units import Dimension, format_number, format_quantity, round_half_up


@pytest.mark.parametrize("value,places,expected", [
    ("90.195", 2, "90.2"), ("2.5", 0, "3"), ("-2.5", 0, "-3"), ("0.00005", 4, "0.0001"), ("1/3", 4, "0.3333"),
    ("75.8825", 2, "75.88"), ("12", 2, "12"),
])
def test_half_up_rounding(value, places, expected):
    assert format_number(Fraction(value), places) == expected


def test_round_half_up_is_exact():
    assert round_half_up(Fraction("0.125"), 2) == Fraction("0.13")
    assert round_half_up(Fraction(1, 3), 2) == Fraction("0.33")


def test_format_quantity():
    assert format_quantity(Fraction(3 * 1024 * 1024), Dimension.SIZE) == "3 MB"
    assert format_quantity(Fraction(270), Dimension.DURATION) == "4.5 min"
    assert format_quantity(Fraction(45), Dimension.DURATION) == "45 s"
