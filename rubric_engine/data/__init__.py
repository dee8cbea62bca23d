"""Contest data: the tables of one contest, read and validated by ``rubric_engine.io``, given to the engine."""
from .model import ContestData, Entry, Forfeit, ManualVerdict, PanelSheets

__all__ = ["ContestData", "Entry", "Forfeit", "ManualVerdict", "PanelSheets"]
