// The model digest remembers the sessions it last read, so that a resident process (the build
// daemon, serve) writes out only those that changed. Whatever it remembers, each digest must equal
// the one a fresh process computes for the same model.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { compileCurriculum } from '../../src/compile.js';
import type { Curriculum, Session } from '../../src/model/types.js';
import { ROOT } from '../helpers/cli.js';

type Digest = (model: Curriculum) => string;

/** modelDigest as a fresh process has it: nothing remembered. */
async function freshDigest(): Promise<Digest> {
  vi.resetModules();
  return (await import('../../src/cache/model-digest.js')).modelDigest;
}

/** A copy of `model` with `change` applied to copies of its sessions (every reference to a session in the model follows). */
function withSessions(model: Curriculum, change: (sessions: Session[]) => Session[]): Curriculum {
  const originals = new Set<unknown>(model.sessions.values());
  const copies = new Map<unknown, unknown>();
  const copy = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const known = copies.get(value);
    if (known !== undefined) return known;
    if (originals.has(value)) {
      const session = Object.defineProperties({}, Object.getOwnPropertyDescriptors(value));
      copies.set(value, session);
      return session;
    }
    if (value instanceof Map) {
      const map = new Map();
      copies.set(value, map);
      for (const [k, v] of value) map.set(k, copy(v));
      return map;
    }
    if (Array.isArray(value)) {
      const array: unknown[] = [];
      copies.set(value, array);
      for (const v of value) array.push(copy(v));
      return array;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) return value;
    const object: Record<string, unknown> = {};
    copies.set(value, object);
    for (const [k, v] of Object.entries(value)) object[k] = copy(v);
    return object;
  };
  const copied = copy({ ...model, sessions: undefined }) as Curriculum;
  const sessions = change([...model.sessions.values()].map((s) => copy(s) as Session));
  return { ...copied, sessions: new Map(sessions.map((s) => [s.id, s])) };
}

const base = () => compileCurriculum(join(ROOT, 'curricula')).model;

describe('the model digest', () => {
  it('equals a fresh process’s digest after every kind of change, and ignores the bodies', async () => {
    const digest = await freshDigest();
    const model = base();
    expect(model.sessions.size).toBeGreaterThan(3);
    const first = digest(model);
    // Each change is made to the copies of the sessions, which the rest of the model refers to.
    const set = <K extends keyof Session>(session: Session, key: K, value: Session[K]) => Object.defineProperty(session, key, { value });
    const changes: [string, (s: Session[]) => Session[]][] = [
      ['nothing', (s) => s],
      ['a title', (s) => (set(s[1]!, 'title', `${s[1]!.title}!`), s)],
      ['objectives, as a new frozen array', (s) => (set(s[2]!, 'objectives', Object.freeze([...s[2]!.objectives, 'one more']) as string[]), s)],
      ['a trainer', (s) => (set(s[0]!, 'trainer', { kind: 'text', id: 'someone', name: 'someone' }), s)],
      ['the order', (s) => [...s].reverse()],
      ['one session fewer', (s) => s.slice(1)],
    ];
    const seen = new Set([first]);
    for (const [name, change] of changes) {
      const changed = withSessions(model, change);
      const expected = (await freshDigest())(changed);
      expect(digest(changed), name).toBe(expected);
      if (name !== 'nothing') expect(seen.has(expected), `${name} changes the digest`).toBe(false);
      seen.add(expected);
      // Back to the model as it was: the first digest again.
      expect(digest(withSessions(model, (s) => s)), `${name}, undone`).toBe(first);
    }
    // A body is named by its content key elsewhere: an edit to it alone leaves the digest as it was.
    const bodyEdited = withSessions(model, (s) => {
      Object.defineProperties(s[1]!, { contentKey: { value: 'other' }, facts: { value: { ...s[1]!.facts, urls: [] } }, mdast: { get: () => ({ type: 'root', children: [] }) } });
      return s;
    });
    expect(digest(bodyEdited)).toBe(first);
  });

  it('is not fooled by a change made to the model after it was digested', async () => {
    const digest = await freshDigest();
    const model = withSessions(base(), (s) => s.map((x) => ({ ...x, trainer: { kind: 'text' as const, id: 'a', name: 'A' }, materials: ['handout'] })));
    const before = digest(model);
    // Something changes the sessions it read, in place; the next model holds what they now hold.
    const first = [...model.sessions.values()][0]!;
    first.trainer!.name = 'B';
    first.materials.push('slides');
    const next = withSessions(model, (s) => s);
    const expected = (await freshDigest())(next);
    expect(expected).not.toBe(before);
    expect(digest(next)).toBe(expected);
  });
});
