// The agreed figures, computed by each peer from the same file: events per day, distinct
// models, distinct callers overall and per day, top-10 share, HHI and events by mode, over
// the successful events (docs/metrics.md). Each function resolves to { startMs, totalMs, figures }.
const dist = '/bench/peers/node_modules/@duckdb/duckdb-wasm/dist/';

/** The figures from per-model counts and the rest, in one shape for every engine. */
function figures({ perDay, perModel, callers, callersPerDay, byMode }) {
  const events = perModel.reduce((a, [, n]) => a + n, 0);
  const sorted = perModel.map(([, n]) => n).sort((a, b) => b - a);
  return {
    events,
    events_per_day: perDay,
    models_active: perModel.length,
    callers,
    callers_per_day: callersPerDay,
    top10_share: sorted.slice(0, 10).reduce((a, b) => a + b, 0) / events,
    hhi: sorted.reduce((a, n) => a + (n / events) ** 2, 0),
    by_mode: byMode,
  };
}

const MODES = ['vanilla', 'tee', 'zkml'];

window.duckdbFigures = async (url) => {
  const t0 = performance.now();
  const duckdb = await import('/bench/peers/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs');
  const worker = new Worker(`${dist}duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${dist}duckdb-eh.wasm`);
  const conn = await db.connect();
  const startMs = performance.now() - t0;
  await db.registerFileURL('events', url, duckdb.DuckDBDataProtocol.HTTP, false);
  const csv = url.endsWith('.csv');
  // The generated files' times are UTC (…Z), so the day is the date part: DuckDB-Wasm's time
  // zones need an extension it would download.
  await conn.query(`CREATE TABLE e AS SELECT substr(ts, 1, 10) AS day, model, caller,
      lower(mode) AS mode FROM ${csv ? "read_csv('events', header = true, all_varchar = true)" : "read_json('events', format = 'newline_delimited', columns = {ts: 'VARCHAR', model: 'VARCHAR', caller: 'VARCHAR', mode: 'VARCHAR', ok: 'VARCHAR'})"}
      WHERE ok IS NULL OR lower(ok) NOT IN ('false', '0')`);
  const rows = async (sql) => (await conn.query(sql)).toArray().map((r) => r.toJSON());
  const perDay = (await rows('SELECT day, count(*) AS n FROM e GROUP BY day ORDER BY day')).map((r) => Number(r.n));
  const perModel = (await rows('SELECT model, count(*) AS n FROM e GROUP BY model')).map((r) => [r.model, Number(r.n)]);
  const callers = Number((await rows("SELECT count(DISTINCT caller) AS n FROM e WHERE caller <> ''"))[0].n);
  const callersPerDay = (await rows('SELECT day, count(DISTINCT caller) AS n FROM e GROUP BY day ORDER BY day')).map((r) => Number(r.n));
  const modes = await rows('SELECT mode, count(*) AS n FROM e GROUP BY mode');
  const byMode = Object.fromEntries(MODES.map((m) => [m, Number(modes.find((r) => r.mode === m)?.n ?? 0)]));
  const result = { startMs, totalMs: performance.now() - t0, figures: figures({ perDay, perModel, callers, callersPerDay, byMode }) };
  await conn.close();
  await db.terminate();
  return result;
};

window.arqueroFigures = async (url) => {
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: '/bench/peers/node_modules/arquero/dist/arquero.min.js' });
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  const { op } = window.aq;
  const startMs = performance.now() - t0;
  const raw = url.endsWith('.csv')
    ? await window.aq.loadCSV(url, { parse: { ts: String, ok: String, caller: String, model: String, mode: String } })
    : window.aq.from((await (await fetch(url)).text()).trim().split('\n').map((l) => JSON.parse(l)),
      ['ts', 'model', 'caller', 'mode', 'ok']);
  // The generated files write ok only as false (or not at all).
  const e = raw
    .filter((d) => d.ok + '' !== 'false')
    .derive({ day: (d) => op.substring(d.ts, 0, 10), mode: (d) => op.lower(d.mode) });
  const perDay = e.groupby('day').count().orderby('day').array('count');
  const perModelTable = e.groupby('model').count();
  const perModel = perModelTable.array('model').map((m, i) => [m, perModelTable.array('count')[i]]);
  const callers = e.filter((d) => d.caller != null && d.caller !== '').rollup({ n: op.distinct('caller') }).get('n', 0);
  const callersPerDay = e.filter((d) => d.caller != null && d.caller !== '').groupby('day').rollup({ n: op.distinct('caller') }).orderby('day').array('n');
  const modes = e.groupby('mode').count().objects();
  const byMode = Object.fromEntries(MODES.map((m) => [m, modes.find((r) => r.mode === m)?.count ?? 0]));
  return { startMs, totalMs: performance.now() - t0, figures: figures({ perDay, perModel, callers, callersPerDay, byMode }) };
};

