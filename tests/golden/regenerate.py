"""Rewrite the golden files in tests/golden/expected/ from the engine as it is now.

    .venv/bin/python tests/golden/regenerate.py            # all contests
    .venv/bin/python tests/golden/regenerate.py mini xlsx  # only these contests

Run it ONLY when a change of output is intended (a bug fix, a new key, a changed
contest in contests.py), review the diff of expected/ line by line, and say in the
commit message why the numbers moved. A change that should not move any number (a
refactoring, a speed-up) must pass tests/golden/test_golden.py without running this.

Each contest is built by tests/golden/contests.py in a temporary folder; the real CLI
runs on it (tests/golden/outputs.py); the temporary folder's path is replaced by
<DATA>; nothing else is changed.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.golden.contests import BUILDERS, build  # noqa: E402
from tests.golden.outputs import EXPECTED, cases, dump, expected_path, normalise, run  # noqa: E402


def main(names: list[str]) -> None:
    unknown = sorted(set(names) - set(BUILDERS))
    if unknown:
        sys.exit(f"unknown contest(s) {', '.join(unknown)}; contests: {', '.join(BUILDERS)}")
    wanted = set(names or BUILDERS)
    EXPECTED.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="golden-") as temporary:
        base = Path(temporary)
        built = {}
        for name, command, entry in cases():
            if name not in wanted:
                continue
            if name not in built:
                built[name] = build(name, base)
            rubric, data = built[name]
            document = normalise(run(rubric, data, command, entry), base)
            path = expected_path(name, command, entry)
            text = dump(document)
            changed = not path.exists() or path.read_text(encoding="utf-8") != text
            path.write_text(text, encoding="utf-8")
            print(f"{'changed' if changed else 'same   '} {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
