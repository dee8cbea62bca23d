"""The engine: pure functions from a rubric and contest data to a result. No I/O."""
