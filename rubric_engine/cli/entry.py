"""``main``: the console script. Signals, a closed stdout and a bug of ours end the run cleanly."""
from __future__ import annotations

import sys

import typer

from ..messages import text


class _Terminated(BaseException):
    """SIGTERM or SIGINT, raised in the main process so that temporary files are removed on the way out.

    Not a ``KeyboardInterrupt``: Click would turn that into its own "Aborted!".
    """

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def _on_signal(number, frame) -> None:
    import os
    import signal

    if os.getpid() != _MAIN_PID[0]:  # a forked checking worker: die as the signal means
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
        return
    raise _Terminated(128 + number)


_MAIN_PID = [0]


def main() -> None:
    import gc
    import os

    # One command is one short batch: the cyclic garbage collector would scan every score
    # and result object again and again (half the time of a large contest) to free almost
    # nothing. Reference counting still frees everything that is not in a cycle.
    gc.disable()

    import signal

    _MAIN_PID[0] = os.getpid()
    signal.signal(signal.SIGTERM, _on_signal)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where SIGINT is ignored
        signal.signal(signal.SIGINT, _on_signal)
    from . import quick_exit

    quick_exit.arm()
    try:
        from .app import app

        app()
    except KeyboardInterrupt:
        typer.echo(text("cli.interrupted"), err=True)
        sys.exit(130)
    except _Terminated as stop:
        typer.echo(text("cli.interrupted"), err=True)
        sys.exit(stop.code)
    except SystemExit as ended:
        try:  # what is still buffered must reach stdout too: a short write is never exit 0
            sys.stdout.flush()
        except OSError as exc:
            try:
                from .common import stdout_failed

                stdout_failed(exc)
            except typer.Exit:
                sys.exit(1)
        quick_exit.leave(ended.code)  # without freeing the command's objects one by one (quick_exit.py)
        raise
    except Exception as exc:  # a bug of ours: one clear line, the traceback only on request
        if os.environ.get("RUBRIC_DEBUG"):
            raise
        typer.echo(text("cli.internal", error=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(1)
