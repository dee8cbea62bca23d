"""Contest data: the tables of one contest, read and validated by ``rubric_engine.io``, given to the engine."""
from .assignments import Assignments
from .model import ContestData, Entry, Forfeit, ManualVerdict, PanelSheets

__all__ = ["Assignments", "ContestData", "Entry", "Forfeit", "ManualVerdict", "PanelSheets"]
