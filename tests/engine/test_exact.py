"""The integer shortcuts of the engine give exactly what Fraction arithmetic gives."""
from __future__ import annotations

from fractions import Fraction

from hypothesis import given, strategies as st

from rubric_engine.engine.evaluate import default_final, integer_keys

fractions = st.fractions(min_value=-1000, max_value=1000, max_denominator=10**6)
positive = st.fractions(min_value=Fraction(1, 1000), max_value=10, max_denominator=1000)


@given(st.lists(st.tuples(positive, fractions), min_size=1, max_size=5))
def test_the_default_final_equals_fraction_arithmetic(terms):
    weights = [(f"p{i}", coefficient) for i, (coefficient, _) in enumerate(terms)]
    env = {f"p{i}": score for i, (_, score) in enumerate(terms)}
    assert default_final(weights, env) == sum((c * s for c, s in terms), Fraction(0))


keys = st.lists(st.tuples(fractions, st.integers(-5, 5), fractions), min_size=1, max_size=30)


@given(keys)
def test_integer_keys_keep_the_order_and_the_ties(rows):
    converted = integer_keys(rows)
    for a, b in zip(rows, rows[1:]):
        i, j = rows.index(a), rows.index(b)
        assert (a < b) == (converted[i] < converted[j])
        assert (a == b) == (converted[i] == converted[j])


def test_contest_keys_become_integers():
    rows = [(Fraction(8701, 100), Fraction(443, 5), 120), (Fraction(8701, 100), Fraction(443, 5), 119),
            (Fraction(87), Fraction(90), 3)]
    converted = integer_keys(rows)
    assert all(isinstance(v, int) for key in converted for v in key)
    assert converted[0] > converted[1] and converted[2] < converted[1]


def test_huge_denominators_keep_their_fractions():
    primes = [1000003, 1000033, 1000037, 1000039, 1000081, 1000099, 1000117, 1000121, 1000133, 1000151, 1000159,
              1000171, 1000183, 1000187, 1000193, 1000199, 1000211, 1000213, 1000231, 1000249]
    rows = [(Fraction(1, p),) for p in primes]  # their common multiple has far more than 256 bits
    converted = integer_keys(rows)
    assert converted == rows
    assert sorted(range(len(rows)), key=converted.__getitem__) == sorted(range(len(rows)), key=rows.__getitem__)
