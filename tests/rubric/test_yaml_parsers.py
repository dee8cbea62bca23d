"""A rubric is read by libyaml's parser where PyYAML has it, and gives what PyYAML's own parser gives:
the same values, the same line and column for every key and value, the same errors in the same words."""
from __future__ import annotations

import subprocess

import pytest
import yaml

from rubric_engine.errors import RubricInputError
from rubric_engine.rubric import yaml_source
from tests.conftest import MINI_RUBRIC, ROOT, RUBRIC_2018

pytestmark = pytest.mark.skipif(getattr(yaml, "CSafeLoader", None) is None,
                                reason="this PyYAML has no libyaml: every rubric is read by PyYAML's own parser")

TRACKED_YAML = [ROOT / name for name in subprocess.run(["git", "ls-files", "*.yaml", "*.yml"], cwd=ROOT,
                                                       capture_output=True, text=True).stdout.split()] or [RUBRIC_2018]


def _outcome(raw: bytes):
    try:
        doc = yaml_source.load_yaml(raw, "r.yaml")
    except RubricInputError as exc:
        return "error", [(p.code, str(p.location), str(p.message), str(p.hint)) for p in exc.problems]
    return "read", repr(doc.data), sorted(doc.spans.items()), sorted(doc.key_spans.items())


def _both(raw: bytes, monkeypatch):
    """(libyaml first, PyYAML's own parser only) for ``raw``."""
    fast = _outcome(raw)
    monkeypatch.setattr(yaml_source, "_FAST_LOADER", None)
    own = _outcome(raw)
    monkeypatch.setattr(yaml_source, "_FAST_LOADER", yaml.CSafeLoader)
    return fast, own


@pytest.mark.parametrize("path", TRACKED_YAML, ids=lambda p: p.name)
def test_every_bundled_yaml_file_reads_the_same_with_either_parser(path, monkeypatch):
    fast, own = _both(path.read_bytes(), monkeypatch)
    assert fast == own and fast[0] == "read"


def test_the_2018_rubric_is_read_by_libyaml(monkeypatch):
    loaders = []
    parse = yaml.parse
    monkeypatch.setattr(yaml, "parse", lambda text, Loader: loaders.append(Loader) or parse(text, Loader=Loader))
    yaml_source.load_yaml(RUBRIC_2018.read_bytes(), str(RUBRIC_2018))
    assert loaders == [yaml.CSafeLoader]


# where the two parsers part (found by mutating the bundled rubrics): each is read PyYAML's way
PARTING = {
    "a tab before a value": MINI_RUBRIC.replace("name: ", "name:\t", 1),
    "a ? inside a flow list": MINI_RUBRIC + "extra: [con?tent, b]\n",
    "a tag inside a flow list": MINI_RUBRIC + "extra: [!x7, b]\n",
    "a BOM inside the text": MINI_RUBRIC.replace("name", "na\ufeffme", 1),
    "a NEL inside the text": MINI_RUBRIC.replace("\n\n", "\n\x85\n", 1),
    "a colon where none may be": MINI_RUBRIC + "extra: a: b\n",
    "an unclosed quote": MINI_RUBRIC + 'extra: "abc\n',
    "an unclosed flow list": MINI_RUBRIC + "extra: [a, b\n",
    "a duplicate key": MINI_RUBRIC + "extra: 1\nextra: 2\n",
    "an anchor": MINI_RUBRIC + "extra: &a 1\n",
    "a control character": MINI_RUBRIC + "extra: a\x07b\n",
}


@pytest.mark.parametrize("text", PARTING.values(), ids=PARTING.keys())
def test_where_the_parsers_part_the_result_is_pyyamls(text, monkeypatch):
    fast, own = _both(text.encode("utf-8"), monkeypatch)
    assert fast == own


def test_an_error_libyaml_finds_is_worded_from_pyyamls_sentences():
    with pytest.raises(RubricInputError) as raised:
        yaml_source.load_yaml((MINI_RUBRIC + "extra: a: b\n").encode("utf-8"), "r.yaml")
    problem = raised.value.problems[0]
    assert problem.code == "yaml.syntax" and problem.message.key == "yaml.syntax"
    assert problem.message.fields["detail"].key == "yaml.detail.mapping_values"  # PyYAML's sentence, in the catalogue
    assert str(problem.hint) == str(yaml_source.Message("yaml.syntax.hint:colon"))
