// Linked widgets: those with the same `group` attribute share their window and filter
// (docs/embedding.md#linked-widgets). A brush, a reset, a row's click or a chip on one is
// applied to every other, each recounting from the dataset it already holds; only the widget
// the reader acted on fires its event. A widget that joins takes the group's current view.

/** The members of each group on the page, by name. */
const groups = new Map();

export class Group {
  #name = null;
  #member;

  /**
   * `member`: `{ state() }` its `{range, filter, compare}`, `follow(state)` to show another's, and
   * `publish(state)` to write the group's view where it is kept (`sync-url`).
   */
  constructor(member) {
    this.#member = member;
  }

  /** Joins the group `name` (none: null), leaving any other; takes its members' view. */
  join(name) {
    this.leave();
    if (!name) return;
    const members = groups.get(name) ?? new Set();
    const [first] = members;
    if (first) this.#member.follow(first.#member.state());
    members.add(this);
    groups.set(name, members);
    this.#name = name;
  }

  leave() {
    const members = groups.get(this.#name);
    members?.delete(this);
    if (members?.size === 0) groups.delete(this.#name);
    this.#name = null;
  }

  /** Shows this member's view on every other member of its group, and has each publish it. */
  share() {
    const state = this.#member.state();
    const members = groups.get(this.#name) ?? [this];
    for (const other of members) if (other !== this) other.#member.follow(state);
    for (const member of members) member.#member.publish(state);
  }
}
