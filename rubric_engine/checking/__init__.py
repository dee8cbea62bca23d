"""Running the rubric's checks: the raw verdicts the pure engine takes.

``run`` is the entry point; ``context`` is what a check sees; ``tables`` runs the checks
that need only the tables; ``pool`` spreads the file checks over processes; ``cache``
keeps their verdicts per entry folder in ``DATA/.rubric-cache/`` (keyed by
``fingerprint``); ``saved`` reads the verdicts a ``rubric check`` JSON file pinned.
"""
from .cache import VerdictCache
from .run import run_checks

__all__ = ["VerdictCache", "run_checks"]
