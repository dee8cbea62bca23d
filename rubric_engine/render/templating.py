"""Jinja2 templates for the pages: the package's, overridden file by file by a user's folder.

``--template DIR`` puts DIR first: a file there named like a shipped template (``results.html.j2``,
``wechat.html.j2``, ``audit.html.j2``, or a partial they include) replaces it; every other
template still comes from the package. A template that does not parse, or that uses a name the
page does not give it, is a located error (the template's file and line, Jinja2's message),
never a traceback. Templates run in Jinja2's sandbox: they see the page's context, not Python.
"""
from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path

from ..errors import Location, RubricEngineError
from ..messages import join, text
from .rounding import shown


@lru_cache(maxsize=8)
def environment(template_dir: str | None = None):
    """The environment for ``template_dir`` (None: the package's templates only), built once."""
    from importlib import resources

    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    shipped = FileSystemLoader(str(resources.files("rubric_engine.render").joinpath("templates")))
    loader = ChoiceLoader([FileSystemLoader(template_dir), shipped]) if template_dir else shipped

    # sandboxed: a template reads the context it is given and nothing of Python behind it
    env = ImmutableSandboxedEnvironment(loader=loader, autoescape=select_autoescape(["j2", "html"]),
                                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["shown"] = shown  # {{ value_exact | shown(2) }}: half-up, trailing zeros kept
    env.filters["listed"] = listed  # {{ names | listed }}: 甲、乙 in zh-CN, a, b in English
    env.globals["t"] = t  # {{ t("page.heading.awards") }}: the catalogue's text in the page's language
    return env


def t(key: str, /, **fields) -> "Markup":
    """The catalogue text ``key`` in the current language, as HTML: the catalogue's own markup kept,
    every field escaped (a title with ``<`` stays text). The language is chosen before a page renders."""
    from markupsafe import Markup, escape

    return Markup(text(key, **{name: escape(value) for name, value in fields.items()}))


def listed(items) -> str:
    """A list inside a sentence, joined the current language's way (``messages.join``)."""
    return join(items)


def render_template(name: str, context: dict, template_dir: str | Path | None = None) -> str:
    """``name`` rendered with ``context``; a broken or undefined-using template raises a located error."""
    import jinja2

    env = environment(str(template_dir) if template_dir is not None else None)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise _located("template.syntax", exc.message or str(exc), exc.filename or exc.name or name,
                       exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise RubricEngineError.of("template.missing", name=exc.name) from None
    except Exception as exc:  # noqa: BLE001 - a user's template can fail in any way: say where
        frame = _template_frame(exc)
        if frame is None:
            raise
        code = "template.undefined" if isinstance(exc, jinja2.UndefinedError) else "template.failed"
        raise _located(code, str(exc), frame.filename, frame.lineno) from None


def _template_frame(exc: BaseException):
    """The innermost frame that is a line of a template (Jinja2 rewrites its frames to point there)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".j2", ".html"))]
    return frames[-1] if frames else None


def _located(key: str, message: str, filename: str, line: int | None) -> RubricEngineError:
    return RubricEngineError.of(key, Location(str(filename), line or 0), message=message)
