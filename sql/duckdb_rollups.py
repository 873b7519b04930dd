"""Daily rollups (docs/inputs.md#rollups) from raw events with DuckDB: the warehouse job in one command.

    python3 sql/duckdb_rollups.py EVENTS.ndjson [MODELS.json] > rollups.ndjson

Reads NDJSON events (docs/inputs.md#events names) and optionally the registry (for self-calls), runs
rollups.duckdb.sql, and writes NDJSON rollups on standard output. With your own warehouse,
create the `events` and `models` tables the SQL names instead and run the SQL itself.
"""
import json
import pathlib
import sys

import duckdb

HERE = pathlib.Path(__file__).parent


def statements(path):
    """The SQL file's statements, without its comments."""
    text = "\n".join(line for line in path.read_text().splitlines() if not line.strip().startswith("--"))
    return [s for s in text.split(";") if s.strip()]


def quoted(text):
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def main(events, models=None):
    con = duckdb.connect()
    con.execute(
        f"CREATE VIEW events AS SELECT * FROM read_json({quoted(events)}, format = 'newline_delimited', columns = "
        "{ts: 'TIMESTAMPTZ', model: 'VARCHAR', caller: 'VARCHAR', mode: 'VARCHAR', ok: 'BOOLEAN'})"
    )
    if models:
        con.execute(f"CREATE VIEW models AS SELECT * FROM read_json({quoted(models)}, columns = {{model: 'VARCHAR', owner: 'VARCHAR'}})")
    else:
        con.execute("CREATE TABLE models (model VARCHAR, owner VARCHAR)")
    *setup, query = statements(HERE / "rollups.duckdb.sql")
    for statement in setup:
        con.execute(statement)
    cursor = con.execute(query)
    columns = [d[0] for d in cursor.description]
    for row in cursor.fetchall():
        sys.stdout.write(json.dumps(dict(zip(columns, row))) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
