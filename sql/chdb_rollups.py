"""Daily rollups (docs/inputs.md#rollups) from raw events with ClickHouse's engine (chDB, in process).

    python3 sql/chdb_rollups.py EVENTS.ndjson [MODELS.json] > rollups.ndjson

Reads NDJSON events (docs/inputs.md#events names) and optionally the registry (for self-calls), runs
rollups.clickhouse.sql, and writes NDJSON rollups (JSONEachRow) on standard output. On a
ClickHouse server, create the `events` and `models` tables the SQL names instead.
"""
import pathlib
import sys

from chdb import session

HERE = pathlib.Path(__file__).parent
EVENTS = "ts DateTime64(3, 'UTC'), model String, caller Nullable(String), mode Nullable(String), ok Nullable(Bool)"


def main(events, models=None):
    db = session.Session()
    settings = "SETTINGS date_time_input_format = 'best_effort', input_format_skip_unknown_fields = 1"
    db.query(f"CREATE TABLE events ENGINE = Memory AS SELECT * FROM file('{events}', 'JSONEachRow', \"{EVENTS}\") {settings}")
    db.query("CREATE TABLE models (model String, owner Nullable(String)) ENGINE = Memory")
    if models:
        db.query(f"INSERT INTO models SELECT model, owner FROM file('{models}', 'JSONEachRow', 'model String, owner Nullable(String)') {settings}")
    text = "\n".join(line for line in (HERE / "rollups.clickhouse.sql").read_text().splitlines() if not line.strip().startswith("--"))
    sys.stdout.write(str(db.query(text, "JSONEachRow")))


if __name__ == "__main__":
    main(*sys.argv[1:3])
