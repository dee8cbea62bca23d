"""The built-in vote rules, registered through the same hook as a plugin's (SQL in sql/rules/)."""
from __future__ import annotations

from ..hookspecs import hookimpl
from .rules import VoteRule, rule_sql

BUILTIN_RULES = {
    "ip_burst": {"max_votes": "count", "within": "duration"},
    "ip_cap": {"max_votes": "count", "per": "period"},
    "entry_spike": {"factor": "factor"},
    "device_voters": {"max_voters": "count"},
    "ip_hopping": {"max_changes": "count", "within": "duration"},
    "after": {"time": "time"},
}


@hookimpl
def register_vote_rules(register):
    for name, params in BUILTIN_RULES.items():
        register(VoteRule(name, rule_sql(name), params, needs_time=name != "device_voters"))
