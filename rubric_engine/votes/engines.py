"""Where the counting SQL runs: embedded DuckDB (the default) or a Spark session.

Both take the same statements (written in DuckDB's dialect; Spark's are transpiled with
sqlglot) and small tables as columns of Python values.
"""
from __future__ import annotations

from typing import Any

from .script import Statement, transpile

# column -> SQL type of the small tables the counting registers
TYPES = {"BIGINT": "bigint", "VARCHAR": "string"}


class DuckEngine:
    dialect = "duckdb"

    def __init__(self, connection=None):
        if connection is None:
            import duckdb

            connection = duckdb.connect()
            connection.execute("SET enable_progress_bar = false")  # never a bar on stdout
        # the log's own order is its rowid, fixed when it was read; every later table carries
        # its file row (line), so DuckDB need not keep insertion order: less memory, less time
        connection.execute("SET preserve_insertion_order = false")
        self.con = connection

    def register(self, name: str, columns: dict[str, tuple[str, list]]) -> None:
        import pyarrow as pa

        arrays = {column: pa.array(values, type=pa.int64() if kind == "BIGINT" else pa.string())
                  for column, (kind, values) in columns.items()}
        self.con.register(name, pa.table(arrays))

    def run(self, statement: Statement) -> None:
        if statement.kind == "drop":
            self.con.execute(f"DROP TABLE IF EXISTS {statement.name}")
            return
        kind = "TABLE" if statement.kind == "table" else "VIEW"
        self.con.execute(f"CREATE OR REPLACE TEMP {kind} {statement.name} AS {statement.sql}")

    def rows(self, sql: str) -> list[tuple]:
        return self.con.execute(sql).fetchall()


class SparkEngine:
    """The same statements on a Spark session (``local[2]`` or a cluster's master)."""

    dialect = "spark"

    def __init__(self, session):
        self.spark = session
        self._cached: list[Any] = []
        # on local[…] a table is computed at once and kept as its rows (a local checkpoint): the later
        # statements then plan over a leaf instead of the whole script up to it. Planning the nested
        # plans was most of a small count's time (a few dozen rows: 18 s of JVM CPU -> 9 s, and
        # classified's query 2 s -> 0.1 s). On a cluster a table is cached, so that a lost executor's
        # part is computed again from its lineage (a local checkpoint's would be lost with it).
        self._local = str(session.conf.get("spark.master", "")).startswith("local")

    def register(self, name: str, columns: dict[str, tuple[str, list]]) -> None:
        """A small table as a SQL ``VALUES`` list: the JVM alone, no Python worker."""
        names = list(columns)
        rows = list(zip(*(values for _, values in columns.values())))
        casts = ", ".join(f"CAST(`{n}` AS {TYPES[columns[n][0]]}) AS `{n}`" for n in names)
        if not rows:
            empty = ", ".join(f"CAST(NULL AS {TYPES[columns[n][0]]}) AS `{n}`" for n in names)
            self.spark.sql(f"SELECT {empty} WHERE 1 = 0").createOrReplaceTempView(name)
            return
        values = ", ".join("(" + ", ".join(_literal(v) for v in row) + ")" for row in rows)
        self.spark.sql(f"SELECT {casts} FROM VALUES {values} AS t({', '.join(f'`{n}`' for n in names)})") \
            .createOrReplaceTempView(name)

    def read_log(self, path: str) -> None:
        """``raw_log`` from a parquet file or folder (line, entry, category, voter, time, ip, device)."""
        self.spark.read.parquet(path).createOrReplaceTempView("raw_log")

    def run(self, statement: Statement) -> None:
        if statement.kind == "drop":
            return  # Spark frees a cached frame with release(): the later frames were built from it lazily
        frame = self.spark.sql(transpile(statement.sql, "spark"))
        if statement.kind == "table":
            frame = frame.localCheckpoint(eager=True) if self._local else frame.cache()
            self._cached.append(frame)
        frame.createOrReplaceTempView(statement.name)

    def rows(self, sql: str) -> list[tuple]:
        return [tuple(row) for row in self.spark.sql(transpile(sql, "spark")).collect()]

    def release(self) -> None:
        for frame in self._cached:
            if self._local:  # a checkpoint's rows are its plan's RDD: unpersist() of the frame leaves them
                try:
                    frame._jdf.queryExecution().analyzed().rdd().unpersist(False)  # noqa: SLF001
                    continue
                except Exception:  # noqa: BLE001 - another Spark's plan: its cleaner frees the rows later
                    pass
            frame.unpersist()
        self._cached.clear()


def spark_session(master: str = "local[2]", partitions: int | None = None, conf: dict[str, str] | None = None):
    """A Spark session on ``master`` (PySpark, the ``spark`` extra).

    On ``local[…]`` the shuffles use one partition (a log that fits one machine gains
    nothing from more); on a cluster Spark's own default, unless ``partitions`` is given.
    ``conf``: more Spark settings (the tests' smallest session).
    """
    from pyspark.sql import SparkSession

    builder = (SparkSession.builder.master(master).appName("rubric-votes")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.session.timeZone", "UTC"))
    if partitions or master.startswith("local"):
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions or 1))
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"
