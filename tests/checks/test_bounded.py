"""The bounded probe: a hostile file's parser can hang or eat memory; the probe cannot."""
import time

import pytest

from rubric_engine.inspect.bounded import ProbeFailed, run_bounded


def _forever():
    while True:
        time.sleep(0.05)


def _greedy():
    return len(bytearray(4 * 1024 * 1024 * 1024))


def _fails():
    raise ValueError("bad header")


def test_result_comes_back():
    assert run_bounded(sorted, [3, 1, 2]) == [1, 2, 3]


def test_a_probe_that_never_ends_is_stopped():
    with pytest.raises(ProbeFailed, match="gave up after 0.5 s"):
        run_bounded(_forever, seconds=0.5)


def test_a_probe_that_wants_too_much_memory_is_refused():
    with pytest.raises(ProbeFailed, match="memory"):
        run_bounded(_greedy, memory=512 * 1024 * 1024)


def test_the_probes_own_error_is_reported():
    with pytest.raises(ProbeFailed, match="ValueError: bad header"):
        run_bounded(_fails)
