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


def test_the_allowance_is_on_top_of_what_the_parent_has_mapped(tmp_path):
    """A parent that mapped more than PROBE_MEMORY (DuckDB and Arrow reserve gigabytes they never touch)
    still probes: the bound is what the probe may add. It segfaulted the video probe before."""
    import subprocess
    import sys

    script = (
        "import mmap\n"
        "from rubric_engine.inspect.bounded import ProbeFailed, run_bounded\n"
        "reserved = mmap.mmap(-1, 3 * 1024 ** 3)  # 3 GiB of address space, never touched\n"
        "print(run_bounded(lambda: len(bytearray(64 * 1024 * 1024)), memory=512 * 1024 ** 2))\n"
        "try:\n"
        "    run_bounded(lambda: len(bytearray(2 * 1024 ** 3)), memory=512 * 1024 ** 2)\n"
        "except ProbeFailed:\n"
        "    print('bounded')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(64 * 1024 * 1024), "bounded"]
