// The window a brush selected over the attributes' window, and the button that goes back to
// theirs; each change is announced as a `hubpulse-range` event.
import { announce, element } from './dom.js';

export class Zoom {
  /** `{from, to}` (days) the brush chose, or null: the attributes' window. */
  range = null;
  /** "Reset zoom", shown while a range is chosen. */
  button = element('button');
  #widget;
  #redraw;

  /** `widget`: the element (announces, and has the `report`); `redraw()`: remakes its view. */
  constructor(widget, redraw) {
    [this.#widget, this.#redraw] = [widget, redraw];
    this.button.hidden = true;
    this.button.addEventListener('click', () => this.reset());
  }

  /** Labels the button with `say(key)`, the words of the chart's language. */
  relabel(say) {
    this.button.textContent = say('reset_zoom');
    this.button.title = say('reset_zoom_hint');
  }

  /** Narrows the window to `range` and redraws. */
  to(range) {
    this.range = range;
    this.#changed({ ...range });
  }

  /** Back to the window the attributes ask for. */
  reset() {
    if (!this.range) return;
    this.range = null;
    this.#changed({ reset: true });
  }

  #changed(detail) {
    this.#redraw();
    const widget = this.#widget;
    announce(widget, 'hubpulse-range', { ...detail, get report() { return widget.report; } });
  }
}
