"""最佳新人奖: a worked example of an award-strategy plugin.

The best-ranked entry among the units taking part for the first time. Which units are
new is a parameter of the award, so next year only the rubric changes:

    plugins: [../plugins/best_newcomer.py]
    awards:
      - id: best_newcomer
        label: 最佳新人奖
        strategy: best_newcomer
        count: 1
        params: {new_units: [佛山银行信用卡中心, 江门政务服务热线]}

Load it with ``--plugins-dir plugins``, or from a rubric (``plugins:``) with the
file's sha256 pinned (``{path: ../plugins/best_newcomer.py, sha256: ...}``) or
``--trust-plugins`` on the command: a rubric's plugins run only with consent.
"""
from rubric_engine import AwardStrategy, ParamError, hookimpl
from rubric_engine.engine.awards import AwardOutcome, pick_top


def prepare(params, rubric):
    units = params.get("new_units")
    if not isinstance(units, list) or not units or not all(isinstance(u, str) for u in units):
        raise ParamError("new_units must be a list of unit names", "new_units")
    return {"new_units": set(units)}


def best_newcomer(award, context):
    """Ranks the eligible entries of the new units by final rank; ties share the award."""
    candidates = [(s.id, -s.rank) for s in context.eligible if s.unit in award.params["new_units"]]
    winners, note = pick_top(candidates, award.count, context.excluded_for(award))
    ranks = {s.id: s.rank for s in context.eligible}
    return AwardOutcome(award.id, winners, {w: f"新参赛单位中排名最高（第 {ranks[w]} 名）" for w in winners},
                        [note] if note else [])


@hookimpl
def register_award_strategies(register):
    register(AwardStrategy("best_newcomer", best_newcomer, "the best-ranked entry of a first-time unit",
                           params_schema={"type": "object", "required": ["new_units"],
                                          "properties": {"new_units": {"type": "array", "items": {"type": "string"}}}},
                           prepare=prepare))
