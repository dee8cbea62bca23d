"""The same count on Spark (local[2]) as on DuckDB, on a log where every rule fires and a
reinstatement takes votes back: one session, one test (a Spark session costs seconds)."""
from __future__ import annotations

import shutil

import pytest

from tests.votes.every_rule import FLAGS, rows
from tests.votes.helpers import counted

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install -e '.[spark]')")
if shutil.which("java") is None:
    pytest.skip("no Java runtime: Spark needs one (.ci/run installs default-jre-headless)", allow_module_level=True)
pytestmark = pytest.mark.long

# the smallest session that runs the whole count: two shuffle partitions, no UI, no adaptive
# re-planning and no code generation (a few dozen rows: compiling code costs more than it saves)
SMALLEST = {"spark.sql.adaptive.enabled": "false", "spark.sql.codegen.wholeStage": "false",
            "spark.sql.codegen.factoryMode": "NO_CODEGEN", "spark.default.parallelism": "2",
            "spark.sql.catalogImplementation": "in-memory", "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1", "spark.ui.enabled": "false",
            # a JVM that lives for seconds: the quick compiler only, one GC thread (most of its CPU was JIT)
            "spark.driver.extraJavaOptions": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -Xss4m"}


@pytest.fixture(scope="module")
def spark():
    from rubric_engine.votes.engines import spark_session

    session = spark_session("local[2]", partitions=2, conf=SMALLEST)
    yield session
    session.stop()


def test_spark_counts_equal_duckdb(tmp_path, spark):
    from rubric_engine import load_rubric
    from rubric_engine.votes.count import count_votes
    from rubric_engine.votes.engines import DuckEngine, SparkEngine
    from tests.votes.helpers import rubric_with

    data, first = counted(tmp_path, rows(), FLAGS)
    rubric = load_rubric(rubric_with(tmp_path, FLAGS)).rubric
    ids = {e.id for e in data.entries}
    fired = {rule for votes in first.keys.values() for rule in votes.matched_by}
    assert fired == {"burst", "cap", "spike", "farm", "hop", "late"}
    # an appeal: the burst from IP A on E1 (b0..b3) counts again, but for b3, which ip_cap still
    # catches (A's 4th vote in the hour); and a row that takes back nothing
    back = ((2, "burst", "E1", "", "A"), (3, "cap", "E1", "nobody", ""))
    duck = count_votes(DuckEngine(first.log.connection), rubric, ids, back)
    e1 = duck.of("E1", "popularity")
    assert (e1.reinstated_by, e1.excluded_by, e1.counted) == ({"burst": 3}, {"cap": 1, "farm": 3}, 1 + 3)
    assert duck.unused_reinstated == (3,)
    engine = SparkEngine(spark)
    log = tmp_path / "raw_log.parquet"
    first.log.connection.execute(f"COPY raw_log TO '{log}' (FORMAT parquet)")
    engine.read_log(str(log))
    on_spark = count_votes(engine, rubric, ids, back)
    assert {k: v.to_data() for k, v in on_spark.keys.items()} == {k: v.to_data() for k, v in duck.keys.items()}
    assert (on_spark.rows, on_spark.malformed, on_spark.malformed_rows, on_spark.unused_reinstated) == (
        duck.rows, duck.malformed, duck.malformed_rows, duck.unused_reinstated)
    query = "SELECT line, status, rule, reinstated FROM classified ORDER BY line"
    assert engine.rows(query) == duck.engine.rows(query)
    assert not spark.sparkContext._jsc.getPersistentRDDs().isEmpty()  # noqa: SLF001  (the tables, kept)
    engine.release()
    assert spark.sparkContext._jsc.getPersistentRDDs().isEmpty()  # noqa: SLF001  (and freed)


def test_spark_reads_the_times_beside_the_plain_form_as_duckdb(tmp_path, spark):
    from rubric_engine import load_rubric
    from rubric_engine.votes.count import count_votes
    from rubric_engine.votes.engines import SparkEngine
    from tests.votes.helpers import rubric_with
    from tests.votes.test_narrow import EDGE_TIMES

    data, duck = counted(tmp_path, EDGE_TIMES)
    engine = SparkEngine(spark)
    log = tmp_path / "raw_log.parquet"
    duck.log.connection.execute(f"COPY raw_log TO '{log}' (FORMAT parquet)")
    engine.read_log(str(log))
    on_spark = count_votes(engine, load_rubric(rubric_with(tmp_path)).rubric, {e.id for e in data.entries})
    query = "SELECT line, status FROM classified ORDER BY line"
    assert engine.rows(query) == duck.engine.rows(query) and len(engine.rows(query)) == len(EDGE_TIMES)
    assert (on_spark.malformed, on_spark.of("E1", "popularity").to_data()) == (6, duck.of("E1", "popularity").to_data())
    engine.release()
    assert spark.sparkContext._jsc.getPersistentRDDs().isEmpty()  # noqa: SLF001
