"""The types a plugin registers. Importing this module imports nothing heavy."""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

from .kinds import Scope, Subject, VerdictStatus




LITERAL = "checks.literal"  # the message key of a reason given as plain text: "{text}" in every language


_MESSAGE: list = [None]  # the Message class, once imported (this module imports nothing heavy)


def _message(value: Any, *, optional: bool = False):
    """``value`` as a message: a ``Message`` as it is, plain text as the literal message ``checks.literal``."""
    from .messages import Message

    _MESSAGE[0] = Message

    if value is None and optional:
        return None
    if isinstance(value, Message):
        return value
    if hasattr(value, "to_field"):  # a field kind that renders itself late (a Joined list, a Label)
        return Message(LITERAL, text=value)
    return Message(LITERAL, text="" if value is None else str(value))


def _word_data(value: Any):
    """A reason, measure or limit as language-free data (a literal stays its plain text)."""
    if value is None:
        return None
    if value.key == LITERAL and isinstance(value.fields.get("text"), str):
        return value.fields["text"]
    return value.to_data()


def _word_value(data: Any, *, optional: bool = True):
    """The inverse of :func:`_word_data`: a message from its data, or plain text as a literal."""
    from .messages import Message

    if isinstance(data, dict):
        return Message.from_data(data)
    if data is None and optional:
        return None
    if not isinstance(data, str):
        raise TypeError(f"not a text or a message: {data!r}")
    return _message(data)



@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of one check on one entry: a :class:`VerdictStatus` and why, as data.

    ``reason``, ``measured`` and ``limit`` are :class:`~rubric_engine.messages.Message` objects
    (a catalogue key and its fields), rendered in the reader's language only when shown:
    a verdict is cached and saved language-free. A plugin may pass plain text instead;
    it is kept as the literal message ``checks.literal`` (``{"text": ...}``), shown as
    written in every language. ``status`` may be given as a plain string (``"pass"``).
    """

    status: VerdictStatus
    reason: Any = ""
    measured: Any = None
    limit: Any = None

    def __post_init__(self):
        if type(self.status) is not VerdictStatus:
            self._status()
        for name in ("reason", "measured", "limit"):  # a Message as it is (the common case, made cheap)
            value = getattr(self, name)
            if type(value) is not _MESSAGE[0] and (value is not None or name == "reason"):
                object.__setattr__(self, name, _message(value, optional=name != "reason"))

    def _status(self):
        status = _STATUSES.get(self.status) if type(self.status) is str else None
        if status is not None:  # "pass" given as text: a dict look-up, not the enum's call (100 000 verdicts)
            object.__setattr__(self, "status", status)
            return
        try:
            object.__setattr__(self, "status", VerdictStatus(self.status))
        except ValueError:
            from .messages import Message

            raise ValueError(Message("plugins.verdict.status", status=self.status)) from None

    def to_dict(self) -> dict:
        """Language-free data (cache files, saved verdicts): ``reason`` as ``Message.to_data()``;
        ``measured`` and ``limit`` likewise, or their plain text when they were given as text."""
        return {"status": str(self.status), "reason": self.reason.to_data(),
                "measured": _word_data(self.measured), "limit": _word_data(self.limit)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Verdict":
        """The inverse of :meth:`to_dict` (a ``text`` beside a message's code is ignored: it is
        rendered again); raises ``ValueError`` or ``TypeError`` on bad data."""
        if not isinstance(data, Mapping) or not isinstance(data.get("status"), str):
            raise TypeError(f"not a verdict: {data!r}")
        return cls(data["status"], _word_value(data.get("reason"), optional=False),
                   _word_value(data.get("measured")), _word_value(data.get("limit")))


_STATUSES = {status.value: status for status in VerdictStatus}
PASS = Verdict("pass")


@dataclass(frozen=True)
class CheckType:
    """A kind of submission check.

    ``run(entry, params, context)`` returns a :class:`Verdict` for one entry
    (``scope="entry"``); with ``scope="contest"`` it is called as
    ``run(entries, params, context)`` and returns ``{entry_id: Verdict}``.
    ``prepare(params, rubric)`` (optional) turns the rubric's raw ``params`` into the
    object given to ``run``; it raises ``ValueError`` with a message on bad params.
    ``params_schema`` is a JSON Schema for the raw params.

    Optional declarations the engine reads instead of knowing any type by name:

    - ``by_hand``: a person records this check's verdict in the checks table (a manual
      check); ``run`` gives the verdict an entry has until then (``not_run``).
    - ``preload``: modules to import before the file checks fork their workers (the file
      readers the check uses), so every worker starts with them loaded.
    - ``fingerprint()``: what the check's verdicts depend on beyond the source file of
      ``run`` (e.g. a digest of the reader modules it calls), as JSON-ready data; part of
      the verdict cache's key, so changing it invalidates the cached verdicts.
    - ``version``: the check's version in the cache key; default, the installed
      distribution's version of ``run``'s top-level package.
    """

    name: str
    run: Callable[..., Any]
    summary: str = ""
    scope: str = Scope.ENTRY
    needs_files: bool = False
    params_schema: Mapping[str, Any] = field(default_factory=dict)
    prepare: Callable[[Mapping[str, Any], Any], Any] | None = None
    by_hand: bool = False
    preload: tuple[str, ...] = ()
    fingerprint: Callable[[], Any] | None = None
    version: str | None = None


@dataclass(frozen=True)
class Sheet:
    """One judge's sheet for one entry (and item), as an aggregation sees it. Every number is exact."""

    judge: str
    marks: Mapping[str, Fraction]
    total: Fraction  # the marks, plus 规范性 where the panel adds it to every judge's total
    weight: Fraction = Fraction(1)
    item: str | None = None
    factor: Fraction = Fraction(1)
    entry: str = ""  # the entry the sheet scores (a normalisation sees every entry's sheets at once)


