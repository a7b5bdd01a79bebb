// A digest of everything in the resolved model except the session bodies, for keys of rendered
// outputs whose templates may read any part of the model (books, schedules, trainer pages). Bodies
// are named apart by their content keys, so an edit to one session's text changes only the keys of
// the outputs that print that session, and reading the digest never decodes a tree.
import { createHash } from 'node:crypto';
import type { Curriculum, Session } from '../model/types.js';

/** Session fields left out of the digest: the body and what is read from it (named by `contentKey` where an output prints it). */
const BODY_FIELDS = new Set<string>(['mdast', 'contentKey', 'facts']);

/**
 * Model fields left out of the JSON of the rest: the sessions, digested apart (in model order, each
 * with its id, which is its key in the map); and the computed schedules, made from the rest of the
 * model by the tool's code (part of every key), so they cannot change while the rest stays the same
 * (they are also the largest part of the model: about a third of the digest's time at 4,000 sessions).
 */
const APART_FIELDS = new Set<string>(['sessions', 'schedules']);

const digests = new WeakMap<Curriculum, string>();

/** SHA-256 of the model without session bodies, computed once per model. */
export function modelDigest(model: Curriculum): string {
  const known = digests.get(model);
  if (known !== undefined) return known;
  const sessions = new Set<object>(model.sessions.values());
  const hash = createHash('sha256');
  // The sessions, field by field (a body field is never read, so a lazy tree stays undecoded)...
  hash.update(sessionsDigest(model)).update('\n');
  // ...then the rest of the model, naming sessions by id wherever they are referenced.
  hash.update(
    JSON.stringify(model, function (this: unknown, key: string, value: unknown) {
      if (this === model && APART_FIELDS.has(key)) return undefined;
      if (key !== '' && sessions.has(value as object)) return { session: (value as Session).id };
      if (value instanceof Map) return { map: [...value.entries()] };
      if (value instanceof Set) return { set: [...value] };
      return value;
    }),
  );
  const digest = hash.digest('hex');
  digests.set(model, digest);
  return digest;
}

/** One session as the last digest read it: its fields, each value as kept by `keep`, and their JSON. */
interface DigestedSession {
  id: string;
  keys: string[];
  kept: unknown[];
  json: string;
}

/**
 * What the last digest read of the sessions, in model order, and the digest of them. A resident
 * process (the build daemon, `serve`) then writes out only the sessions whose fields changed: those
 * read back from the cache keep their front matter frozen between builds (session-cache.ts), and are
 * compared by identity.
 */
let last: { sessions: DigestedSession[]; digest: string } | undefined;

/** SHA-256 of every session's fields in model order, JSON written again only for sessions that differ from the last digest's. */
function sessionsDigest(model: Curriculum): string {
  const before = last?.sessions;
  let changed = before === undefined || before.length !== model.sessions.size;
  const now: DigestedSession[] = [];
  for (const session of model.sessions.values()) {
    const keys = Object.keys(session).filter((key) => !BODY_FIELDS.has(key));
    const old = before?.[now.length];
    if (old !== undefined && old.id === session.id && sameFields(old, keys, session)) {
      now.push(old);
      continue;
    }
    changed = true;
    const values = keys.map((key) => session[key as keyof Session]);
    now.push({ id: session.id, keys, kept: values.map(keep), json: JSON.stringify(keys.map((key, i) => [key, values[i]])) });
  }
  const digest = changed || last === undefined ? createHash('sha256').update(now.map((s) => s.json).join('\n')).digest('hex') : last.digest;
  last = { sessions: now, digest };
  return digest;
}

/** Whether a session's fields are, in order and by value, the ones `old` kept. */
function sameFields(old: DigestedSession, keys: string[], session: Session): boolean {
  if (old.keys.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (old.keys[i] !== keys[i] || !same(old.kept[i], session[keys[i] as keyof Session])) return false;
  }
  return true;
}

/**
 * A field's value as kept between digests, so that nothing done to the model after the digest can
 * change it: a primitive or a frozen tree as it is, arrays and plain objects as frozen copies, anything else as its JSON.
 */
function keep(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(keep));
  if (Object.getPrototypeOf(value) === Object.prototype) return Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keep(v)])));
  return new Written(JSON.stringify(value));
}

/** The JSON of a value that is neither an array nor a plain object. */
class Written {
  constructor(readonly json: string) {}
}

/** Whether `value` writes the same JSON as the kept value `kept`: equal primitives, the same frozen tree, or equal arrays and objects (keys in the same order). */
function same(kept: unknown, value: unknown): boolean {
  if (kept === value) return true;
  if (kept === null || typeof kept !== 'object' || value === null || typeof value !== 'object') return false;
  if (kept instanceof Written) return JSON.stringify(value) === kept.json;
  if (Array.isArray(kept)) return Array.isArray(value) && kept.length === value.length && kept.every((k, i) => same(k, value[i]));
  if (Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(kept);
  const valueKeys = Object.keys(value);
  return keys.length === valueKeys.length && keys.every((k, i) => k === valueKeys[i] && same((kept as Record<string, unknown>)[k], (value as Record<string, unknown>)[k]));
}
