"""Load a rubric file: YAML → schema → plugins → model, collecting every problem.

``load_rubric`` is the one entry point. It raises :class:`RubricInputError` with
all errors found (not only the first) and returns the warnings of the lint beside
the model.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, Protocol

from ..errors import (ExpressionError, Location, ParamError, Problem, ProblemList,
                      RubricInputError, did_you_mean)
from ..messages import Message
from ..language import Dimension, DivisionByZero, compile_formula, compile_quantity, compile_range, compile_rank_table
from ..language.compiler import ANY_ATTRIBUTES, Compiled, compile_condition
from ..language.wording import Joined, written
from . import panel_keys
from .consent import consented_plugins, entry_path
from .panel_steps import panel_steps, rounding
from .final_formula import tie_sign
from .model import (Award, AwardGroup, Band, Check, Contest, Criterion, Expression, Final, Labelled, Panel,
                    Publication, Rubric, TieBreak, VoteCategory, VoteFlag, Voting)
from .schema import rubric_schema, validate_against
from .yaml_source import YamlDocument, load_yaml


class Registry(Protocol):
    """What the builder needs of the plugin host, given from above (``session.load_host``)."""

    plugin_dirs: list[Path]  # the --plugins-dir folders: their files need no further consent

    def get(self, kind: str, name: str) -> Any:
        """The registered object of ``kind`` (checks, aggregations, award_strategies, ...) named ``name``."""

    def names(self, kind: str) -> list[str]:
        """Every registered name of ``kind``, sorted."""

    def load_file(self, path: Path, where=None, source: bytes | None = None) -> None:
        """Load one of the rubric's plugin files (consented) and register what it provides."""

    def collect(self) -> None:
        """Call the registration hooks of every plugin loaded so far."""


@dataclass
class LoadedRubric:
    rubric: Rubric
    host: Any  # the Registry it was built against (a PluginHost)
    warnings: list[Problem] = field(default_factory=list)
    document: YamlDocument | None = None


def load_rubric(path: str | Path, *, registry: Registry, lint: bool = True,
                trust_plugins: bool = False) -> LoadedRubric:
    """Read, validate and compile the rubric at ``path`` against ``registry`` (the plugin host).

    The plugin files the rubric names run only with consent (:mod:`.consent`): their
    sha256 pinned in the rubric, ``trust_plugins``, or a file in one of the host's
    ``--plugins-dir`` folders. They are loaded into ``registry``.
    """
    host = registry
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RubricInputError.of("file.missing:rubric", Location(str(path)), path=str(path)) from None
    except IsADirectoryError:
        raise RubricInputError.of("file.folder:rubric", Location(str(path)), path=str(path)) from None
    except OSError as exc:
        raise RubricInputError.of("file.unreadable:rubric", Location(str(path)), path=str(path),
                                  reason=exc.strerror) from None
    doc = load_yaml(raw, str(path))
    if not isinstance(doc.data, dict):
        raise RubricInputError.of("schema.type:rubric", doc.location(()))
    problems = ProblemList()
    problems.extend(validate_against(doc.data, rubric_schema(), doc))
    problems.raise_if_errors(RubricInputError)

    plugin_files, existing = [], []
    for index, item in enumerate(doc.data.get("plugins", [])):
        relative = entry_path(item)
        plugin_path = (path.parent / relative).resolve()
        if not plugin_path.is_file():
            with_py = plugin_path.with_name(plugin_path.name + ".py")
            problems.error(Message("plugin.missing:listed", file=relative, path=str(plugin_path)),
                           doc.location(("plugins", index)), code="plugin.missing",
                           hint=Message("hint.did_you_mean", word=f"{relative}.py") if with_py.is_file() else None)
        elif plugin_path.suffix != ".py":
            problems.add("error", "plugin.suffix", doc.location(("plugins", index)), file=relative)
        else:
            existing.append((index, plugin_path))
        plugin_files.append(plugin_path)
    problems.raise_if_errors(RubricInputError)
    allowed = consented_plugins(doc, existing, problems, trusted=trust_plugins, folders=host.plugin_dirs)
    problems.raise_if_errors(RubricInputError)  # no code of the rubric runs without consent
    for plugin in allowed:
        host.load_file(plugin.path, source=plugin.source)
    host.collect()

    builder = _Builder(doc, host, problems)
    rubric = builder.build(hashlib.sha256(raw).hexdigest(), tuple(str(p) for p in plugin_files))
    problems.raise_if_errors(RubricInputError)
    if lint:
        from .lint import lint_rubric

        problems.extend(lint_rubric(rubric, doc))
        problems.raise_if_errors(RubricInputError)  # the lint's errors: a rank-table gap, a fact stated twice
    return LoadedRubric(rubric, host, problems.warnings, doc)


