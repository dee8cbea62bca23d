"""Jinja2 templates for the pages: the package's, overridden file by file by a user's folder.

``--template DIR`` puts DIR first: a file there named like a shipped template (``results.html.j2``,
``wechat.html.j2``, ``audit.html.j2``, or a partial they include) replaces it; every other
template still comes from the package. A template that does not parse, or that uses a name the
page does not give it, is a located error (the template's file and line, Jinja2's message),
never a traceback. Templates run in Jinja2's sandbox: they see the page's context, not Python.

A user's folder is hostile input too (docs/limits.md, "Templates"): only regular files inside
DIR are read (no symbolic link, no path out of it); a page renders within ``RENDER_SECONDS``,
``RENDER_MEMORY`` more bytes of address space and ``MAX_PAGE_BYTES`` of output; ``t()`` formats
only the catalogue's own texts, never a key the template made up.
"""
from __future__ import annotations

import os
import stat
import traceback
from functools import lru_cache
from pathlib import Path

from ..errors import Location, RubricEngineError
from ..messages import LANGUAGES, has, join, text
from .render_bounds import RenderBound, bounded, bounded_power, page_chunks
from .rounding import shown


@lru_cache(maxsize=8)
def environment(template_dir: str | None = None):
    """The environment for ``template_dir`` (None: the package's templates only), built once."""
    from importlib import resources

    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, select_autoescape

    shipped = FileSystemLoader(str(resources.files("rubric_engine.render").joinpath("templates")))
    loader = ChoiceLoader([_confined_loader(template_dir), shipped]) if template_dir else shipped

    # sandboxed: a template reads the context it is given and nothing of Python behind it
    env = _sandbox()(loader=loader, autoescape=select_autoescape(["j2", "html"]),
                     undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["shown"] = shown  # {{ value_exact | shown(2) }}: half-up, trailing zeros kept
    env.filters["listed"] = listed  # {{ names | listed }}: 甲、乙 in zh-CN, a, b in English
    env.globals["t"] = t  # {{ t("page.heading.awards") }}: the catalogue's text in the page's language
    return env


@lru_cache(maxsize=1)
def _sandbox():
    """Jinja2's immutable sandbox, with ``**`` bounded (``10 ** 100000000`` is one C call no alarm stops)."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"**"})

        def _parse(self, source, name, filename):
            import math

            from jinja2 import nodes

            tree = super()._parse(source, name, filename)
            for const in tree.find_all(nodes.Const):  # 1e100000000 parses as inf, then "name 'inf' is not defined"
                if isinstance(const.value, float) and not math.isfinite(const.value):
                    bound = RenderBound("number", "MAX_NUMBER_DIGITS", value=const.value)
                    bound.where = Location(str(filename or name), const.lineno or 0)
                    raise bound
            return tree

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                return bounded_power(left, right)
            return super().call_binop(context, operator, left, right)

    return BoundedSandbox


def _confined_loader(template_dir: str):
    """A loader of ``template_dir`` that reads only regular files inside it: no symbolic link anywhere
    on the way (``x.j2 -> /etc/passwd``), no path out of the folder."""
    from jinja2 import FileSystemLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    root = Path(template_dir)

    class ConfinedLoader(FileSystemLoader):
        def get_source(self, environment, template):
            parts = split_template_path(template)  # refuses '..' itself
            path = root
            for part in parts:
                path = path / part
                try:
                    info = os.lstat(path)
                except OSError:
                    raise TemplateNotFound(template) from None
                if stat.S_ISLNK(info.st_mode):
                    raise RubricEngineError.of("template.refused:link", Location(str(path)),
                                               target=os.readlink(path)) from None
            if not stat.S_ISREG(info.st_mode):
                raise RubricEngineError.of("template.refused:not_regular", Location(str(path))) from None
            if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root)):
                raise RubricEngineError.of("template.refused:outside", Location(str(path)), folder=str(root))
            return super().get_source(environment, template)

    return ConfinedLoader(template_dir)


def t(key: str, /, **fields) -> "Markup":
    """The catalogue text ``key`` in the current language, as HTML: the catalogue's own markup kept,
    every field escaped (a title with ``<`` stays text). The language is chosen before a page renders.

    A key the catalogue does not have is shown as itself, escaped and never formatted: ``str.format``
    runs outside the sandbox, so ``t('{x.join.__globals__}', x='a')`` must not reach it."""
    from markupsafe import Markup, escape

    if not any(has(key, language) for language in LANGUAGES):
        return escape(key)
    return Markup(text(key, **{name: escape(value) for name, value in fields.items()}))


def listed(items) -> str:
    """A list inside a sentence, joined the current language's way (``messages.join``)."""
    return join(items)


def render_template(name: str, context: dict, template_dir: str | Path | None = None) -> str:
    """``name`` rendered with ``context``; a broken or undefined-using template raises a located error."""
    import jinja2

    env = environment(str(template_dir) if template_dir is not None else None)
    try:
        with bounded():
            return page_chunks(env.get_template(name).generate(context))
    except RubricEngineError:
        raise
    except RenderBound as exc:
        frame = _template_frame(exc)
        own = Path(template_dir) / name if template_dir is not None else None
        where = getattr(exc, "where", None) or (Location(str(frame.filename), frame.lineno or 0) if frame
                 else Location(str(own if own is not None and own.is_file() else name)))  # bound hit compiling
        raise RubricEngineError.of(f"template.limit:{exc.kind}", where, **exc.fields) from None
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
