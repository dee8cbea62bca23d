"""JSON Schema validation of a rubric, with errors phrased for organisers."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping

from ..errors import Problem, did_you_mean
from ..language.wording import Joined, written
from ..messages import Message
from .yaml_source import YamlDocument

_TYPES = ("number", "integer", "string", "boolean", "array", "object", "null")

# the schema's own descriptions (English, shared with editors) → their catalogue hint
_DESCRIPTION_HINTS = {
    "A stable identifier used in data files and JSON output: letters, digits and _.": "rubric.schema_hint.id",
    'An ISO date, e.g. "2018-11-10" (quote it).': "rubric.schema_hint.date",
    "A weight: 70% or 0.7.": "rubric.schema_hint.percent",
    "A number of places (10) or a share of the eligible entries (10%).": "rubric.schema_hint.count",
    'UTC offset of the contest, e.g. "+08:00".': "rubric.schema_hint.timezone",
    "The plugin file's sha256 (64 hex digits): the file is run only if it has exactly these bytes.":
        "rubric.schema_hint.sha256",
}


@lru_cache(maxsize=1)
def rubric_schema() -> dict:
    """The rubric JSON Schema (draft-07) shipped with the package."""
    text = resources.files("rubric_engine.schemas").joinpath("rubric.schema.json").read_text("utf-8")
    return json.loads(text)


def _describe(value: Any) -> Message | str:
    """The value found, as a person would say it: nothing, a list, 'abc', 12."""
    if value is None:
        return Message("rubric.value.nothing")
    if isinstance(value, dict):
        return Message("rubric.value.mapping")
    if isinstance(value, list):
        return Message("rubric.value.list")
    if isinstance(value, str):
        return Message("rubric.value.text", value=value)
    return Message("rubric.value.number", value=written(value))


def _type_word(name: str) -> Message | str:
    return Message(f"rubric.type.{name}") if name in _TYPES else name


def _description_hint(schema: Mapping) -> Message | str | None:
    description = schema.get("description")
    if not description:
        return None
    key = _DESCRIPTION_HINTS.get(description)
    return Message(key) if key else description


def _name(path: tuple) -> str | Message:
    """The key the value belongs to (a list item: its list's key)."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return Message("rubric.word.value")


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
    """One jsonschema error → problems phrased for organisers, by the kind of rule broken.

    ``code`` is ``schema`` (the rubric) or ``params`` (a plugin's params): the problem codes,
    and so the catalogue keys, are ``schema.type``, ``params.enum``, …
    """
    path = base_path + tuple(error.absolute_path)
    instance, schema, kind = error.instance, error.schema, error.validator
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                hint = did_you_mean(key, allowed) or (Message("rubric.hint.allowed_keys", keys=Joined(allowed))
                                                      if allowed else Message("rubric.hint.no_keys"))
                yield _problem(f"{code}.unknown_key", doc.location(path + (key,), key=True, length=len(key)),
                               hint, key=key)
        return
    if kind == "required":
        missing = [k for k in error.validator_value if k not in instance]
        for key in missing:
            variant = f"{code}.missing_key:in" if path else f"{code}.missing_key"
            yield Problem.of("error", variant, doc.location(path, key=True), key=key, parent=_name(path))
        return
    where = doc.location(path, length=len(str(instance)) if not isinstance(instance, (dict, list)) else 1)
    name = _name(path)
    found = _describe(instance)
    if kind == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        hint = None
        if "boolean" in expected and isinstance(instance, str):
            hint = Message("rubric.hint.write_boolean")
        elif isinstance(instance, str) and instance.strip().lstrip("+-").isdigit():
            hint = Message("rubric.hint.leading_zero")
        elif "number" in expected:
            hint = Message("rubric.hint.write_digits")
        elif "integer" in expected:
            hint = Message("rubric.hint.write_integer")
        yield _problem(f"{code}.type", where, hint, name=name, found=found,
                       expected=Joined([_type_word(t) for t in expected], word="rubric.word.or"))
    elif kind == "enum":
        choices = [written(c) for c in error.validator_value]
        close = did_you_mean(str(instance), choices)
        hint = (Message("rubric.hint.choose_one:close", word=close.fields["word"], choices=Joined(choices)) if close
                else Message("rubric.hint.choose_one", choices=Joined(choices)))
        yield _problem(f"{code}.enum", where, hint, name=name, found=found)
    elif kind == "const":
        yield _problem(f"{code}.const", where, None, name=name, value=written(error.validator_value))
    elif kind == "pattern":
        hint = _description_hint(schema) or Message("rubric.hint.pattern", pattern=error.validator_value)
        yield _problem(f"{code}.pattern", where, hint, name=name, found=found)
    elif kind in ("anyOf", "oneOf") and _matching_branch(error) is not None:
        # one alternative has the value's shape (a mapping where a text or a mapping may stand): its own errors
        for inner in sorted(_matching_branch(error), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
            yield from _translate(inner, doc, base_path, code)
    elif kind in ("anyOf", "oneOf"):
        hint = _description_hint(schema) or Message("rubric.hint.reference")
        yield _problem(f"{code}.value", where, hint, name=name, found=found)
    elif kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        yield _problem(f"{code}.range:{kind}", where, None, name=name, found=found,
                       bound=written(error.validator_value))
    elif kind in ("minItems", "minLength"):
        yield _problem(f"{code}.empty", where, None, name=name)
    elif kind in ("maxItems", "maxLength"):
        yield _problem(f"{code}.{kind}", where, None, name=name, bound=written(error.validator_value))
    else:  # a rule the rubric schema does not use today: jsonschema's own (English) words
        yield Problem("error", f"{code}.{kind}", f"'{name}': {error.message}", where)


def _problem(key: str, where, hint, /, **fields) -> Problem:
    """A problem whose hint depends on the case (a did-you-mean, or a list of choices)."""
    message = Message(key, **fields)
    return Problem("error", message.code, message, where, hint)


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
