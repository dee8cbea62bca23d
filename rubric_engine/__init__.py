"""rubric-engine: run the judging of a recurring contest from a rubric file.

This module is the public face: everything a plugin of any hook kind needs, and nothing
a plugin should reach past it for. The built-in plugins (``rubric_engine.builtins``) use
it and nothing else (tests/test_layers.py holds them to it)::

    from rubric_engine import hookimpl, CheckType, Verdict

Light names are imported here; heavier ones (file probes, renderers, the loaders) are
imported the first time they are used.
"""
from .version import __version__  # noqa: E402,F401

from .awarding import AwardContext, AwardOutcome, Standing, pick_top, pool_places  # noqa: E402
from .contexts import CheckContext  # noqa: E402
from .errors import (DataInputError, ParamError, PluginError, Problem, RubricEngineError,  # noqa: E402
                     RubricInputError, did_you_mean)
from .extension import (PASS, Aggregated, Aggregation, AwardStrategy, CheckType, OutputFormat, Sheet, Verdict,  # noqa: E402
                        param_date, param_quantity, param_range)
from .hookspecs import hookimpl  # noqa: E402
from .kinds import Scope, Severity, Subject, VerdictSource, VerdictStatus  # noqa: E402
from .messages import Message, join, text  # noqa: E402
from .normalising import Normalisation, NormalisationContext, Normalised  # noqa: E402

# public name -> (module under rubric_engine, attribute): imported on first use
_LAZY = {
    # the library
    "Contest": ("session", "Contest"),
    "Command": ("command", "Command"),
    "load_rubric": ("session", "load_rubric"),  # a host loaded for it unless one is given
    "read_data": ("io.data", "read_data"),
    "evaluate": ("engine.evaluate", "evaluate"),
    "VoteRule": ("votes.rules", "VoteRule"),  # what register_vote_rules registers
    "vote_rule_sql": ("votes.rules", "rule_sql"),  # a rule's SQL fragment shipped in votes/sql/rules/
    # ordering and words
    "natural_key": ("engine.ranking", "natural_key"),
    "label": ("language.wording", "label"),
    "Joined": ("language.wording", "Joined"),
    "Dimension": ("language.units", "Dimension"),
    "format_number": ("language.units", "format_number"),
    "format_fixed": ("language.units", "format_fixed"),
    # looking inside submission folders: every file is untrusted
    "run_bounded": ("inspect.bounded", "run_bounded"),
    "ProbeFailed": ("inspect.bounded", "ProbeFailed"),
    "list_folder": ("inspect.folder", "list_folder"),
    "Listing": ("inspect.folder", "Listing"),
    "SubmittedFile": ("inspect.folder", "SubmittedFile"),
    "display_name": ("inspect.folder", "display_name"),
    "normalise_name": ("inspect.folder", "normalise_name"),
    "expected_folder_name": ("inspect.folder", "expected_folder_name"),
    "vet_zip": ("inspect.safezip", "vet_zip"),
    "UnsafeZip": ("inspect.safezip", "UnsafeZip"),
    "word_count": ("inspect.wordcount", "word_count"),
    "read_article": ("inspect.documents", "read_article"),
    "pdf_summary": ("inspect.documents", "pdf_summary"),
    "probe_image": ("inspect.media", "probe_image"),
    "video_duration": ("inspect.media", "video_duration"),
    "find_signature": ("inspect.signature", "find_signature"),
    "mask_phones": ("inspect.signature", "mask_phones"),
    # rendering a result document (an output format may build on these)
    "render_json": ("render.writers", "render_json"),
    "render_csv": ("render.writers", "render_csv"),
    "render_md": ("render.writers", "render_md"),
    "render_plain_html": ("render.writers", "render_html"),
    "render_xlsx": ("render.xlsx", "render_xlsx"),
    "render_notice_docx": ("render.notice_docx", "render_notice_docx"),
    "render_page": ("render.page", "render_page"),
    "render_wechat": ("render.page", "render_wechat"),
    "render_template": ("render.templating", "render_template"),
    "render_table": ("render.rich_views", "render_table"),
    "table_renderables": ("render.rich_views", "renderables"),
}

__all__ = [
    "__version__", "hookimpl",
    # what a plugin registers
    "CheckType", "Verdict", "PASS", "Aggregation", "Aggregated", "Sheet", "AwardStrategy", "OutputFormat",
    "Normalisation", "Normalised", "NormalisationContext",
    # what it works with
    "AwardContext", "AwardOutcome", "Standing", "pick_top", "pool_places", "CheckContext",
    "VerdictStatus", "VerdictSource", "Severity", "Subject", "Scope",
    "Message", "text", "join",
    "param_date", "param_quantity", "param_range",
    "Problem", "RubricEngineError", "RubricInputError", "DataInputError", "PluginError", "ParamError", "did_you_mean",
    *_LAZY,
]


def __getattr__(name):
    """Lazy public API: importing the package stays light."""
    try:
        module, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(name) from None
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), attribute)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
