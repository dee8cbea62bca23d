"""The built-in vote rules, registered through the same hook as a plugin's (their SQL in
rubric_engine/votes/sql/rules/, read by ``vote_rule_sql``)."""
from __future__ import annotations

from rubric_engine import VoteRule, hookimpl, vote_rule_sql

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
        register(VoteRule(name, vote_rule_sql(name), params, needs_time=name != "device_voters"))
