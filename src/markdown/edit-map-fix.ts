// micromark's EditMap rebuilds the whole event list on every batch of edits. The document tokenizer
// applies one batch each time a list item, block quote or :::block closes, so a session with many of
// them took time quadratic in its length (12,000 short nested list items: over a minute). This
// applies the same edits in place, from the last to the first, which touches only the tail.
import { EditMap } from 'micromark-util-edit-map';

type Change = [at: number, remove: number, add: unknown[]];

interface EditMapFields {
  map: Change[];
  index: Map<number, Change>;
}

/** Edits `events` exactly as EditMap#consume does (same result, same clipping of overlaps). */
export function consumeInPlace(this: EditMapFields, events: unknown[]): void {
  this.map.sort((a, b) => a[0] - b[0]);
  let boundary = events.length;
  for (let i = this.map.length - 1; i >= 0; i--) {
    const [at, remove, add] = this.map[i]!;
    const removed = Math.max(0, Math.min(remove, boundary - at));
    if (add.length < 10_000) {
      events.splice(at, removed, ...add);
    } else {
      const tail = events.splice(at);
      events.length = at;
      for (const event of add) events.push(event);
      for (let k = removed; k < tail.length; k++) events.push(tail[k]);
    }
    boundary = at;
  }
  this.map.length = 0;
  this.index.clear();
}

/** Install `consumeInPlace` once, only when EditMap still has the fields it relies on. */
export function installEditMapFix(): boolean {
  const probe = new EditMap() as unknown as Partial<EditMapFields>;
  if (!Array.isArray(probe.map) || !(probe.index instanceof Map)) return false;
  const proto = EditMap.prototype as unknown as { consume: unknown };
  proto.consume = consumeInPlace;
  return true;
}
