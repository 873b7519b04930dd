// How the page wants the chart to look, and when that changes: the --hubpulse-* custom
// properties read as colours, the media queries (pixel ratio, system theme) watched, and the
// classes and styles that may change those properties.

/** CSS custom properties (without `--hubpulse-`) that reach the chart's colours and font. */
const THEME_PROPERTIES = ['background', 'text', 'muted', 'grid', 'accent', 'accent-fill', 'supply', 'font'];

/** The custom properties set on `host`, as #rrggbb colours (parsed by `canvas`) and a font list. */
export function colors(host, canvas) {
  const style = getComputedStyle(host);
  const probe = canvas.getContext('2d');
  const found = {};
  for (const name of THEME_PROPERTIES) {
    const value = style.getPropertyValue(`--hubpulse-${name}`).trim();
    if (!value) continue;
    if (name === 'font') { found.font = value; continue; }
    probe.fillStyle = '#000001'; // a colour the value will not be, to see whether it parsed
    probe.fillStyle = value;
    if (probe.fillStyle !== '#000001') found[name] = probe.fillStyle;
  }
  return found;
}

/** Whether the reader's system asks for a dark theme. */
export const prefersDark = () => matchMedia('(prefers-color-scheme: dark)').matches;

/** Media queries and style changes watched for one element, all dropped at once. */
export class MediaWatch {
  #watched = [];
  #styles = null;
  /** The colours last read (`colors`), as JSON: a style change counts when they differ. */
  #seen = '';

  /** `host`'s colours (as `colors` reads them, through `canvas`), remembered. */
  colors(host, canvas) {
    const found = colors(host, canvas);
    this.#seen = JSON.stringify(found);
    return found;
  }

  /**
   * Calls `onRatio` when the pixel ratio changes (browser zoom, another screen), `onScheme`
   * when the system theme flips, and `onColors` when a class or inline style changed on the
   * page's root, its body or `host` (what a page does to swap a theme of custom properties)
   * and `host`'s colours are no longer those last read.
   */
  start(host, canvas, onRatio, onScheme, onColors) {
    this.#ratio(onRatio);
    this.#add(matchMedia('(prefers-color-scheme: dark)'), onScheme);
    this.#styles = new MutationObserver(() => {
      if (JSON.stringify(colors(host, canvas)) !== this.#seen) onColors();
    });
    for (const node of [document.documentElement, document.body, host]) {
      if (node) this.#styles.observe(node, { attributes: true, attributeFilter: ['class', 'style'] });
    }
  }

  stop() {
    for (const [query, listener] of this.#watched) query.removeEventListener('change', listener);
    this.#watched = [];
    this.#styles?.disconnect();
    this.#styles = null;
  }

  /** A resolution query matches one ratio: when it changes, watch the new one. */
  #ratio(listener) {
    const media = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    const changed = () => {
      listener();
      media.removeEventListener('change', changed);
      this.#watched = this.#watched.filter(([q]) => q !== media);
      this.#ratio(listener);
    };
    this.#add(media, changed);
  }

  #add(media, listener) {
    media.addEventListener('change', listener);
    this.#watched.push([media, listener]);
  }
}