def _fraction(value) -> Fraction:
    """Exact value of a YAML number: 0.7 is 7/10, not the nearest binary float."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


class _Builder:
    def __init__(self, doc: YamlDocument, host, problems: ProblemList):
        self.doc, self.host, self.problems = doc, host, problems
        self.data = doc.data

    # --- helpers -------------------------------------------------------------------
    def error(self, message_key: str, path: tuple, hint: Message | None = None, *, at_key: bool = False,
              **fields) -> None:
        """The catalogue message ``message_key`` located at ``path``; its hint is ``message_key.hint``
        unless one is given."""
        message = Message(message_key, **fields)
        self.problems.error(message, self.doc.location(path, key=at_key), code=message.code,
                            hint=hint if hint is not None else message.hint())

    def expression(self, compile_fn, path: tuple, *args):
        """Compile the expression at ``path``; an error points into its text."""
        text = self._get(path)
        try:
            return self._located_at_run_time(compile_fn(str(text), *args), path)
        except ExpressionError as exc:
            self.problems.error(exc.message, self.doc.location(path, offset=(exc.line, exc.column),
                                                                length=exc.length),
                                code=exc.code, hint=exc.hint)
            return None
        except RecursionError:  # a backstop: MAX_EXPRESSION_DEPTH should stop it first
            from ..limits import raise_message

            self.problems.error(Message("expression.limit:compile_depth"), self.doc.location(path),
                                code="expression.limit", hint=raise_message("MAX_EXPRESSION_DEPTH"))
            return None

    def _located_at_run_time(self, compiled, path: tuple):
        """A formula that divides by zero on some data: a located error of the rubric, not a crash."""
        if not isinstance(compiled, Compiled):
            return compiled
        fn, doc = compiled.fn, self.doc

        def located(env):
            try:
                return fn(env)
            except DivisionByZero as exc:
                raise RubricInputError.of(
                    "expression.zero_division", doc.location(path, offset=(exc.line, exc.column), length=exc.length),
                    divisor=exc.divisor) from None
        return dataclasses.replace(compiled, fn=located)

    def _get(self, path: tuple):
        value = self.data
        for part in path:
            value = value[part]
        return value

    def unique(self, section: str, items: list[dict]) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            item_id = item.get("id")
            if item_id in seen:
                self.error("rubric.duplicate_id", (section, index, "id"), id=written(item_id), section=section,
                           first=seen[item_id] + 1)
            else:
                seen[item_id] = index

    def reference(self, name: str, known: Iterable[str], what: str, path: tuple) -> bool:
        """``name`` is one of ``known``, else an error; ``what`` is a catalogue word (``criterion``,
        ``aggregation``, ``check_type`` …): ``rubric.reference.<what>``."""
        known = list(known)
        if name in known:
            return True
        what_word = Message(f"rubric.reference.{what}")
        self.error("rubric.reference", path,
                   did_you_mean(name, known) or (Message("rubric.reference.known", what=what_word,
                                                         names=Joined(known)) if known
                                                 else Message("rubric.reference.none", what=what_word)),
                   what=what_word, name=written(name))
        return False

    def date(self, value, path: tuple) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.error("rubric.date", path, value=written(value))
            return None

    def prepared(self, plugin, raw: dict, path: tuple, rubric_so_far) -> Any:
        """Validate ``params`` against the plugin's schema, then let it prepare them."""
        schema = dict(plugin.params_schema or {})
        if schema:
            schema.setdefault("type", "object")
            if "properties" in schema:  # the keys it names are the keys it takes: another is a typo, said so
                schema.setdefault("additionalProperties", False)
            for problem in validate_against(raw, schema, self.doc, path + ("params",), "params"):
                self.problems.problems.append(problem)
            if any(p.is_error for p in self.problems.problems):
                return None
        if plugin.prepare is None:
            return raw
        try:
            return plugin.prepare(raw, rubric_so_far)
        except ParamError as exc:
            param_path = path + ("params",) + (tuple(exc.key.split(".")) if exc.key else ())
            self.problems.error(exc.message, self.doc.location(param_path, offset=exc.offset,
                                                                length=exc.length),
                                code="rubric.params", hint=exc.hint)
        except (ValueError, TypeError, KeyError) as exc:
            self.error("rubric.params:bad", path + ("params",), plugin=plugin.name, reason=str(exc))
        return None

    # --- sections --------------------------------------------------------------------
    def build(self, sha256: str, plugin_files: tuple[str, ...]) -> Rubric:
        data = self.data
        contest = self.contest(data["contest"])
        formats = tuple(Labelled(f["id"], f["label"], f.get("description", ""))
                        for f in data.get("formats", []))
        self.unique("formats", data.get("formats", []))
        unit_metrics = tuple(Labelled(m["id"], m["label"], m.get("description", ""))
                             for m in data.get("unit_metrics", []))
        self.unique("unit_metrics", data.get("unit_metrics", []))
        criteria = self.criteria(data.get("criteria", []))
        voting = self.voting(data.get("voting", {}), contest.timezone)
        from .rank_tables import named_tables

        self.rank_tables = named_tables(self)
        panels = self.panels(data["panels"], criteria, voting)
        final = self.final(data.get("final", {}), panels, voting)
        partial = Rubric(contest, criteria, panels, final, voting, formats, unit_metrics)
        checks = self.checks(data.get("checks", []), partial, formats)
        awards = self.awards(data.get("awards", []), partial, checks)
        return Rubric(contest, criteria, panels, final, voting, formats, unit_metrics, checks, awards,
                      plugin_files, self.doc.file, sha256, data.get("language", "zh-CN"),
                      publication=self.publication(data.get("publication", {})), rank_tables=self.rank_tables,
                      award_groups=self.award_groups(data.get("award_groups", {}), awards))

    def publication(self, raw: dict) -> Publication:
        """``publication:`` (issue 17): dates checked here, the 公示 period computed where it is shown."""
        path = ("publication",)

        def dates(key: str) -> frozenset:
            return frozenset(d for i, v in enumerate(raw.get(key, [])) if (d := self.date(v, path + (key, i))))

        return Publication(date=self.date(raw.get("date"), path + ("date",)), days=raw.get("days"),
                           working_days=bool(raw.get("working_days", False)), contact=raw.get("contact", ""),
                           rules=tuple(raw.get("rules", [])), holidays=dates("holidays"),
                           workdays=dates("workdays"), signed_by=tuple(raw.get("signed_by", [])))

    def contest(self, raw: dict) -> Contest:
        submission = raw.get("submission", {})
        offset = raw.get("timezone", "+08:00")
        sign = -1 if offset.startswith("-") else 1
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 14 or minutes >= 60:
            self.error("rubric.timezone", ("contest", "timezone"), offset=offset)
            hours, minutes = 8, 0
        return Contest(
            id=str(raw["id"]), name=raw["name"], theme=raw.get("theme", ""), period=raw.get("period", ""),
            timezone=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)),
            organisers=tuple((o["role"], tuple(o["names"])) for o in raw.get("organisers", [])),
            schedule=tuple((s["item"], s["when"]) for s in raw.get("schedule", [])),
            notes=tuple(raw.get("notes", [])),
            deadline=self.date(submission.get("deadline"), ("contest", "submission", "deadline")),
            email=submission.get("email", ""), folder_name=submission.get("folder_name", ""))

    def criteria(self, raw_list: list[dict]) -> tuple[Criterion, ...]:
        self.unique("criteria", raw_list)
        result = []
        for index, raw in enumerate(raw_list):
            path = ("criteria", index)
            maximum, minimum = _fraction(raw["max"]), _fraction(raw.get("min", 0))
            step = _fraction(raw.get("step", 1))
            if minimum >= maximum:
                self.error("rubric.criterion:min_max", path + ("min",), min=written(raw.get("min")),
                           max=written(raw["max"]))
            scored_by = raw.get("scored_by", "judges")
            if scored_by == "checks" and raw.get("bands"):
                self.error("rubric.criterion:bands", path + ("bands",), at_key=True)
            if "deduction" in raw and scored_by != "checks":
                self.error("rubric.criterion:deduction", path + ("deduction",), at_key=True)
            bands = []
            for band_index, band in enumerate(raw.get("bands", [])):
                band_path = path + ("bands", band_index, "range")
                interval = self.expression(compile_range, band_path, Dimension.NUMBER)
                if interval is None:
                    continue
                low = interval.low if interval.low is not None else minimum
                high = interval.high if interval.high is not None else maximum
                if low < minimum or high > maximum:
                    self.error("rubric.band", band_path, band=written(band["range"]), criterion=raw["label"],
                               min=written(raw.get("min", 0)), max=written(raw["max"]))
                bands.append(Band(interval, band.get("description", ""), band.get("label", "")))
            result.append(Criterion(raw["id"], raw["label"], maximum, minimum, step, scored_by,
                                    _fraction(raw.get("deduction", 1)), tuple(bands),
                                    raw.get("description", ""), round=rounding(raw.get("round"))))
        by_checks = [c for c in result if c.scored_by == "checks"]
        if len(by_checks) > 1:
            index = next(i for i, r in enumerate(raw_list) if r["id"] == by_checks[1].id)
            self.error("rubric.criterion:checks_twice", ("criteria", index, "scored_by"))
        return tuple(result)

    def voting(self, raw: dict, timezone: dt.tzinfo = dt.timezone(dt.timedelta(hours=8))) -> Voting:
        categories = tuple(VoteCategory(c["id"], c["label"], bool(c.get("default", False)))
                           for c in raw.get("categories", []))
        self.unique("categories", raw.get("categories", []))
        if sum(c.default for c in categories) > 1:
            self.error("rubric.voting:default", ("voting", "categories"))
        opens = self.date(raw.get("opens"), ("voting", "opens"))
        closes = self.date(raw.get("closes"), ("voting", "closes"))
        if opens and closes and opens > closes:
            self.error("rubric.voting:closes", ("voting", "closes"), closes=str(closes), opens=str(opens))
        kwargs = {}
        if categories:
            kwargs["categories"] = categories
        if "one_vote_per" in raw:
            kwargs["one_vote_per"] = tuple(raw["one_vote_per"])
        if "malformed" in raw:
            kwargs["malformed"] = raw["malformed"]
        if "optional" in raw:
            kwargs["optional"] = bool(raw["optional"])
        kwargs["flags"] = self.vote_flags(raw.get("flags", []), timezone)
        return Voting(opens, closes, **kwargs)

    def vote_flags(self, raw_list: list[dict], timezone: dt.tzinfo) -> tuple[VoteFlag, ...]:
        """``voting.flags``: each rule type looked up in the registry, its params bound (errors located)."""
        result, seen = [], {}
        for index, raw in enumerate(raw_list):
            path = ("voting", "flags", index)
            if raw["id"] in seen:
                self.error("rubric.duplicate_id", path + ("id",), id=written(raw["id"]), section="voting.flags",
                           first=seen[raw["id"]] + 1)
                continue
            seen[raw["id"]] = index
            rule = self.host.get("vote_rules", raw["type"])
            if rule is None:
                self.reference(raw["type"], self.host.names("vote_rules"), "vote_rule", path + ("type",))
                continue
            try:
                bound = rule.bind(raw.get("params", {}), timezone)
            except ValueError as exc:
                self.error("rubric.vote_rule:params", path + ("params",), rule=raw["id"],
                           detail=exc.args[0] if exc.args else "")
                continue
            result.append(VoteFlag(raw["id"], raw["type"], raw.get("action", "flag"), rule, bound,
                                   dict(raw.get("params", {}))))
        return tuple(result)

    def weight(self, raw, path: tuple) -> Fraction | None:
        if raw is None:
            return None
        if isinstance(raw, (int, float)):
            return _fraction(raw)
        quantity = self.expression(compile_quantity, path, Dimension.NUMBER)
        return quantity.value if quantity else None

    def panels(self, raw_list: list[dict], criteria: tuple[Criterion, ...], voting: Voting):
        self.unique("panels", raw_list)
        by_id = {c.id: c for c in criteria}
        result = []
        for index, raw in enumerate(raw_list):
            path = ("panels", index)
            weight = self.weight(raw.get("weight"), path + ("weight",))
            if raw["type"] == "judged" and raw.get("ballot") == "ranked":
                from .ballots import ranked_panel

                result.append(ranked_panel(self, raw, path, weight))
            elif raw["type"] == "judged":
                for key in ("rank_table", "category"):
                    if key in raw:
                        self.error("rubric.panel:judged_key", path + (key,), at_key=True, key=key)
                names = raw["criteria"]
                for c_index, name in enumerate(names):
                    self.reference(name, by_id, "criterion", path + ("criteria", c_index))
                if len(set(names)) != len(names):
                    self.error("rubric.panel:criterion_twice", path + ("criteria",))
                aggregation = raw.get("aggregation") or self.host.default("aggregations")
                aggregator = self.host.get("aggregations", aggregation)
                if aggregator is None:
                    self.reference(aggregation, self.host.names("aggregations"), "aggregation",
                                   path + ("aggregation",))
                params = raw.get("aggregation_params", {})
                if aggregator is not None:
                    panel_keys.aggregation_params(self, aggregator, params, path + ("aggregation_params",))
                normalise = panel_keys.normalisation(self, raw.get("normalise"), path + ("normalise",))
                maximum = sum((by_id[n].max for n in names if n in by_id), Fraction(0))
                if raw.get("items") == "sum":
                    if "max" not in raw:
                        self.error("rubric.panel:items_max", path, at_key=True)
                if "max" in raw:
                    maximum = _fraction(raw["max"])
                steps, maximum = panel_steps(self, raw, path, maximum, sum((by_id[n].max for n in names if n in by_id),
                                                                           Fraction(0)))
                from .ballots import panel_judges

                judges, judge_entries, where = panel_judges(self, raw, path)
                result.append(Panel(raw["id"], raw["label"], "judged", weight, tuple(names), judges, aggregation,
                                    params, max=maximum, judge_entries=judge_entries, judge_entry_where=where,
                                    description=raw.get("description", ""), aggregation_impl=aggregator,
                                    normalise=normalise[0], normalise_params=normalise[1],
                                    normalisation_impl=normalise[2], **steps))
            else:
                for key in ("criteria", "judges", "aggregation", "aggregation_params", "items", "items_optional",
                            "item_round", "scale", "round", "normalise"):
                    if key in raw:
                        self.error("rubric.panel:votes_key", path + (key,), at_key=True, key=key)
                from .rank_tables import panel_table

                table, table_name = panel_table(self, path + ("rank_table",), self.rank_tables)
                category = raw.get("category", voting.default_category)
                if "category" in raw:
                    self.reference(category, [c.id for c in voting.categories], "vote_category",
                                   path + ("category",))
                maximum = _fraction(raw["max"]) if "max" in raw else (table.top if table else Fraction(1))
                result.append(Panel(raw["id"], raw["label"], "votes", weight, max=maximum,
                                    category=category, rank_table=table, rank_table_name=table_name,
                                    description=raw.get("description", "")))
        return tuple(result)

    def data_expression(self, kind: str, path: tuple, names: dict, key: str, counts: frozenset[str],
                        skip: int = 0) -> Expression | None:
        """An expression that may read entry attributes (``entry.X``): any is accepted now, and it is
        compiled again once the data is known (``rubric/attributes.py``); ``skip``: characters of the text
        left out before it (a tie-break's leading ``-``)."""
        text = str(self._get(path))
        body = text[skip:]
        compile_fn = compile_condition if kind == "condition" else compile_formula
        doc = self.doc

        def where(line: int, column: int, length: int = 1) -> Location:
            return doc.location(path, offset=(line, column + (skip if line == 1 else 0)), length=length)
        try:
            compiled = compile_fn(body, names, attributes=ANY_ATTRIBUTES, counts=counts)
        except ExpressionError as exc:
            self.problems.error(exc.message, where(exc.line, exc.column, exc.length), code=exc.code, hint=exc.hint)
            return None
        return Expression(key, body, kind, compiled, names, counts, where)

    def final(self, raw: dict, panels: tuple[Panel, ...], voting: Voting | None = None) -> Final:
        names = final_names(panels)
        formula = None
        if "formula" in raw:
            formula = self.expression(compile_formula, ("final", "formula"), names)
        else:
            for index, panel in enumerate(panels):
                if panel.weight is None:
                    self.error("rubric.weight", ("panels", index), at_key=True, panel=panel.label)
            weights = [p.weight for p in panels]
            if panels and None not in weights and sum(weights, Fraction(0)) != 1:
                self.weights_sum(panels, sum(weights, Fraction(0)))
        tie_break = tuple(str(t) for t in raw.get("tie_break", ()))
        tie_breaks = []
        formula_names = {**names, **vote_names(voting)}
        counts = frozenset(p.id for p in panels if p.judged)
        for index, written_as in enumerate(tie_break):
            path = ("final", "tie_break", index)
            if _BARE_NAME.fullmatch(written_as) and not written_as.startswith(("entry.", "votes.")):
                if self.reference(written_as, names, "tie_break", path):  # a name, as it always was
                    tie_breaks.append(TieBreak(written_as, tie_sign(written_as), written_as))
                continue
            stripped = written_as.lstrip()
            skip = len(written_as) - len(stripped) + 1 if stripped.startswith("-") else 0
            expression = self.data_expression("formula", path, formula_names, f"tie:{index}", counts, skip)
            if expression is not None:
                tie_breaks.append(TieBreak(written_as, -1 if skip else 1, None, expression))
        return Final(formula, tie_break, raw.get("decimals", 2),
                     max=_fraction(raw["max"]) if "max" in raw else None, tie_breaks=tuple(tie_breaks))

    def weights_sum(self, panels: tuple[Panel, ...], total: Fraction) -> None:
        """The default final formula is a weighted average: its weights must make 100 %."""
        from ..language.units import format_number

        shown = Joined(f"{p.label} {format_number(p.weight * 100)}%" for p in panels)
        # point at the weight that looks like a percentage written without '%'
        index = next((i for i, p in enumerate(panels) if p.weight > 1), None)
        raw_weights = [self.data["panels"][i].get("weight") for i in range(len(panels))]
        hint = Message("rubric.weights.hint")
        if index is not None and isinstance(raw_weights[index], (int, float)):
            hint = Message("rubric.weights.hint:percent", weight=written(raw_weights[index]),
                           percent=format_number(panels[index].weight * 100))
        path = ("panels", index, "weight") if index is not None else ("panels",)
        self.error("rubric.weights", path, hint, at_key=index is None, total=format_number(total * 100),
                   weights=shown)

    def checks(self, raw_list: list[dict], partial: Rubric, formats) -> tuple[Check, ...]:
        self.unique("checks", raw_list)
        result = []
        for index, raw in enumerate(raw_list):
            path = ("checks", index)
            check_type = raw["type"]
            params: Any = raw.get("params", {})
            plugin = self.host.get("checks", check_type)
            if plugin is None:
                self.reference(check_type, self.host.names("checks"), "check_type", path + ("type",))
            else:
                params = self.prepared(plugin, raw.get("params", {}), path, partial)
            for f_index, format_id in enumerate(raw.get("applies_to", [])):
                self.reference(format_id, [f.id for f in formats], "format", path + ("applies_to", f_index))
            result.append(Check(raw["id"], raw.get("label", raw["id"]), check_type,
                                raw.get("severity", "deduct"), tuple(raw.get("applies_to", [])), params,
                                raw.get("params", {}), raw.get("description", ""), type_impl=plugin))
        return tuple(result)

    def awards(self, raw_list: list[dict], partial: Rubric, checks: tuple[Check, ...] = ()) -> tuple[Award, ...]:
        self.unique("awards", raw_list)
        result = []
        names = eligible_names(partial, checks)
        counts = frozenset(p.id for p in partial.panels if p.judged)
        groups: dict[str, str] = {}
        for index, raw in enumerate(raw_list):
            path = ("awards", index)
            strategy = self.host.get("award_strategies", raw["strategy"])
            params: Any = raw.get("params", {})
            subject = "entries"
            if strategy is None:
                self.reference(raw["strategy"], self.host.names("award_strategies"), "award_strategy",
                               path + ("strategy",))
            else:
                subject = strategy.subject
                params = self.prepared(strategy, raw.get("params", {}), path, partial)
            group = raw.get("exclusive_group")
            if group and groups.setdefault(group, subject) != subject:
                self.error("rubric.award:group_subjects", path + ("exclusive_group",), group=group)
            count, share = award_count(raw.get("count", 1))
            if share is not None and not 0 < share <= 1:
                self.error("rubric.award:share", path + ("count",), count=raw["count"])
            if strategy is not None and not strategy.counted and "count" in raw:
                self.error("rubric.award:count_unused", path + ("count",), at_key=True, strategy=raw["strategy"])
            if "eligible" in raw and subject != "entries":  # a unit strategy reads no pool of entries
                self.error("rubric.award:eligible_units", path + ("eligible",), at_key=True, award=raw["id"],
                           strategy=raw["strategy"])
            eligible = (self.data_expression("condition", path + ("eligible",), names, f"award:{raw['id']}", counts)
                        if "eligible" in raw and subject == "entries" else None)
            result.append(Award(raw["id"], raw["label"], raw["strategy"], count, group,
                                params, raw.get("params", {}), subject, raw.get("description", ""),
                                strategy_impl=strategy, ordered=raw.get("ordered", True), share=share,
                                eligible=eligible))
        return tuple(result)

    def award_groups(self, raw: dict, awards: tuple[Award, ...]) -> dict[str, AwardGroup]:
        """``award_groups:``: every group named there is some award's ``exclusive_group``."""
        used = [a.exclusive_group for a in awards if a.exclusive_group]
        groups = {}
        for group_id, options in (raw or {}).items():
            if group_id not in used:
                self.error("rubric.award_groups:unused", ("award_groups", group_id), at_key=True,
                           hint=did_you_mean(group_id, used) or None, group=group_id)
            groups[group_id] = AwardGroup(group_id, (options or {}).get("one_award_per", "entry"),
                                          (options or {}).get("vacancy", "refill"))
        return groups


