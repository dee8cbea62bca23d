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
from rubric_engine import AwardOutcome, AwardStrategy, Message, ParamError, hookimpl, pick_top

# the plugin's own words, in both languages; Message("best_newcomer.reason", ...) reads them
MESSAGES = {
    "zh-CN": {"best_newcomer.summary": "首次参赛单位中排名最高的作品",
              "best_newcomer.reason": "新参赛单位中排名最高（第 {rank} 名）",
              "best_newcomer.new_units": "new_units 应为单位名称的列表"},
    "en": {"best_newcomer.summary": "the best-ranked entry of a first-time unit",
           "best_newcomer.reason": "the best rank among the new units (rank {rank})",
           "best_newcomer.new_units": "new_units must be a list of unit names"},
}


def prepare(params, rubric):
    units = params.get("new_units")
    if not isinstance(units, list) or not units or not all(isinstance(u, str) for u in units):
        raise ParamError(Message("best_newcomer.new_units"), "new_units")
    return {"new_units": set(units)}


def best_newcomer(award, context):
    """Ranks the eligible entries of the new units by final rank; ties share the award."""
    candidates = [(s.id, -s.rank) for s in context.eligible if s.unit in award.params["new_units"]]
    winners, note = pick_top(candidates, award.count, context.excluded_for(award))
    ranks = {s.id: s.rank for s in context.eligible}
    return AwardOutcome(award.id, winners, {w: Message("best_newcomer.reason", rank=ranks[w]) for w in winners},
                        [note] if note else [])


@hookimpl
def register_messages(register):
    register(MESSAGES)


@hookimpl
def register_award_strategies(register):
    register(AwardStrategy("best_newcomer", best_newcomer, Message("best_newcomer.summary"),
                           params_schema={"type": "object", "required": ["new_units"],
                                          "properties": {"new_units": {"type": "array", "items": {"type": "string"}}}},
                           prepare=prepare))
