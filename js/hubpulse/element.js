// <hub-pulse>: the embeddable widget. A thin shell: the wasm reads its attributes (Config),
// loads and shares datasets (cache.js), draws and answers the pointer (View); this class
// sizes the canvases, follows the container, the pixel ratio and the theme, and shows
// loading, errors and what was refused. Everything it writes to the page is text.
import { OBSERVED, readAttributes, wordsFor } from './attributes.js';
import { Chips } from './chips.js';
import { announce, element, fillTable, sliced } from './dom.js';
import { Holding } from './holding.js';
import { MediaWatch, prefersDark } from './look.js';
import { Panels } from './panels.js';
import { Pointer } from './pointer.js';
import { Status, reasonOf } from './status.js';
import { sheet } from './styles.js';
import { View, ready } from './wasm.js';
import { say } from './words.js';
import { Zoom } from './zoom.js';

/** Whether the wasm has started: until then an attribute change waits for the first load. */
let started = false;
ready.then(() => { started = true; });

class HubPulse extends HTMLElement {
  static observedAttributes = OBSERVED;

  #canvas = element('canvas');
  #overlay = element('canvas', 'overlay');
  /** `(key, values) => text`: a word in the chart's language, for the modules that say things. */
  #sayer = (key, values) => this.#say(key, values);
  #status = new Status(this.#sayer);
  #tooltip = element('div', 'tooltip');
  #tools = element('div', 'tools');
  #live = element('div', 'sr-only');
  #table = element('table', 'sr-only');
  #pointer;
  #panels;
  /** The attributes, read (a wasm Config), or null when they make no sense. */
  #config = null;
  #view = null;
  /** The full report of the view's window, made when a script first asks for it. */
  #report = null;
  #holding = new Holding({
    config: () => this.#config,
    current: () => this.#current(),
    prepared: (data, current) => this.#prepared(data, current),
    shown: () => this.#makeView(),
    progress: (progress) => this.#status.progress(progress),
    failed: (error) => this.#fail(error),
    refreshFailed: (error, since) => this.#status.say(this.#say('refresh_failed', { reason: reasonOf(error, this.#sayer), since })),
  });
  #resize = null;
  #media = new MediaWatch();
  #generation = 0;
  #zoom = new Zoom(this, () => this.#shareView());
  #chips = new Chips(this, () => this.#shareView());
  /**
   * `{group, url}`: the widget's group and URL view (`group`, `sync-url`), made when it first
   * has one of those attributes: their modules (hubpulse/linked/) are fetched then.
   */
  #links = null;
  /** The words of the chart's language, as fetched (JSON text), or null for English. */
  #words = null;
  /** The period the reader compares with (`''`: none), or null: the `compare` attribute's. */
  #compare = null;
  /** The model whose card a row opened (`row-click="card"`), or null: the chart. */
  #card = null;
  /** "Back", shown with a card a row opened: the chart again. */
  #back = element('button');

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    for (const node of [this.#canvas, this.#overlay, this.#tooltip]) node.setAttribute('aria-hidden', 'true');
    this.#live.setAttribute('aria-live', 'polite');
    this.#tools.append(this.#zoom.button, this.#back);
    this.#back.addEventListener('click', () => this.#openCard(null));
    [this.#back.hidden, this.#tooltip.hidden] = [true, true];
    root.append(this.#canvas, this.#overlay, this.#chips.box, this.#tooltip, this.#status.notice, this.#tools, this.#live,
                this.#table);
    const view = () => this.#view;
    const csv = () => (this.#view && this.#holding.data ? this.#holding.data.csv(this.#view.reportOptions) : null);
    this.#panels = new Panels({ view, csv, canvas: this.#canvas, name: () => this.getAttribute('chart') ?? 'overview',
                                draw: (dpr, forFile) => this.#draw(dpr, forFile) }, this.#tools, root);
    root.append(this.#status.box); // above the menu and the panel
    this.#pointer = new Pointer(this, this.#overlay, this.#tooltip, this.#live, {
      view, zoomTo: (range) => this.#zoom.to(range), resetZoom: () => this.resetZoom(),
      toggled: () => this.#describe(), escape: () => this.#panels.close(), filter: (f) => this.#chips.to(f),
      choose: ({ filter, card }) => (card ? this.#openCard(card) : this.#chips.to(filter)),
    });
  }

  /** The report the chart shows (docs/metrics.md), for scripts and tests; null until loaded. */
  get report() {
    if (!this.#view || !this.#holding.data) return null;
    this.#report ??= this.#holding.data.report(this.#view.reportOptions);
    return this.#report;
  }

  /**
   * The filter the chart counts by, `{model, owner, category, mode, kind, app}` (docs/metrics.md#filters): the
   * reader's (a row or a chip clicked), else the `filter` attribute's; null until loaded.
   */
  get filter() {
    return this.#view?.reportOptions.filter ?? null;
  }

  /** Counts by `filter` instead (null: back to the `filter` attribute's). */
  set filter(filter) {
    this.#chips.to(filter ?? null);
  }

  /** The period the figures are compared with (`previous`, `FROM/TO`), or null: none, or not loaded. */
  get compare() {
    return this.#view?.reportOptions.compare ?? null;
  }

  /** Compares with `period` instead (`''`: with none; null: back to the `compare` attribute's). */
  set compare(period) {
    this.#compare = period ?? null;
    this.#shareView();
  }

  connectedCallback() {
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    this.setAttribute('role', 'figure');
    this.#resize = new ResizeObserver(() => this.#draw());
    this.#resize.observe(this);
    this.#media.start(this, this.#canvas, () => this.#draw(), () => {
      this.#applyTheme();
      if (this.#config?.themeAuto) this.#makeView();
    },
                      () => { if (this.#view) this.#makeView(); });
    this.#pointer.start();
    this.#link();
    this.#load();
  }

  /** Joins the group the attributes name and follows the URL if asked, once their modules are here. */
  async #link() {
    if (!this.#links && !this.hasAttribute('group') && !this.hasAttribute('sync-url')) return;
    const [{ Group }, { UrlView }] = await Promise.all([import('./linked/group.js'), import('./linked/url.js')]);
    if (!this.isConnected) return;
    if (!this.#links) {
      const group = new Group({ state: () => this.#state(), follow: (state) => this.#follow(state),
                                publish: (state) => url.push(state) });
      // A view from the URL is this widget's and its group's.
      const url = new UrlView(this, (state) => {
        this.#follow(state);
        group.share();
      });
      this.#links = { group, url };
    }
    this.#links.group.join(this.getAttribute('group'));
    this.#links.url.start();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#holding.release();
    this.#resize?.disconnect();
    this.#resize = null;
    this.#media.stop();
    this.#pointer.stop();
    this.#links?.group.leave();
    this.#links?.url.stop();
    this.#setView(null);
  }

  /** A dataset from `load()` to show instead of fetching `src` (null: fetch again). */
  get data() {
    return this.#holding.given;
  }

  set data(dataset) {
    this.#holding.given = dataset ?? null;
    if (this.isConnected) this.#load();
  }

  attributeChangedCallback(name, before, after) {
    if (!this.isConnected || before === after) return;
    if (name === 'group' || name === 'sync-url') return this.#link();
    if (!started) return;
    if (name === 'locale') {
      // The new language's words first (fetched once a page), then the change as any other.
      const current = this.#current();
      wordsFor(this).then((words) => {
        if (!current() || this.getAttribute('locale') !== after) return;
        this.#words = words;
        this.#changed(name);
      });
      return;
    }
    this.#changed(name);
  }

  /** A word in the chart's language (docs/charts.md#words). */
  #say(key, values) {
    return say(this.#config, key, values, this.#words);
  }

  /** The element's own buttons in the chart's language. */
  #relabel() {
    this.#zoom.relabel(this.#sayer);
    this.#panels.relabel(this.#sayer);
    [this.#back.textContent, this.#back.title] = [this.#say('back'), this.#say('back_hint')];
  }

  #changed(name) {
    if (['range', 'from', 'to'].includes(name)) this.#zoom.range = null;
    if (name === 'compare') this.#compare = null;
    if (name === 'filter') this.#chips.filter = null;
    if (['chart', 'by', 'row-click'].includes(name)) this.#card = null;
    const loaded = this.#config?.loadKey;
    if (!this.#readConfig()) return;
    // What is loaded stays when the inputs did not change: only the view is made again.
    if (this.#holding.data && (this.#holding.given || loaded === this.#config.loadKey)) {
      this.#holding.schedule();
      return this.#makeView();
    }
    this.#load();
  }

  /** Reads the attributes into `#config`; on nonsense shows why and answers false. */
  #readConfig() {
    try {
      this.#config?.free();
      this.#config = readAttributes(this, this.#words, this.#holding.given !== null);
      this.#relabel();
      this.#applyTheme();
      return true;
    } catch (error) {
      this.#config = null;
      this.#relabel();
      this.#applyTheme();
      this.#fail(error);
      return false;
    }
  }

  /** The theme the attributes and the reader's system ask for, on the element (its styles
   * follow `data-theme`), from the first word of a load or an error on: not only a chart's. */
  #applyTheme() {
    const dark = this.#config ? this.#config.darkTheme(prefersDark()) : prefersDark();
    this.dataset.theme = dark ? 'dark' : 'light';
  }

  async #load() {
    this.#generation++;
    const current = this.#current();
    const previous = this.#holding.detach();
    const words = wordsFor(this); // fetched while the wasm starts
    await ready;
    this.#words = await words;
    if (!current() || !this.#readConfig()) return previous?.release();
    if (!this.#holding.given) {
      const load = this.#config.load;
      this.#status.show(this.#say('loading', { input: load.chain?.rpc ?? load.events ?? load.rollups ?? load.snapshots }), true);
    }
    if (await this.#holding.load(previous, current)) {
      const widget = this;
      announce(this, 'hubpulse-load', { get report() { return widget.report; } });
    }
  }

  /** A check that stays true while the widget shows what it shows now (no new load, still on the page). */
  #current() {
    const generation = this.#generation;
    return () => generation === this.#generation;
  }

  /**
   * Resolves once `data`'s report for this widget is computed, a slice of the page's thread
   * at a time (a million models: ~150 ms in one go), and the view can have a task of its own;
   * false when the widget has moved on meanwhile (`current`).
   */
  #prepared(data, current) {
    const wanted = () => current() && this.#config !== null;
    return sliced(() => data.prepare(this.#config, this.#chosen()), wanted);
  }

  #setView(view) {
    this.#view?.free();
    this.#view = view;
    this.#report = null;
  }

  /** The view the reader chose: `{range, filter, compare}`, each null for the attributes'. */
  #state() {
    return { range: this.#zoom.range, filter: this.#chips.filter, compare: this.#compare };
  }

  /** What the view is asked besides the attributes: the reader's window, filter, comparison and card. */
  #chosen() {
    return { ...this.#zoom.range, ...this.#chips.look, ...(this.#compare === null ? {} : { compare: this.#compare }),
             ...(this.#card === null ? {} : { card: this.#card }) };
  }

  /** Shows the card of `model` (a row's), or the chart again (null), and says so (`hubpulse-card`). */
  #openCard(model) {
    this.#card = model;
    this.#makeView();
    announce(this, 'hubpulse-card', { model });
    if (model === null) this.focus();
    else this.#back.focus();
  }

  /** Shows the view `state` (another widget's of the group, or the URL's). */
  #follow({ range, filter, compare }) {
    [this.#zoom.range, this.#chips.filter, this.#compare] = [range, filter, compare ?? null];
    this.#makeView();
  }

  /** Remakes the view after the reader changed its window or filter, the group's, and the URL's. */
  #shareView() {
    this.#makeView();
    this.#links?.group.share();
  }

  /** (Re)makes the view for the current attributes and zoom: recomputes and draws. */
  #makeView() {
    if (!this.#holding.data || !this.#config) return;
    try {
      const dark = prefersDark();
      const look = { dark, colors: this.#media.colors(this, this.#canvas), ...this.#chosen() };
      this.#setView(new View(this.#canvas, this.#overlay, this.#holding.data, this.#config, look));
      this.#status.say(this.#view.notice());
      this.#status.hide();
      this.#tooltip.hidden = true; // it spoke of the view before
      this.#zoom.button.hidden = !this.#zoom.range;
      this.#back.hidden = this.#card === null;
      this.#draw();
      this.#chips.show(this.#view);
      this.#describe();
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Draws the chart; `forFile`: for the PNG export (the chips keep their place). */
  #draw(dpr = window.devicePixelRatio || 1, forFile = false) {
    if (!this.#view) return;
    const { width, height } = this.getBoundingClientRect();
    try {
      this.#view.draw(Math.floor(width), Math.floor(height), dpr, forFile);
      if (!forFile) this.#chips.place(this.#view);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** The accessible name, and the figures as a table for screen readers. */
  #describe() {
    this.setAttribute('aria-label', this.#view.summary());
    fillTable(this.#table, this.#view.table());
  }

  /** Back to the window the attributes ask for. */
  resetZoom() {
    this.#zoom.reset();
  }

  /** Downloads the chart as a PNG at twice its CSS size. */
  exportPng() {
    this.#panels.exportPng();
  }

  /** Downloads every figure as CSV, with the sources and their SHA-256. */
  exportCsv() {
    this.#panels.exportCsv();
  }

  #fail(error) {
    const reason = reasonOf(error, this.#sayer);
    this.#setView(null);
    this.#status.say('');
    this.#tooltip.hidden = true;
    this.#chips.box.hidden = true;
    this.setAttribute('aria-label', this.#say('chart_unavailable', { reason }));
    this.#status.show(this.#say('could_not_show', { reason }), false);
    announce(this, 'hubpulse-error', { reason, kind: error?.kind ?? 'bug' });
  }
}

customElements.define('hub-pulse', HubPulse);

export { HubPulse };