def award_count(raw) -> tuple[int, Fraction | None]:
    """``count`` as (places, share): ``3`` -> (3, None); ``"10%"`` -> (1, 1/10) (the schema checked the text)."""
    if isinstance(raw, str) and raw.strip().endswith("%"):
        return 1, Fraction(raw.strip()[:-1].strip()) / 100
    return (raw if isinstance(raw, int) else 1), None


_BARE_NAME = re.compile(r"[^\W\d]\w*(\.[^\W\d]\w*)*")


def vote_names(voting: Voting | None) -> dict[str, Dimension]:
    """``votes.CATEGORY``: an entry's votes in that category."""
    return {f"votes.{c.id}": Dimension.NUMBER for c in (voting.categories if voting else ())}


def eligible_names(partial: Rubric, checks: Iterable[Check]) -> dict:
    """The names an award's ``eligible:`` may use besides ``entry.X`` (engine/eligibility.py gives them values)."""
    from ..language.compiler import CHECK_PREFIX, TEXT

    return {**final_names(partial.panels), **vote_names(partial.voting), "final": Dimension.NUMBER,
            "rank": Dimension.NUMBER, **{CHECK_PREFIX + c.id: TEXT for c in checks}}


def final_names(panels: Iterable[Panel]) -> dict[str, Dimension]:
    """The names a final formula and the tie-break chain may use."""
    from .final_formula import panel_names

    return {name: Dimension.NUMBER for panel in panels for name in panel_names(panel)}
