"""Every hook of rubric-engine, grouped by the phase of the pipeline that uses it.

Hooks are registration hooks: each receives a ``register`` callback and calls it once
per thing it provides. The host validates names, rejects duplicates and records which
plugin provided what (``rubric plugins`` shows it). Hooks are always called with
keyword arguments, so a hook can gain arguments later without breaking plugins.

A plugin is a module (or a single ``.py`` file) with functions decorated by
``@hookimpl`` whose names are the hook names below::

    from rubric_engine import hookimpl

    @hookimpl
    def register_aggregations(register):
        register(Aggregation("midrange", lambda marks, params: (min(marks) + max(marks)) / 2))
"""
from __future__ import annotations

import pluggy

ENTRY_POINT_GROUP = "rubric_engine"  # where installed plugins declare themselves (pyproject entry points)
hookspec = pluggy.HookspecMarker("rubric_engine")
hookimpl = pluggy.HookimplMarker("rubric_engine")


# --- Phase 1: submission checks (规范性) -------------------------------------------

@hookspec
def register_checks(register):
    """Register check types, the values a rubric's ``checks[].type`` may name.

    Called once when plugins are loaded. ``register(check_type)`` takes a
    :class:`rubric_engine.CheckType`: an entry-scope check judges one entry at a time,
    a contest-scope check (such as a unit quota) sees all entries at once. Returns
    nothing.
    """


# --- Phase 2: scoring ---------------------------------------------------------------

@hookspec
def register_aggregations(register):
    """Register aggregations, the values a panel's ``aggregation`` may name.

    ``register(aggregation)`` takes a :class:`rubric_engine.Aggregation`, whose function
    turns the judges' totals for one entry (exact ``Fraction`` values) into the panel
    score. Returns nothing.
    """


@hookspec
def register_normalisations(register):
    """Register normalisations, the values a judged panel's ``normalise`` (``method``) may name.

    ``register(normalisation)`` takes a :class:`rubric_engine.Normalisation`, whose
    ``normalise(sheets, params, context)`` gets the WHOLE panel's sheets (every judge and
    entry, one item at a time) before any entry is aggregated and returns a
    :class:`rubric_engine.Normalised` (one total per sheet). Returns nothing.
    """


# --- Phase 3: awards ----------------------------------------------------------------

@hookspec
def register_award_strategies(register):
    """Register award strategies, the values an award's ``strategy`` may name.

    ``register(strategy)`` takes a :class:`rubric_engine.AwardStrategy`, whose ``decide``
    function picks the winners of one award from the contest's standings. Returns
    nothing.
    """


# --- Phase 4: output ----------------------------------------------------------------

@hookspec
def register_output_formats(register):
    """Register output formats, the values ``--format`` may name.

    ``register(output_format)`` takes a :class:`rubric_engine.OutputFormat`, whose
    ``render`` function turns a result document (the same dict the JSON output holds)
    into bytes. Returns nothing.
    """


# --- Words: a plugin's own messages -------------------------------------------------

@hookspec
def register_messages(register):
    """Register the plugin's own messages, in both languages, shown exactly as the built-ins' are.

    ``register(messages)`` takes ``{"zh-CN": {key: text}, "en": {key: text}}`` or the path of a
    locale folder laid out as the package's (``zh_CN/LC_MESSAGES/*.mo``, ``en/LC_MESSAGES/*.mo``).
    ``Message(key, ...)`` and ``text(key, ...)`` then find the plugin's keys; a key missing in
    one language falls back to the other, and ``rubric plugins`` says so. A plugin may not
    redefine a key of rubric-engine's own. Returns nothing.
    """


# --- The command line ---------------------------------------------------------------

@hookspec
def register_commands(register):
    """Register ``rubric`` sub-commands, each built on :class:`rubric_engine.Contest`.

    ``register(command)`` takes a :class:`rubric_engine.Command` (a name, the function the
    command runs, its help). Only installed plugins (entry points) and ``--plugins-dir``
    files may add commands; a rubric's ``plugins:`` may not (the command line is read
    before any rubric). ``rubric plugins`` lists them. Returns nothing.
    """


# --- Phase 5: online votes ----------------------------------------------------------

@hookspec
def register_vote_rules(register):
    """Register vote rules, the values a rubric's ``voting.flags[].type`` may name.

    ``register(rule)`` takes a :class:`rubric_engine.VoteRule`: a SQL fragment selecting
    the ``line`` of every deduplicated vote it catches from ``deduped``, with ``$param``
    placeholders bound from the rubric's ``params`` by kind (docs/votes.md). The same
    fragment runs on DuckDB and, transpiled, on Spark. Returns nothing.
    """
