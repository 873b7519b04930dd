// Types of the hubpulse JS API (docs/embedding.md) and of the <hub-pulse> element.

/** An input: its URL, its bytes, or its text. NDJSON, a JSON array or CSV, gzipped or not. */
export type Input = string | URL | Uint8Array | ArrayBuffer | { text: string };

export interface Progress {
  input: 'events' | 'rollups' | 'snapshots' | 'registry' | 'chain';
  /** What `loaded` and `total` count. */
  unit: 'bytes' | 'blocks';
  /** Raw bytes received so far. */
  loaded: number;
  /** Content-Length, or null when the server did not say. */
  total: number | null;
  /** Blocks of `loaded` kept from an earlier visit (the chain source's cache); 0 for bytes. */
  kept: number;
}

export interface LoadOptions {
  /** Inference events (docs/inputs.md#events); give this or `rollups`. */
  events?: Input;
  /** Daily rollups (docs/inputs.md#rollups). */
  rollups?: Input;
  /** Counter snapshots (docs/inputs.md#counter-snapshots). */
  snapshots?: Input;
  /** The model registry (docs/inputs.md#registry). */
  registry?: Input;
  /** The demand input is a hub's own document shape. */
  format?: 'replicate-models' | 'hf-models' | 'openrouter-rankings';
  maxRows?: number;
  maxBytes?: number;
  /** Cookies on the requests: none by default. */
  credentials?: 'omit' | 'same-origin' | 'include';
  onProgress?: (progress: Progress) => void;
  /** Stops the download (the promise then rejects). */
  signal?: AbortSignal;
  /**
   * Workers that parse a large body of events (4 pieces' worth or more) in pieces, beside
   * the load worker; 1 parses it in the load worker alone. Default: the cores the page and
   * the hashing worker leave, at most 4 (docs/architecture.md#several-workers-one-body).
   */
  parseWorkers?: number;
}

export interface ReportOptions {
  /** `"30d"`: the N days ending at `to`. */
  range?: string;
  /** `YYYY-MM-DD` (UTC). */
  from?: string;
  to?: string;
  /** Apps that are the hub's own (counted in `first_party_events`). */
  first_party?: string[];
  /** What the input counts, when not inferences. */
  unit?: string;
  /** The part of the use to count (docs/metrics.md#filters). */
  filter?: Filter;
  /** The period to compare with: `previous` or `YYYY-MM-DD/YYYY-MM-DD` (docs/metrics.md#comparison). */
  compare?: string;
}

/** The events of these models, owners and categories (an empty or missing list asks nothing). */
export interface Filter {
  /** Model ids, as the data names them. */
  model?: string[];
  /** Owners, as the registry names them. */
  owner?: string[];
  /** Categories, as the registry names them. */
  category?: string[];
  /** Verification modes (any case); raw events only. */
  mode?: Array<keyof ByMode<unknown>>;
  /** Kinds of inference, as the events name them; raw events only. */
  kind?: string[];
  /** Apps, as the events name them; raw events only. */
  app?: string[];
}

export type Day = string;
export interface ByMode<T> { vanilla: T; tee: T; zkml: T; other: T; unknown: T }

export interface Problem { input: string; severity: 'rejected' | 'warning'; line: number; field: string; reason: string }
export interface Source {
  input: string; source: string; bytes: number; sha256: string; fetched_at: string;
  /**
   * The chain source (`source="evm"`): what was read, the last block's hash, the last block
   * kept from an earlier visit (absent when all was read now), and the blocks read again
   * after a reorganisation (absent when there was none).
   */
  chain?: {
    chain_id: number; address: string; from_block: number; to_block: number; last_block_hash: string;
    kept_to_block?: number; reorg?: { from_block: number; to_block: number };
  };
}

