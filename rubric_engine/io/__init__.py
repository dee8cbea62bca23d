"""Reading the data folder (csv/xlsx) and writing outputs (atomically)."""
