"""A ranked-ballot panel (``ballot: ranked``): each judge ranks the entries; the rank table makes points.

The panel has no criteria. Its aggregation (default ``sum``) combines the judges' points.
Its maximum, unless ``max:`` is given, is what the aggregation can reach: the table's top
points times the declared judges for ``sum``, the table's top points otherwise.
"""
from __future__ import annotations

from fractions import Fraction

from ..rubric.schema import validate_against
from .model import Panel
from .rank_tables import panel_table

DEFAULT_AGGREGATION = "sum"


def ranked_panel(builder, raw: dict, path: tuple, weight: Fraction | None) -> Panel:
    table, table_name = panel_table(builder, path + ("rank_table",), builder.rank_tables)
    aggregation = raw.get("aggregation") or DEFAULT_AGGREGATION
    aggregator = builder.host.get("aggregations", aggregation)
    if aggregator is None:
        builder.reference(aggregation, builder.host.names("aggregations"), "aggregation", path + ("aggregation",))
    params = raw.get("aggregation_params", {})
    if aggregator is not None and aggregator.params_schema:
        builder.problems.extend(validate_against(params, aggregator.params_schema, builder.doc,
                                                 path + ("aggregation_params",), "params"))
    judges, judge_entries, where = panel_judges(builder, raw, path)
    if "max" in raw:
        maximum = Fraction(repr(raw["max"])) if isinstance(raw["max"], float) else Fraction(raw["max"])
    elif table is None:
        maximum = Fraction(1)
    else:
        maximum = table.top * (len(judges) if aggregation == "sum" and judges else 1)
    return Panel(raw["id"], raw["label"], "judged", weight, (), judges, aggregation, params, None, maximum,
                 rank_table=table, description=raw.get("description", ""), ballot="ranked",
                 rank_table_name=table_name, judge_entries=judge_entries, judge_entry_where=where,
                 aggregation_impl=aggregator)


def panel_judges(builder, raw: dict, path: tuple) -> tuple[tuple[str, ...], tuple, tuple]:
    """``judges:``: the names, the entries of each judge written ``{name: 专家1, entries: [E001, E002]}``
    (a bare name is unrestricted), and where each of those entry ids is written (the data reader checks
    them against the entries table, io/assignments.py)."""
    names, entries, where = [], [], []
    for i, item in enumerate(raw.get("judges", [])):
        if isinstance(item, dict):
            names.append(str(item["name"]))
            entries.append((str(item["name"]), tuple(str(e) for e in item["entries"])))
            where.append(tuple(builder.doc.location(path + ("judges", i, "entries", j))
                               for j in range(len(item["entries"]))))
        else:
            names.append(str(item))
    if len(set(names)) != len(names):
        builder.error("rubric.panel:judge_twice", path + ("judges",))
    return tuple(names), tuple(entries), tuple(where)