export interface InputSummary {
  rows_read: number;
  rows_rejected: number;
  warnings: number;
  problems: Problem[];
  supply_source: 'registry' | 'estimated';
  demand_source: 'events' | 'rollups' | 'snapshots' | 'totals';
  /** What is counted: inferences, runs, downloads, tokens, … */
  unit: string;
  /** The credit the source's licence asks for, drawn under every chart. */
  attribution: string | null;
  /** Figures the input cannot determine (they are null), and why. */
  unavailable: { figure: string; reason: string }[];
  /** Figures estimated from rollups' sketches, and how closely (docs/sources.md#sketches-distinct-callers-and-latency-from-rollups). */
  estimates: { figure: string; method: string; relative_error: number; error_kind: 'standard error' | 'bound' }[];
  sources: Source[];
  /** The part of the use counted; `null`: all of it. */
  filter: Filter | null;
  /** The registry's display names of the filter's models, by id (those listed under a name of their own). */
  filter_names: Record<string, string>;
}

export interface ModelRow {
  model: string;
  name: string;
  events: number;
  share: number | null;
  callers: number | null;
  verified_share: number | null;
  self_call_share: number | null;
  events_wow: number | null;
  /** Its events in the period compared with (`compared`), or null without one. */
  events_compared: number | null;
  first_day: Day | null;
  last_day: Day | null;
  daily: number[];
}

/** The usage of an owner's or a category's models (docs/metrics.md#by-owner-and-by-category). */
export interface GroupUsage {
  models_listed: number;
  models_active: number;
  /** Its models listed by the window's end without an event in it. */
  models_idle: number;
  events: number;
  share: number | null;
  daily: number[];
  /** Its models' events in the period compared with (`compared`), or null without one. */
  events_compared: number | null;
}

export interface OwnerRow extends GroupUsage { owner: string | null }

export interface CategoryRow extends GroupUsage { category: string | null; share_listed: number | null }

export interface Cohorts { cohorts: Day[]; sizes: number[]; cells: number[][] }

/** Every figure of docs/metrics.md; null is "undefined" (a ratio over zero) or "not determined by this input". */
export interface Report {
  window: { from: Day; to: Day; days: number } | null;
  input: InputSummary;
  events: number;
  failed: number;
  events_wow: number | null;
  models_listed: number;
  models_active: number;
  models_idle: number;
  models_unlisted: number;
  active_ratio: number | null;
  events_per_listed_model: number | null;
  top1_share: number | null;
  top10_share: number | null;
  hhi: number | null;
  effective_models: number | null;
  gini: number | null;
  models_for_80pct: number | null;
  lorenz: [number, number][];
  callers: number | null;
  wau: number | null;
  mau: number | null;
  stickiness: number | null;
  events_per_caller: number | null;
  by_mode: ByMode<number>;
  verified_share: number | null;
  self_calls: number | null;
  self_call_share: number | null;
  models_only_self_called: number | null;
  organic_events: number | null;
  automated_events: number | null;
  first_party_events: number | null;
  by_app: { app: string; events: number }[] | null;
  latency_p50: number | null;
  latency_p95: number | null;
  latency_p99: number | null;
  daily: {
    day: Day[];
    events: number[];
    events_ma7: number[];
    failed: number[];
    models_active: number[];
    models_listed: number[];
    callers: number[] | null;
    wau: number[] | null;
    mau: number[] | null;
    by_mode: ByMode<number[]>;
    self_calls: number[] | null;
    effective_models: (number | null)[];
    /** Counter snapshots: the days each day's count carries (more than 1 after a gap); null when none does. */
    days_carried: number[] | null;
  };
  models: ModelRow[];
  /** By the registry's owner, busiest first; empty in a chart's report. */
  owners: OwnerRow[];
  owner_top1_share: number | null;
  owner_hhi: number | null;
  effective_owners: number | null;
  /** By the registry's category, busiest first; empty in a chart's report. */
  categories: CategoryRow[];
  retention: { models: Cohorts; callers: Cohorts | null };
  /** The report of the period compared with (`compare`): every figure but the rows of models, owners and categories. */
  compared: Report | null;
}

/** A loaded dataset: figures for any window, computed in wasm. Free it when done. */
export interface Dataset {
  report(options?: ReportOptions): Report;
  readonly eventCount: number;
  /** Bytes the dataset holds in wasm memory: event columns, interned strings, per-day tallies, listings. */
  readonly heapBytes: number;
  free(): void;
}

export type ChartName =
  | 'overview' | 'volume' | 'supply-demand' | 'concentration' | 'verification' | 'callers' | 'leaderboard'
  | 'retention' | 'model' | 'share' | 'categories';

