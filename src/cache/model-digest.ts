// A digest of everything in the resolved model except the session bodies, for keys of rendered
// outputs whose templates may read any part of the model (books, schedules, trainer pages). Bodies
// are named apart by their content keys, so an edit to one session's text changes only the keys of
// the outputs that print that session, and reading the digest never decodes a tree.
import { createHash } from 'node:crypto';
import type { Curriculum, Session } from '../model/types.js';

/** Session fields left out of the digest: the body and what is read from it (named by `contentKey` where an output prints it). */
const BODY_FIELDS = new Set<string>(['mdast', 'contentKey', 'facts']);

/**
 * Model fields left out: the computed schedules are made from the rest of the model by the tool's
 * code (part of every key), so they cannot change while the rest stays the same; they are also the
 * largest part of the model (about a third of the digest's time at 4,000 sessions).
 */
const DERIVED_FIELDS = new Set<string>(['schedules']);

const digests = new WeakMap<Curriculum, string>();

/** SHA-256 of the model without session bodies, computed once per model. */
export function modelDigest(model: Curriculum): string {
  const known = digests.get(model);
  if (known !== undefined) return known;
  const sessions = new Set<object>(model.sessions.values());
  const hash = createHash('sha256');
  // Each session once, field by field (a body field is never read, so a lazy tree stays undecoded)...
  for (const session of model.sessions.values()) hash.update(JSON.stringify(sessionFields(session))).update('\n');
  // ...then the rest of the model, naming sessions by id wherever they are referenced.
  hash.update(
    JSON.stringify(model, function (this: unknown, key: string, value: unknown) {
      if (this === model && DERIVED_FIELDS.has(key)) return undefined;
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

function sessionFields(session: Session): [string, unknown][] {
  return Object.keys(session)
    .filter((key) => !BODY_FIELDS.has(key))
    .map((key) => [key, session[key as keyof Session]]);
}