@dataclass(frozen=True)
class Aggregated:
    """What an aggregation made of one entry's sheets: the score, and what ``explain`` shows."""

    score: Fraction
    dropped: tuple[int, ...] = ()  # positions in the sheets given that did not count
    note: Any = ""  # plain text or a Message: shown by ``explain`` (data: ``Message.to_data()``)


@dataclass(frozen=True)
class Aggregation:
    """Combines one entry's sheets on a panel into its panel score, exactly.

    Give either form (or both):

    - ``fn(totals, params)`` — the simple form: the judges' totals (``Fraction`` values,
      at least one) in, a ``Fraction`` out;
    - ``aggregate(sheets, params)`` — the full form: the :class:`Sheet` list in, an
      :class:`Aggregated` out, which can say which sheets were dropped.

    ``integers(totals, params)`` is an optional fast path over totals that are all
    integers (every mark scaled by one common denominator): it returns the score as an
    unreduced ``(numerator, denominator)`` pair, and must be homogeneous (scaling every
    total by k scales the score by k) and agree with the other form exactly.
    Each raises ``ValueError`` when it cannot apply (e.g. too few judges to drop two).
    ``default``: the aggregation a judged panel that names none uses (one registration has it).
    ``uses_weights``: it reads each sheet's ``weight`` (the scores file's 权重 column); with any
    other aggregation a scores file that gives weights gets a warning that they are ignored.
    ``params_schema`` validates ``aggregation_params``; an empty one means the aggregation takes none.
    """

    name: str
    fn: Callable[[Sequence[Fraction], Mapping[str, Any]], Fraction] | None = None
    summary: str = ""
    params_schema: Mapping[str, Any] = field(default_factory=dict)
    aggregate: Callable[[Sequence[Sheet], Mapping[str, Any]], Aggregated] | None = None
    integers: Callable[[list[int], Mapping[str, Any]], tuple[int, int]] | None = None
    default: bool = False
    uses_weights: bool = False

    def __post_init__(self):
        if self.fn is None and self.aggregate is None:
            from .messages import Message

            raise ValueError(Message("plugins.aggregation.no_function", name=self.name))

    def apply(self, sheets: Sequence[Sheet], params: Mapping[str, Any]) -> Aggregated:
        """The full form; the simple form through an adapter."""
        if self.aggregate is not None:
            return self.aggregate(sheets, params)
        return Aggregated(Fraction(self.fn([s.total for s in sheets], params)))


