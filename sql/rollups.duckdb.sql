-- docs/inputs.md#rollups daily rollups from raw inference events, for DuckDB.
--
-- Expects two tables (or views):
--   events(ts TIMESTAMPTZ, model VARCHAR, caller VARCHAR, mode VARCHAR, ok BOOLEAN)
--       one row per inference; caller, mode and ok may be NULL (docs/inputs.md#events: a missing ok is
--       a success, a missing mode is "unknown");
--   models(model VARCHAR, owner VARCHAR)
--       the registry's owners, for self-calls (may be empty).
-- Produces one row per (UTC day, model) with the columns hubpulse reads as rollups; export
-- it with COPY (…) TO 'rollups.ndjson' (FORMAT JSON) or (FORMAT CSV, HEADER).
--
-- Sketches (callers_hll, latency_sketch) are not computed here: DuckDB's approx_count_distinct
-- and approx_quantile, and ClickHouse's uniqHLL12/uniqCombined/quantileTDigest/quantileDD,
-- return numbers or engine-internal states that a browser cannot merge; `hubpulse rollup
-- --sketches` writes the documented bytes (README "Sketches").
--
-- The rules are hubpulse's, so the rollups give the figures the raw events give:
-- days are UTC; `events` counts successful inferences and `failed` the others; callers
-- and owners that are 0x hex addresses compare case-insensitively; modes compare
-- case-insensitively, any other name is `other`, none is `unknown`; blank strings are
-- missing values.
SET TimeZone = 'UTC';

WITH clean AS (
    SELECT
        strftime(CAST(e.ts AS DATE), '%Y-%m-%d') AS day,
        e.model,
        coalesce(e.ok, true) AS ok,
        CASE
            WHEN nullif(trim(e.caller), '') IS NULL THEN NULL
            WHEN regexp_full_match(trim(e.caller), '0[xX][0-9a-fA-F]+') THEN lower(trim(e.caller))
            ELSE trim(e.caller)
        END AS caller,
        lower(nullif(trim(e.mode), '')) AS mode,
        CASE
            WHEN nullif(trim(m.owner), '') IS NULL THEN NULL
            WHEN regexp_full_match(trim(m.owner), '0[xX][0-9a-fA-F]+') THEN lower(trim(m.owner))
            ELSE trim(m.owner)
        END AS owner
    FROM events AS e
    LEFT JOIN models AS m ON m.model = e.model
    WHERE nullif(trim(e.model), '') IS NOT NULL AND e.ts IS NOT NULL
)
SELECT
    day,
    model,
    count(*) FILTER (WHERE ok) AS events,
    count(*) FILTER (WHERE NOT ok) AS failed,
    count(DISTINCT caller) FILTER (WHERE ok) AS callers,
    count(*) FILTER (WHERE ok AND mode = 'vanilla') AS vanilla,
    count(*) FILTER (WHERE ok AND mode = 'tee') AS tee,
    count(*) FILTER (WHERE ok AND mode = 'zkml') AS zkml,
    count(*) FILTER (WHERE ok AND mode NOT IN ('vanilla', 'tee', 'zkml')) AS other,
    count(*) FILTER (WHERE ok AND mode IS NULL) AS unknown,
    count(*) FILTER (WHERE ok AND caller = owner) AS self_calls
FROM clean
GROUP BY day, model
ORDER BY day, model
