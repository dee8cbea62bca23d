"""``rubric schema``: the rubric JSON Schema."""
from __future__ import annotations

from . import common
from .options import LangOpt, VersionOpt

NAME, HELP = "schema", "help.schema"


def command(lang: LangOpt = None, version: VersionOpt = None) -> None:
    """Print the rubric JSON Schema (draft-07), for editors and other tools."""
    from importlib import resources

    common.write_stdout(resources.files("rubric_engine.schemas").joinpath("rubric.schema.json").read_bytes())