@dataclass(frozen=True)
class AwardStrategy:
    """Decides the winners of one award.

    ``decide(award, context)`` returns an :class:`rubric_engine.AwardOutcome`; ``context``
    is an :class:`rubric_engine.AwardContext`. ``subject`` is ``entries`` or ``units``
    (:class:`rubric_engine.Subject`); ``params_schema`` validates ``awards[].params``.

    ``explain(award, context, subject)`` (optional) returns, as data, how one entry or unit
    fared (``rubric explain`` shows it): a mapping added to the award's item — numbers exact,
    sentences as :class:`rubric_engine.Message` (``why_not`` is the one ``explain`` shows for
    an entry that did not win); its ``more`` key, if any, is a list of further items shown
    after every award's.
    ``places(award)`` (optional): how many places of the final ranking the award gives out
    (``rubric show`` titles the awards table with their sum).
    ``param_labels(rubric)`` (optional): ``{param: {id: label}}`` for parameters that name
    things of the rubric, so ``rubric show`` shows the labels.
    ``counted`` (default true): the award's ``count`` applies (its 名额 is shown); false for a
    strategy that has no number of places (``threshold``): a ``count`` on it is an error.
    ``chained`` (default false): the strategy's awards follow one another (tiers: the second
    starts where the first ends), so a place freed in one by a forfeit frees the later ones too.
    """

    name: str
    decide: Callable[..., Any]
    summary: str = ""
    subject: str = Subject.ENTRIES
    params_schema: Mapping[str, Any] = field(default_factory=dict)
    prepare: Callable[[Mapping[str, Any], Any], Any] | None = None
    explain: Callable[..., Mapping[str, Any]] | None = None
    places: Callable[[Any], int] | None = None
    param_labels: Callable[[Any], Mapping[str, Mapping[str, str]]] | None = None
    counted: bool = True
    chained: bool = False


@dataclass(frozen=True)
class OutputFormat:
    """Renders a result document (a dict, as in the JSON output) to bytes.

    ``render(document, kind)`` gets ``kind`` = ``evaluate``, ``check`` or ``explain``.
    ``binary``: never written to a terminal (the CLI asks for ``--output``).
    ``terminal``: optional ``terminal(document, kind, **view)`` yielding Rich renderables,
    printed live when this format goes to stdout; a format that has one also gets the view
    options (``grid``, ``only_problems``) in ``render``.
    ``options``: the further keyword options ``render`` accepts, by name; the CLI passes
    ``template`` (the ``--template DIR`` folder, or None) to a format that names it, and
    refuses ``--template`` for a format that does not.
    """

    name: str
    render: Callable[..., bytes]
    summary: str = ""
    extension: str = ""
    binary: bool = False
    terminal: Callable[..., Any] | None = None
    options: tuple[str, ...] = ()


# --- helpers for plugins' prepare(): read one parameter, raising a located ParamError ---

def param_quantity(params: Mapping[str, Any], key: str, dimension, default: str | None = None):
    """``params[key]`` as an exact quantity of ``dimension`` (e.g. ``"3 MB"``)."""
    from .errors import ExpressionError, ParamError
    from .language import compile_quantity

    from .messages import Message

    text = params.get(key, default)
    if text is None:
        raise ParamError(Message("plugins.param.missing", key=key), key)
    try:
        return compile_quantity(str(text), dimension).value
    except ExpressionError as exc:
        raise ParamError(exc.message, key, exc.hint, (exc.line, exc.column), exc.length) from None


def param_range(params: Mapping[str, Any], key: str, dimension=None, default: str | None = None):
    """``params[key]`` as a :class:`rubric_engine.language.Range` (e.g. ``"4 min..6 min"``)."""
    from .errors import ExpressionError, ParamError
    from .language import compile_range

    from .messages import Message

    text = params.get(key, default)
    if text is None:
        raise ParamError(Message("plugins.param.missing", key=key), key)
    try:
        return compile_range(str(text), dimension)
    except ExpressionError as exc:
        raise ParamError(exc.message, key, exc.hint, (exc.line, exc.column), exc.length) from None


def param_date(params: Mapping[str, Any], key: str, default=None):
    """``params[key]`` as a ``datetime.date`` from ISO text (``"2018-11-10"``)."""
    import datetime as dt

    from .errors import ParamError
    from .messages import Message

    text = params.get(key, default)
    if text is None:
        raise ParamError(Message("plugins.param.missing", key=key), key, Message("rubric.date.hint"))
    if isinstance(text, dt.date):
        return text
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        raise ParamError(Message("plugins.param.date", value=str(text)), key, Message("rubric.date.hint")) from None