/** The element's attributes, as `mount` takes them. */
export interface WidgetOptions {
  chart?: ChartName;
  theme?: 'auto' | 'light' | 'dark';
  range?: string;
  from?: string;
  to?: string;
  model?: string;
  stack?: 'mode';
  cohort?: 'models' | 'callers';
  /** `share`: what the events are divided by (`mode` draws the verification chart); `leaderboard`: `model` or `owner`. */
  by?: 'model' | 'owner' | 'category' | 'mode';
  /** How numbers and days are written and the language of the words (docs/charts.md#words). */
  locale?: string;
  /** A page's own words over the language's, by key (crate/words/*.json lists the keys): `{ unit_inferences: 'calls' }`. */
  words?: Record<string, string> | string;
  unit?: string;
  /** The hub's own apps, comma-separated. */
  firstParty?: string;
  /** The part of the use to count: a filter, or the attribute's `owner=acme&category=chat`. */
  filter?: Filter | string;
  /** The period to compare with: `previous` or `YYYY-MM-DD/YYYY-MM-DD`. */
  compare?: string;
  /** What a click on a leaderboard's row does: keep only its model (default) or open its card. */
  rowClick?: 'filter' | 'card';
  /** Widgets of one group share their window, filter and comparison (docs/embedding.md#linked-widgets). */
  group?: string;
  /** Keep the reader's window and filter in the page's URL fragment (any value; docs/embedding.md#a-view-in-the-url). */
  syncUrl?: string | boolean;
}

/** What went wrong, as every error thrown or reported by hubpulse says it. */
export type ErrorKind = 'format' | 'io' | 'http' | 'network' | 'too-large' | 'window' | 'inputs' | 'attribute' | 'bug';

/** An error from hubpulse: its message says what, where and why. */
export interface HubPulseError extends Error {
  kind: ErrorKind;
  /** Whether trying again later may succeed (a 5xx or 429 answer, a lost connection). */
  transient: boolean;
  /** The HTTP status, for `kind: 'http'`. */
  status?: number;
  /** The status's words as the server sent them, for `kind: 'http'`. */
  statusText?: string;
  /** The URL that answered, for `kind: 'http'`. */
  source?: string;
  /** Seconds the server asked to wait (`Retry-After`), for `kind: 'http'`. */
  retryAfter?: number;
}

export interface Mounted {
  element: HubPulseElement;
  update(options: WidgetOptions): void;
  destroy(): void;
}

export function load(options: LoadOptions): Promise<Dataset>;
export function mount(target: HTMLElement, data: Dataset, options?: WidgetOptions): Mounted;
export function wasmMemoryBytes(): Promise<number>;

export class HubPulseElement extends HTMLElement {
  /** The report the chart shows, or null before it loads or after an error. */
  readonly report: Report | null;
  /** A dataset to show instead of fetching `src`. */
  data: Dataset | null;
  /**
   * The filter the chart counts by (empty lists: all of it; null before it loads): the
   * reader's (a row or a chip clicked), else the `filter` attribute's. Setting it counts by
   * another; null goes back to the attribute's.
   */
  filter: Filter | null;
  /** The period compared with, or null; setting it compares with another (`''`: none; null: the attribute's). */
  compare: string | null;
  exportPng(): void;
  exportCsv(): void;
  resetZoom(): void;
}

export interface RangeDetail { from?: Day; to?: Day; reset?: true; report: Report }
export interface FilterDetail { filter: Filter | null; report: Report | null }
/** The model whose card a row opened (`row-click="card"`), or null when "Back" showed the chart again. */
export interface CardDetail { model: string | null }

declare global {
  interface HTMLElementTagNameMap {
    'hub-pulse': HubPulseElement;
  }
  interface HTMLElementEventMap {
    'hubpulse-load': CustomEvent<{ report: Report }>;
    'hubpulse-error': CustomEvent<{ reason: string; kind: ErrorKind }>;
    'hubpulse-range': CustomEvent<RangeDetail>;
    'hubpulse-filter': CustomEvent<FilterDetail>;
    'hubpulse-card': CustomEvent<CardDetail>;
  }
}
