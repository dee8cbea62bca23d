"""The same count on Spark (local[2]) as on DuckDB, on a log where every rule fires: one session."""
from __future__ import annotations

import shutil

import pytest

from tests.votes.every_rule import FLAGS, rows
from tests.votes.helpers import counted

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
if shutil.which("java") is None:
    pytest.skip("no Java runtime: Spark needs one (.ci/run installs default-jre-headless)", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from rubric_engine.votes.engines import spark_session

    session = spark_session("local[2]")
    yield session
    session.stop()


def test_spark_counts_equal_duckdb(tmp_path, spark):
    from rubric_engine.votes.count import count_votes
    from rubric_engine.votes.engines import SparkEngine
    from rubric_engine import load_rubric
    from tests.votes.helpers import rubric_with

    data, duck = counted(tmp_path, rows(), FLAGS)
    rubric = load_rubric(rubric_with(tmp_path, FLAGS)).rubric
    engine = SparkEngine(spark)
    log = tmp_path / "raw_log.parquet"
    duck.log.connection.execute(f"COPY raw_log TO '{log}' (FORMAT parquet)")
    engine.read_log(str(log))
    on_spark = count_votes(engine, rubric, {e.id for e in data.entries})
    fired = {rule for votes in duck.keys.values() for rule in votes.matched_by}
    assert fired == {"burst", "cap", "spike", "farm", "hop", "late"}
    assert {k: v.to_data() for k, v in on_spark.keys.items()} == {k: v.to_data() for k, v in duck.keys.items()}
    assert (on_spark.rows, on_spark.malformed, on_spark.malformed_rows) == (duck.rows, duck.malformed,
                                                                            duck.malformed_rows)
    query = "SELECT line, status, rule FROM classified ORDER BY line"
    assert engine.rows(query) == duck.engine.rows(query)
    engine.release()
