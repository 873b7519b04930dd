// The filter the reader chose over the `filter` attribute's: a chip for each value the chart
// counts by (a button that removes it), a row's click (view.filterAt) that keeps only its
// model, owner or category, and the `hubpulse-filter` event on each change.
import { announce, element } from './dom.js';

export class Chips {
  /** `{model, owner, category, mode, kind, app}` the reader chose, or null: the `filter` attribute's. */
  filter = null;
  /** The chips, placed in the band the chart's heading leaves for them. */
  box = element('div', 'chips');
  #widget;
  #redraw;

  /** `widget`: the element (announces, and has `filter` and `report`); `redraw()`: remakes its view. */
  constructor(widget, redraw) {
    [this.#widget, this.#redraw] = [widget, redraw];
    this.box.hidden = true;
  }

  /** What a view of this filter is asked, beside its window: `{filter}`, or nothing for the attribute's. */
  get look() {
    return this.filter ? { filter: this.filter } : {};
  }

  /** A chip for each value of `view`'s filter, each removing its value. */
  show(view) {
    const shown = view.reportOptions.filter;
    this.box.replaceChildren(...view.chips().map((chip) => {
      const button = element('button', '', `${chip.label} ×`);
      button.title = chip.hint;
      button.setAttribute('aria-label', chip.hint);
      button.addEventListener('click', () => {
        this.to({ ...shown, [chip.dimension]: shown[chip.dimension].filter((v) => v !== chip.value) });
        this.#widget.focus();
      });
      return button;
    }));
    this.place(view);
  }

  /** Moves the chips to where `view`, just drawn, left room for them (none: hidden). */
  place(view) {
    const at = view.chipsAt;
    this.box.hidden = !at || this.box.childElementCount === 0;
    if (this.box.hidden) return;
    this.box.style.left = `${at[0]}px`; // CSSOM, allowed under a strict CSP
    this.box.style.top = `${at[1]}px`;
  }

  /** Counts by `filter` (`{model, owner, category, mode, kind, app}`; null: the attribute's) and redraws. */
  to(filter) {
    this.filter = filter;
    this.#redraw();
    const widget = this.#widget;
    announce(widget, 'hubpulse-filter', { filter: widget.filter, get report() { return widget.report; } });
  }
}