const PERSPECTIVE = '/bench/peers/node_modules/@finos/perspective/dist/';
const COLUMNS = ['ts', 'model', 'caller', 'mode', 'latency_ms', 'units', 'kind', 'app', 'automated', 'ok'];

window.perspectiveFigures = async (url) => {
  const t0 = performance.now();
  const { default: perspective } = await import(`${PERSPECTIVE}cdn/perspective.js`);
  await perspective.init_client(fetch(`${PERSPECTIVE}wasm/perspective-js.wasm`));
  await perspective.init_server(fetch(`${PERSPECTIVE}wasm/perspective-server.wasm`));
  const worker = await perspective.worker();
  const startMs = performance.now() - t0;
  // Every column as a string, as the other engines read them: the day is the date part.
  const table = await worker.table(Object.fromEntries(COLUMNS.map((c) => [c, 'string'])));
  const text = await (await fetch(url)).text();
  if (url.endsWith('.csv')) {
    await table.update(text);
  } else {
    const rows = text.trim().split('\n').map((l) => JSON.parse(l));
    await table.update(rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c] == null ? null : String(r[c])]))));
  }
  const expressions = { day: 'substring("ts", 0, 10)', mode_lower: 'lower("mode")' };
  // `!=` keeps the rows whose ok is empty or null: the generated files write ok only as false.
  const ok = [['ok', '!=', 'false']];
  /** `aggregate` of `column` per value of `by`, over the successful rows (and `also`). */
  const grouped = async (by, column, aggregate, also = []) => {
    const view = await table.view({ group_by: [by], columns: [column], aggregates: { [column]: aggregate },
                                    expressions, filter: [...ok, ...also] });
    const part = await view.to_columns();
    await view.delete();
    const counts = new Map();
    part.__ROW_PATH__.forEach((path, i) => { if (path.length === 1) counts.set(path[0], part[column][i]); });
    return counts;
  };
  const perDayMap = await grouped('day', 'model', 'count');
  const days = [...perDayMap.keys()].sort();
  const perModel = [...(await grouped('model', 'ts', 'count'))];
  const modes = await grouped('mode_lower', 'ts', 'count');
  const notBlank = [['caller', 'is not null'], ['caller', '!=', '']];
  const perDayCallers = await grouped('day', 'caller', 'distinct count', notBlank);
  const everyone = await grouped('caller', 'ts', 'count', notBlank);
  const result = {
    startMs,
    totalMs: performance.now() - t0,
    figures: figures({ perDay: days.map((d) => perDayMap.get(d)), perModel, callers: everyone.size,
                       callersPerDay: days.map((d) => perDayCallers.get(d) ?? 0),
                       byMode: Object.fromEntries(MODES.map((m) => [m, modes.get(m) ?? 0])) }),
  };
  await table.delete();
  return result;
};

window.hubpulseFigures = async (url) => {
  const t0 = performance.now();
  const { load } = await import('/www/hubpulse.js');
  const startMs = performance.now() - t0;
  const data = await load({ events: url });
  const r = data.report();
  data.free();
  const perModel = r.models.filter((m) => m.events > 0).map((m) => [m.model, m.events]);
  return {
    startMs,
    totalMs: performance.now() - t0,
    figures: figures({ perDay: r.daily.events, perModel, callers: r.callers, callersPerDay: r.daily.callers,
                       byMode: { vanilla: r.by_mode.vanilla, tee: r.by_mode.tee, zkml: r.by_mode.zkml } }),
  };
};
window.peersReady = true;
