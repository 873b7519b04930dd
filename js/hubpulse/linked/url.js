// `sync-url`: the view a reader chose (a brushed window, a filter, a comparison) kept in the page's URL
// fragment, so that a link reopens it and back and forward step through views
// (docs/embedding.md#a-view-in-the-url). A widget's parameters are named after its group (else
// its id, else `hubpulse`): `#hub.from=2026-08-01&hub.to=2026-08-31&hub.category=vision`;
// the fragment's other parameters are left as they are.

const DIMENSIONS = ['model', 'owner', 'category', 'mode', 'kind', 'app'];

export class UrlView {
  #element;
  #follow;
  #key = null;

  /** `element`: the widget; `follow(state)`: shows `{range, filter}` read from the URL. */
  constructor(element, follow) {
    [this.#element, this.#follow] = [element, follow];
  }

  /** Follows the URL, if the widget asks to (`sync-url`): its view now, and on back and forward. */
  start() {
    this.stop();
    const el = this.#element;
    if (!el.hasAttribute('sync-url')) return;
    this.#key = el.getAttribute('group') || el.id || 'hubpulse';
    window.addEventListener('popstate', this.#pop);
    const state = this.#read();
    if (state) this.#follow(state);
  }

  stop() {
    window.removeEventListener('popstate', this.#pop);
    this.#key = null;
  }

  /** Writes `{range, filter, compare}` (each null: the attributes') as a new entry of the history. */
  push({ range, filter, compare }) {
    if (!this.#key) return;
    const params = fragment();
    for (const name of [...params.keys()]) if (name.startsWith(`${this.#key}.`)) params.delete(name);
    const set = (name, value) => params.append(`${this.#key}.${name}`, value);
    if (range) {
      set('from', range.from);
      set('to', range.to);
    }
    if (filter) {
      for (const name of DIMENSIONS) for (const value of filter[name] ?? []) set(name, value);
      if (DIMENSIONS.every((name) => !filter[name]?.length)) set('filter', 'none');
    }
    if (compare !== null && compare !== undefined) set('compare', compare || 'none');
    const text = params.toString();
    if (text !== location.hash.slice(1)) history.pushState(history.state, '', text ? `#${text}` : location.pathname + location.search);
  }

  #pop = () => this.#follow(this.#read() ?? { range: null, filter: null, compare: null });

  /** The widget's view in the URL, or null when the URL has none for it. */
  #read() {
    const params = fragment();
    const get = (name) => params.getAll(`${this.#key}.${name}`);
    const [from, to] = [get('from')[0], get('to')[0]];
    const range = from && to ? { from, to } : null;
    const named = DIMENSIONS.some((name) => get(name).length) || get('filter').length;
    const filter = named ? Object.fromEntries(DIMENSIONS.map((name) => [name, get(name).filter(Boolean)])) : null;
    const [asked] = get('compare');
    const compare = asked === undefined ? null : asked === 'none' ? '' : asked;
    return range || filter || compare !== null ? { range, filter, compare } : null;
  }
}

/** The page's URL fragment as parameters. */
const fragment = () => new URLSearchParams(location.hash.slice(1));
