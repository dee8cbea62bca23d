"""A judged panel's plugin-backed keys: ``aggregation_params`` and ``normalise`` (issue 14).

Both validate their params against the plugin's ``params_schema`` (the one mechanism award
strategies and checks use, :func:`validate_against`); a plugin that declares no schema takes
no params. A param another aggregation takes (``drop`` on ``mean``) gets a did-you-mean for it.
"""
from __future__ import annotations

from typing import Any

from ..errors import Problem
from ..language.wording import Joined, written
from ..messages import Message
from .schema import validate_against

NO_PARAMS = {"type": "object", "additionalProperties": False, "properties": {}}


def _schema(plugin) -> dict:
    schema = dict(plugin.params_schema or NO_PARAMS)
    schema.setdefault("type", "object")
    return schema


def _takes(plugin, key: str) -> bool:
    return key in (plugin.params_schema or {}).get("properties", {})


def aggregation_params(builder, aggregator, params: Any, path: tuple) -> None:
    """Every problem of ``aggregation_params`` against the aggregation's schema, with a hint naming
    the aggregations that do take a param this one does not."""
    host = builder.host
    for problem in validate_against(params, _schema(aggregator), builder.doc, path, "params"):
        key = problem.message.fields.get("key") if problem.code == "params.unknown_key" else None
        if key is not None:
            others = [name for name in host.names("aggregations")
                      if name != aggregator.name and _takes(host.get("aggregations", name), key)]
            if others:
                problem = Problem(problem.severity, problem.code, problem.message, problem.location,
                                  Message("rubric.aggregation.param_elsewhere", key=key, first=others[0],
                                          aggregations=Joined(others), aggregation=aggregator.name))
        builder.problems.problems.append(problem)


def normalisation(builder, raw: Any, path: tuple) -> tuple[str, dict, Any]:
    """``normalise:`` as (method, params, the registered normalisation or None for ``none``)."""
    if raw is None:
        return "none", {}, None
    params = dict(raw) if isinstance(raw, dict) else {}
    method = str(params.pop("method", "none")) if isinstance(raw, dict) else str(raw)
    method_path = path + ("method",) if isinstance(raw, dict) else path
    if method == "none":
        if params:
            builder.error("rubric.normalise:none_params", path, at_key=True, keys=Joined(written(k) for k in params))
        return method, {}, None
    impl = builder.host.get("normalisations", method)
    if impl is None:
        builder.reference(method, ["none", *builder.host.names("normalisations")], "normalisation", method_path)
        return method, params, None
    for problem in validate_against(params, _schema(impl), builder.doc, path, "params"):
        builder.problems.problems.append(problem)
    return method, params, impl
