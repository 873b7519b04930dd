// Pointer, touch and keyboard on a chart: hover shows a tooltip (a tap on touch screens),
// dragging across a time chart narrows the window, a legend click (or a digit key) toggles
// a series and a double-click on a mode's entry (a double-tap, or Shift and its digit) filters by it,
// the arrow keys step through the marks and a live region reads them. What is under the
// pointer, and what it means, is the wasm view's answer; this file only forwards events.
import { element } from './dom.js';

/** Two taps this close in time (ms) and place (CSS px) are a double-tap. */
const DOUBLE_TAP_MS = 500;
const DOUBLE_TAP_PX = 24;

export class Pointer {
  #host;
  #overlay;
  #tooltip;
  #live;
  #on;
  #drag = null;
  #index = -1;
  /** The target whose tooltip a tap showed: a second tap on it is a click. */
  #tapped = -1;
  /** The last tap's time and place: a second one on a legend entry soon after is a double-tap,
   * which touch screens do not promise to turn into a `dblclick`. */
  #lastTap = null;
  /** When a double-tap was taken as a double-click, so that a `dblclick` made of it is not. */
  #doubleTapped = -Infinity;

  /**
   * `on`: `{ view() }` the current View or null, `zoomTo(range)`, `resetZoom()`,
   * `toggled()` after a legend entry changed, `escape()` to close menus, `filter(filter)` when
   * a legend entry asks for one, `choose({filter} or {card})` when a row does.
   */
  constructor(host, overlay, tooltip, live, on) {
    [this.#host, this.#overlay, this.#tooltip, this.#live, this.#on] = [host, overlay, tooltip, live, on];
    overlay.addEventListener('pointermove', (e) => this.#move(e));
    overlay.addEventListener('pointerleave', (e) => {
      // A finger leaves when it lifts: the tapped tooltip stays until the next tap.
      if (this.#drag || e.pointerType === 'touch') return;
      this.hide();
    });
    overlay.addEventListener('pointerdown', (e) => this.#down(e));
    overlay.addEventListener('pointerup', (e) => this.#up(e));
    host.addEventListener('dblclick', (e) => {
      if (e.timeStamp - this.#doubleTapped > DOUBLE_TAP_MS) this.#double(...this.#point(e));
    });
    host.addEventListener('keydown', (e) => this.#key(e));
  }

  /** A press anywhere else on the page (a tap outside, on another chart) closes the tooltip:
   * a finger that lifts leaves no `pointerleave` behind. */
  #outside = (e) => { if (!this.#tooltip.hidden && !e.composedPath().includes(this.#host)) this.hide(); };

  /** Watches the page for presses outside the chart, while the element is on the page. */
  start() {
    document.addEventListener('pointerdown', this.#outside, true);
  }

  stop() {
    document.removeEventListener('pointerdown', this.#outside, true);
  }

  /** Hides the tooltip and the crosshair. */
  hide() {
    this.#tooltip.hidden = true;
    this.#on.view()?.leave();
  }

  #point(e) {
    const box = this.#host.getBoundingClientRect();
    return [e.clientX - box.left, e.clientY - box.top];
  }

  #move(e) {
    const view = this.#on.view();
    if (!view) return;
    const [x, y] = this.#point(e);
    if (this.#drag) {
      this.#drag.x1 = x;
      if (Math.abs(x - this.#drag.x0) > 3) this.#drag.moved = true;
      if (this.#drag.moved) { this.#tooltip.hidden = true; view.brushMove(this.#drag.x0, x); }
      return;
    }
    if (e.pointerType !== 'touch') this.show(view.hover(x, y));
  }

  #down(e) {
    const view = this.#on.view();
    if (!view || e.button !== 0) return;
    const [x] = this.#point(e);
    this.#drag = { x0: x, x1: x, moved: false };
    if (view.isTime && e.pointerType !== 'touch') this.#overlay.setPointerCapture(e.pointerId);
  }

  #up(e) {
    const drag = this.#drag;
    this.#drag = null;
    const view = this.#on.view();
    if (!view || !drag) return;
    const [x, y] = this.#point(e);
    if (drag.moved && view.isTime) {
      const range = view.brushEnd(drag.x0, drag.x1);
      if (range) this.#on.zoomTo(range);
      return;
    }
    if (view.click(x, y) !== undefined) { // a legend entry
      this.#on.toggled();
      if (e.pointerType === 'touch') this.#tap(e.timeStamp, x, y);
      return;
    }
    // A row filters (or opens its card); on a touch screen, the second tap on it (the first
    // shows its tooltip).
    const tip = e.pointerType === 'touch' ? view.hover(x, y) : null;
    const choice = !tip || (!this.#tooltip.hidden && tip.index === this.#tapped) ? view.choiceAt(x, y) : null;
    if (choice) {
      this.hide();
      return this.#on.choose(choice);
    }
    // A tap (touch) shows the tooltip there; a tap on nothing hides it.
    if (e.pointerType === 'touch') {
      this.#tapped = tip?.index ?? -1;
      this.show(tip);
    }
  }

  /** A tap on a legend entry at `time`: the second of two close in time and place is a
   * double-click there. */
  #tap(time, x, y) {
    const last = this.#lastTap;
    this.#lastTap = { time, x, y };
    if (!last || time - last.time > DOUBLE_TAP_MS || Math.hypot(x - last.x, y - last.y) > DOUBLE_TAP_PX) return;
    [this.#lastTap, this.#doubleTapped] = [null, time];
    this.#double(x, y);
  }

  /** A double-click on a legend entry that filters (its two clicks showed it again) filters
   * by it; anywhere else it shows every day again. */
  #double(x, y) {
    const view = this.#on.view();
    const entry = view?.legendAt(x, y);
    const filter = entry === undefined ? null : view.legendFilter(entry);
    if (filter) this.#on.filter(filter);
    else this.#on.resetZoom();
  }

  #key(e) {
    const view = this.#on.view();
    if (!view) return;
    const steps = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 1, ArrowUp: -1 };
    if (e.key in steps || e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      this.#index = e.key === 'Home' ? 0 : e.key === 'End' ? 1e9 : Math.max(0, this.#index + steps[e.key]);
      const tip = view.hoverIndex(this.#index);
      if (tip) {
        this.#index = tip.index;
        this.#live.textContent = `${tip.title}: ${tip.lines.map(([k, v]) => (k ? `${k} ${v}` : v)).join(', ')}`;
      }
      this.show(tip);
    } else if (e.key === 'Enter' && this.#index >= 0) {
      // The row the arrow keys reached is chosen, as a click on it is.
      const choice = view.choiceOf(this.#index);
      if (choice) {
        e.preventDefault(); // a card's Back button, focused meanwhile, is not pressed by this Enter
        this.hide();
        this.#on.choose(choice);
      }
    } else if (e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
      // Shift and an entry's digit filter by it, as a double-click on it does.
      const filter = view.legendFilter(Number(e.code.slice(5)) - 1);
      if (filter) this.#on.filter(filter);
    } else if (/^[1-9]$/.test(e.key)) {
      // The legend's entries, in reading order, switch on and off with the digit keys.
      const key = view.toggleLegend(Number(e.key) - 1);
      if (key === undefined) return;
      this.#live.textContent = `${key} ${view.shows(key) ? 'shown' : 'hidden'}`;
      this.#on.toggled();
    } else if (e.key === 'Escape') {
      this.hide();
      this.#on.escape();
    }
  }

  /** Shows `tip` (`{x, y, title, lines}` from the view) beside its point, inside the widget. */
  show(tip) {
    if (!tip) { this.#tooltip.hidden = true; return; }
    this.#tooltip.replaceChildren(element('b', '', tip.title));
    for (const [label, value] of tip.lines) {
      const row = element('div', 'row');
      row.append(element('span', '', label), element('span', '', value));
      this.#tooltip.append(row);
    }
    this.#tooltip.hidden = false;
    const { width, height } = this.#host.getBoundingClientRect();
    const w = this.#tooltip.offsetWidth;
    const h = this.#tooltip.offsetHeight;
    const left = tip.x + 12 + w > width ? tip.x - 12 - w : tip.x + 12;
    const top = Math.min(Math.max(4, tip.y), height - h - 4);
    this.#tooltip.style.left = `${Math.max(4, left)}px`; // CSSOM, allowed under a strict CSP
    this.#tooltip.style.top = `${top}px`;
  }
}
