"""The bounds of rendering a page from a template (docs/limits.md, "Templates").

A user's ``--template`` folder is code of a sort: a nested ``range``, ``'x' * 1500000000`` or a
``{% for %}`` that doubles a string can take hours or gigabytes. While a page renders:

- the main thread gets a ``SIGALRM`` after ``RENDER_SECONDS`` (the alarm stops any template
  code between two of its steps; elsewhere than in the main thread there is no alarm);
- the process may grow by at most ``RENDER_MEMORY`` bytes of address space (``RLIMIT_AS``,
  restored afterwards): a string too large to build is a ``MemoryError`` here, not swap;
- the page is at most ``MAX_PAGE_BYTES`` characters, counted as it is produced;
- ``**`` and ``shown()`` refuse numbers past ``MAX_NUMBER_DIGITS`` digits before computing them
  (one C call, which no alarm interrupts).

Each ends in :class:`RenderBound`, which ``templating`` turns into a located error.
"""
from __future__ import annotations

import math
import signal
import threading
from contextlib import contextmanager

from ..limits import address_space, limit, raise_message


class RenderBound(Exception):
    """A bound of rendering was reached: ``kind`` (seconds, memory, size, number) and the message's fields."""

    def __init__(self, kind: str, name: str, **fields):
        super().__init__(kind)
        self.kind = kind
        self.fields = {**fields, "cap": limit(name), "more": raise_message(name)}


@contextmanager
def bounded():
    """Render inside this block: time and memory bounded as the module says."""
    alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if alarm:
        def on_alarm(signum, frame):
            raise RenderBound("seconds", "RENDER_SECONDS")

        previous_handler = signal.signal(signal.SIGALRM, on_alarm)
        previous_timer = signal.setitimer(signal.ITIMER_REAL, limit("RENDER_SECONDS"))
    memory = _lower_memory()
    try:
        yield
    except MemoryError:
        raise RenderBound("memory", "RENDER_MEMORY") from None
    finally:
        if memory is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, memory)
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, *previous_timer)
            signal.signal(signal.SIGALRM, previous_handler)


def _lower_memory():
    """Set the soft ``RLIMIT_AS`` to the address space now plus ``RENDER_MEMORY``; the old limits, or None."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return None
    now = address_space()
    if now is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = now + limit("RENDER_MEMORY")
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        return None  # already tighter
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):
        return None
    return soft, hard


def page_chunks(chunks):
    """The chunks of a page, joined; :class:`RenderBound` once they pass ``MAX_PAGE_BYTES`` characters."""
    cap, size, parts = limit("MAX_PAGE_BYTES"), 0, []
    for chunk in chunks:
        size += len(chunk)
        if size > cap:
            raise RenderBound("size", "MAX_PAGE_BYTES")
        parts.append(chunk)
    return "".join(parts)


def bounded_power(base, exponent):
    """``base ** exponent`` in a template, refused when the result would pass ``MAX_NUMBER_DIGITS`` digits."""
    if isinstance(base, int) and isinstance(exponent, int) and not isinstance(base, bool) and abs(base) > 1 \
            and exponent > 0 and exponent * math.log10(abs(base)) > limit("MAX_NUMBER_DIGITS"):
        raise RenderBound("number", "MAX_NUMBER_DIGITS", value=f"{base} ** {exponent}")
    return base ** exponent


def check_number(text: str, decimals: int) -> None:
    """Refuse, before any arithmetic, a ``shown()`` whose decimals or exponent pass ``MAX_NUMBER_DIGITS``."""
    cap = limit("MAX_NUMBER_DIGITS")
    if not isinstance(decimals, int) or isinstance(decimals, bool) or not 0 <= decimals <= cap:
        raise RenderBound("number", "MAX_NUMBER_DIGITS", value=f"shown({decimals!r})")
    mantissa, _, exponent = text.lower().partition("e")
    if text.lower().lstrip("+-") in ("inf", "infinity", "nan"):
        raise RenderBound("number", "MAX_NUMBER_DIGITS", value=text)
    if exponent and (len(exponent) > 6 or not exponent.lstrip("+-").isdigit() or abs(int(exponent)) > cap):
        raise RenderBound("number", "MAX_NUMBER_DIGITS", value=text[:40])
