"""The votes layer: a raw vote log counted in SQL (DuckDB, or Spark), vote rules, conservation, the report."""
