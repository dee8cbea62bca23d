"""JSON Schema validation of a rubric, with errors phrased for organisers."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping

from ..errors import Problem, did_you_mean
from .yaml_source import YamlDocument

_TYPE_WORDS = {"number": "a number", "integer": "a whole number", "string": "text",
               "boolean": "true or false", "array": "a list", "object": "a mapping (key: value lines)",
               "null": "nothing"}


@lru_cache(maxsize=1)
def rubric_schema() -> dict:
    """The rubric JSON Schema (draft-07) shipped with the package."""
    text = resources.files("rubric_engine.schemas").joinpath("rubric.schema.json").read_text("utf-8")
    return json.loads(text)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


def _name(path: tuple) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "value"


def validate_against(instance: Any, schema: Mapping, doc: YamlDocument, base_path: tuple = (),
                     code: str = "schema") -> list[Problem]:
    """Every schema violation of ``instance`` (found at ``base_path`` in ``doc``)."""
    from jsonschema import Draft7Validator

    validator = Draft7Validator(schema)
    problems: list[Problem] = []
    seen = set()
    for error in sorted(validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        for problem in _translate(error, doc, base_path, code):
            key = (problem.message, str(problem.location))
            if key not in seen:
                seen.add(key)
                problems.append(problem)
    return problems


def _translate(error, doc: YamlDocument, base_path: tuple, code: str) -> Iterable[Problem]:
    path = base_path + tuple(error.absolute_path)
    instance, schema, kind = error.instance, error.schema, error.validator
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or f"allowed keys here: {', '.join(allowed)}"
                yield Problem("error", f"{code}.unknown_key", f"unknown key {key!r}",
                              doc.location(path + (key,), key=True, length=len(key)), hint)
        return
    if kind == "required":
        missing = [k for k in error.validator_value if k not in instance]
        for key in missing:
            where = f" in '{_name(path)}'" if path else ""
            yield Problem("error", f"{code}.missing_key", f"missing key {key!r}{where}",
                          doc.location(path, key=True), f"add '{key}: ...'")
        return
    where = doc.location(path, length=len(str(instance)) if not isinstance(instance, (dict, list)) else 1)
    name = _name(path)
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        hint = None
        if "boolean" in expected and isinstance(instance, str):
            hint = "write true or false"
        elif isinstance(instance, str) and instance.strip().lstrip("+-").isdigit():
            hint = "a number must not start with 0; write it without the leading zero"
        elif "number" in expected or "integer" in expected:
            hint = "write digits, e.g. 10 or 0.5"
        yield Problem("error", f"{code}.type", f"'{name}' must be {words}, not {_describe(instance)}",
                      where, hint)
    elif kind == "enum":
        choices = [str(c) for c in error.validator_value]
        hint = did_you_mean(str(instance), choices) or "choose one of: " + ", ".join(choices)
        yield Problem("error", f"{code}.enum", f"'{name}' cannot be {_describe(instance)}", where, hint)
    elif kind == "const":
        yield Problem("error", f"{code}.const", f"'{name}' must be {error.validator_value!r}", where)
    elif kind == "pattern":
        description = schema.get("description", "")
        hint = description or f"it must match {error.validator_value}"
        yield Problem("error", f"{code}.pattern", f"'{name}' cannot be {_describe(instance)}", where, hint)
    elif kind in ("anyOf", "oneOf") and _matching_branch(error) is not None:
        # one alternative has the value's shape (a mapping where a text or a mapping may stand): its own errors
        for inner in sorted(_matching_branch(error), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
            yield from _translate(inner, doc, base_path, code)
    elif kind in ("anyOf", "oneOf"):
        description = schema.get("description") or "see the rubric language reference"
        yield Problem("error", f"{code}.value", f"'{name}' cannot be {_describe(instance)}", where,
                      description)
    elif kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {"minimum": "at least", "exclusiveMinimum": "above", "maximum": "at most",
                 "exclusiveMaximum": "below"}[kind]
        yield Problem("error", f"{code}.range", f"'{name}' must be {words} {error.validator_value}, "
                                                f"not {_describe(instance)}", where)
    elif kind in ("minItems", "minLength"):
        yield Problem("error", f"{code}.empty", f"'{name}' must not be empty", where)
    else:
        yield Problem("error", f"{code}.{kind}", f"'{name}': {error.message}", where)



def _matching_branch(error) -> list | None:
    """For a mapping: the errors of the one alternative of an anyOf/oneOf that is a mapping, if exactly one is.

    (For a text or a number, the alternative's own description says more than its pattern.)"""
    own = "object" if isinstance(error.instance, dict) else None
    branches = [i for i, branch in enumerate(error.validator_value)
                if own is not None and isinstance(branch, dict) and branch.get("type") == own]
    if len(branches) != 1:
        return None
    inner = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == branches[0]]
    return inner or None
