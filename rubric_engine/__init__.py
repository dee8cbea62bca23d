"""rubric-engine: run the judging of a recurring contest from a rubric file.

A plugin author needs only ``hookimpl`` and the registration types::

    from rubric_engine import hookimpl, CheckType, Verdict
"""
from .version import __version__  # noqa: E402,F401

from .errors import DataInputError, ParamError, PluginError, Problem, RubricEngineError, RubricInputError  # noqa: E402
from .extension import (PASS, Aggregated, Aggregation, AwardStrategy, CheckType, OutputFormat, Sheet, Verdict,  # noqa: E402
                        param_date, param_quantity, param_range)
from .hookspecs import hookimpl  # noqa: E402
from .votes.rules import VoteRule  # noqa: E402

__all__ = [
    "__version__", "hookimpl", "Aggregation", "Aggregated", "Sheet", "AwardStrategy", "CheckType", "OutputFormat", "Verdict", "PASS", "VoteRule",
    "param_date", "param_quantity", "param_range", "Problem", "RubricEngineError", "RubricInputError",
    "DataInputError", "PluginError", "ParamError", "load_rubric", "read_data", "evaluate",
]


def __getattr__(name):
    """Lazy public API: importing the package stays light."""
    if name == "load_rubric":
        from .rubric.build import load_rubric
        return load_rubric
    if name == "read_data":
        from .io.data import read_data
        return read_data
    if name == "evaluate":
        from .engine.evaluate import evaluate
        return evaluate
    raise AttributeError(name)
