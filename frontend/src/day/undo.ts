/**
 * "Deleted - Undo": a removed entry can be put back for a few seconds. The removal itself is
 * saved at once; Undo adds the same item again (same id) where it was.
 */

const UNDO_MS = 6_000;

export class UndoBar {
  private timer: number | undefined;
  private undo: (() => void) | null = null;

  constructor(private bar: HTMLElement) {
    bar.querySelector("button")?.addEventListener("click", () => {
      const undo = this.undo;
      this.hide();
      undo?.();
    });
  }

  show(undo: () => void): void {
    this.undo = undo;
    this.bar.hidden = false;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.hide(), UNDO_MS);
  }

  hide(): void {
    window.clearTimeout(this.timer);
    this.undo = null;
    this.bar.hidden = true;
  }
}

/** Put `item` back at `index` of `list`, unless an item with its id is there already. */
export function putBack<T extends { id: string }>(list: T[], item: T, index: number): T[] {
  if (list.some((other) => other.id === item.id)) return list;
  const copy = [...list];
  copy.splice(Math.min(index, copy.length), 0, item);
  return copy;
}
