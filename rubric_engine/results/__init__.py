"""Result documents: projections of one evaluation (the result JSON, explain, the audit page, the breakdown)."""
