"""Run the ``rubric`` CLI with an audit hook that reports every file opened under a folder.

    python audit_open.py FOLDER rubric-args...

Each ``open`` of a path under FOLDER, and each process started, is written to stderr
as one ``AUDIT`` line (with ``os.write``: the report itself opens nothing). Forked
children inherit the hook. It holds for root too: nothing relies on permissions.
"""
import os
import sys

WATCHED = tuple({os.path.abspath(sys.argv[1]) + os.sep, os.path.realpath(sys.argv[1]) + os.sep})


def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.abspath(os.fsdecode(args[0]))
        if path.startswith(WATCHED):
            os.write(2, f"AUDIT open {path}\n".encode("utf-8", "replace"))
    elif event in ("os.fork", "os.posix_spawn", "subprocess.Popen"):
        os.write(2, f"AUDIT {event}\n".encode())


sys.addaudithook(hook)
sys.argv = ["rubric", *sys.argv[2:]]
from rubric_engine.cli import main  # noqa: E402

main()
