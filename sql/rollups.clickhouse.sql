-- docs/inputs.md#rollups daily rollups from raw inference events, for ClickHouse (and chDB).
--
-- Expects two tables (or table functions substituted for them):
--   events(ts DateTime64(3, 'UTC'), model String, caller Nullable(String),
--          mode Nullable(String), ok Nullable(Bool))
--       one row per inference (docs/inputs.md#events: a missing ok is a success, a missing mode is
--       "unknown");
--   models(model String, owner Nullable(String))
--       the registry's owners, for self-calls (may be empty).
-- Produces one row per (UTC day, model) with the columns hubpulse reads as rollups; export
-- it with FORMAT JSONEachRow (NDJSON) or CSVWithNames.
--
-- Sketches (callers_hll, latency_sketch) are not computed here: DuckDB's approx_count_distinct
-- and approx_quantile, and ClickHouse's uniqHLL12/uniqCombined/quantileTDigest/quantileDD,
-- return numbers or engine-internal states that a browser cannot merge; `hubpulse rollup
-- --sketches` writes the documented bytes (README "Sketches").
--
-- The rules are hubpulse's: days are UTC; `events` counts successful inferences and
-- `failed` the others; 0x hex callers and owners compare case-insensitively; modes compare
-- case-insensitively, any other name is `other`, none is `unknown`; blank strings are
-- missing values.
WITH clean AS (
    SELECT
        formatDateTime(toDate(e.ts, 'UTC'), '%Y-%m-%d') AS day,
        e.model AS model,
        ifNull(e.ok, true) AS ok,
        multiIf(
            nullIf(trimBoth(ifNull(e.caller, '')), '') IS NULL, NULL,
            match(trimBoth(e.caller), '^0[xX][0-9a-fA-F]+$'), lower(trimBoth(e.caller)),
            trimBoth(e.caller)
        ) AS caller,
        lower(nullIf(trimBoth(ifNull(e.mode, '')), '')) AS mode,
        multiIf(
            nullIf(trimBoth(ifNull(m.owner, '')), '') IS NULL, NULL,
            match(trimBoth(m.owner), '^0[xX][0-9a-fA-F]+$'), lower(trimBoth(m.owner)),
            trimBoth(m.owner)
        ) AS owner
    FROM events AS e
    LEFT JOIN models AS m ON m.model = e.model
    WHERE trimBoth(e.model) != ''
    SETTINGS join_use_nulls = 1
)
SELECT
    day,
    model,
    countIf(ok) AS events,
    countIf(NOT ok) AS failed,
    uniqExactIf(caller, ok AND caller IS NOT NULL) AS callers,
    countIf(ok AND mode = 'vanilla') AS vanilla,
    countIf(ok AND mode = 'tee') AS tee,
    countIf(ok AND mode = 'zkml') AS zkml,
    countIf(ok AND mode IS NOT NULL AND mode NOT IN ('vanilla', 'tee', 'zkml')) AS other,
    countIf(ok AND mode IS NULL) AS unknown,
    countIf(ok AND caller IS NOT NULL AND owner IS NOT NULL AND caller = owner) AS self_calls
FROM clean
GROUP BY day, model
ORDER BY day, model
