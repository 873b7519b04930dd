// The ⋯ menu: the chart as a PNG, every figure as CSV, and where the figures came from
// (docs/inputs.md, provenance), each a few lines over what the wasm view gives.
import { download, element } from './dom.js';

export class Panels {
  #host;
  #menu = element('div', 'menu');
  #panel = element('div', 'panel');
  #button = element('button', '', '⋯');
  /** The menu's buttons, by the key of their word. */
  #items = new Map();
  /** `key => text`, set by `relabel`. */
  #say;

  /** `host`: `{ view(), csv(), name(), draw(dpr, forFile), canvas }`; the parts go into `tools` and `root`. */
  constructor(host, tools, root) {
    this.#host = host;
    this.#button.setAttribute('aria-haspopup', 'true');
    const items = [['download_png', () => this.exportPng()], ['download_csv', () => this.exportCsv()],
                   ['source', () => this.showSource()]];
    for (const [key, action] of items) {
      const button = element('button');
      button.addEventListener('click', () => { this.#menu.hidden = true; action(); });
      this.#items.set(key, button);
      this.#menu.append(button);
    }
    this.#button.addEventListener('click', () => { this.#menu.hidden = !this.#menu.hidden; });
    this.#menu.hidden = true;
    this.#panel.hidden = true;
    tools.append(this.#button);
    root.append(this.#menu, this.#panel);
  }

  /** Labels the buttons with `say(key)`, the words of the chart's language. */
  relabel(say) {
    this.#say = say;
    this.#button.title = say('export_and_source');
    this.#button.setAttribute('aria-label', this.#button.title);
    for (const [key, button] of this.#items) button.textContent = say(key);
  }

  /** Closes the menu and the source panel. */
  close() {
    this.#menu.hidden = true;
    this.#panel.hidden = true;
  }

  /** Downloads the chart as a PNG at twice its CSS size. */
  exportPng() {
    const view = this.#host.view();
    if (!view) return;
    this.#host.draw(2, true);
    this.#host.canvas.toBlob((blob) => blob && download(blob, `hubpulse-${this.#host.name()}.png`));
    this.#host.draw();
  }

  /** Downloads every figure as CSV, with the sources and their SHA-256. */
  exportCsv() {
    const csv = this.#host.csv();
    if (csv !== null) download(csv, `hubpulse-${this.#host.name()}.csv`);
  }

  /** Where the figures came from: URL, bytes, SHA-256, fetch time, rows. */
  showSource() {
    const view = this.#host.view();
    if (!view) return;
    const { sources, summary } = view.provenance();
    const close = element('button', '', this.#say('close'));
    close.addEventListener('click', () => { this.#panel.hidden = true; });
    this.#panel.replaceChildren(element('h3', '', this.#say('where_from')));
    for (const rows of sources) {
      const list = element('dl');
      for (const [k, v] of rows) list.append(element('dt', '', k), element('dd', '', v));
      this.#panel.append(list);
    }
    this.#panel.append(element('p', '', summary), close);
    this.#panel.hidden = false;
    close.focus();
  }
}
