"""Issue 18, case 7: ``--plugins-dir DIR`` consents only to the files DIR itself would load."""
from __future__ import annotations

import pytest

from tests.conftest import MINI_RUBRIC

MARKER = "import pathlib\npathlib.Path(__file__).with_name('ran.txt').write_text('ran')\n"


@pytest.mark.parametrize("name", ["_private.py", "sub/helper.py"])
def test_a_file_the_folder_would_not_load_gets_no_consent_from_it(tmp_path, cli, name):
    folder = tmp_path / "plugins"
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(MARKER, encoding="utf-8")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + f"plugins: [plugins/{name}]\n", encoding="utf-8")
    code, out, err = cli("validate", rubric, "--plugins-dir", folder)
    assert code == 1, err
    assert not (folder / name).with_name("ran.txt").exists(), "consent came from a folder that would not load it"
    assert f"the rubric asks to run the code of plugin plugins/{name}" in err and "Traceback" not in err


def test_a_file_the_folder_loads_still_has_its_consent(tmp_path, cli):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "public.py").write_text(MARKER, encoding="utf-8")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + "plugins: [plugins/public.py]\n", encoding="utf-8")
    code, out, err = cli("validate", rubric, "--plugins-dir", folder)
    assert code == 0, err
