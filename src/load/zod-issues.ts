// Turns zod issues into catalog diagnostics at the exact YAML key or value they concern.
import type * as z from 'zod';
import type { RuleId } from '../diagnostics/catalog.js';
import type { Diagnostics } from '../diagnostics/diagnostics.js';
import { KNOWN_KEYS_MARK } from '../schema/common.js';
import { closest, didYouMean } from '../util/suggest.js';
import { locate, type YamlPath, type YamlSource } from './yaml-source.js';

/** Report every issue of a failed parse; `what` names the file kind ("role", "session front matter"). */
export function reportZodIssues(ys: YamlSource, issues: readonly z.core.$ZodIssue[], what: string, diagnostics: Diagnostics): void {
  // A misspelt key is reported once, as an unknown key with a suggestion, not also as a missing key.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys' || !issue.message.startsWith(KNOWN_KEYS_MARK)) continue;
    const known = issue.message.slice(KNOWN_KEYS_MARK.length).split(',');
    for (const key of issue.keys) {
      const hit = closest(key, known);
      if (hit) suggested.add(JSON.stringify([...issue.path, hit]));
    }
  }
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const label = path.length ? `"${pathLabel(path)}"` : what;
    if (issue.code === 'unrecognized_keys') {
      const known = issue.message.startsWith(KNOWN_KEYS_MARK) ? issue.message.slice(KNOWN_KEYS_MARK.length).split(',') : [];
      for (const key of issue.keys) {
        const where = path.length ? ` in ${label}` : ` in ${what}`;
        diagnostics.report(ys.src.path, 'unknown-key', `Unknown key "${key}"${where}.${didYouMean(key, known)}`, locate(ys, [...path, key], 'key'));
      }
      continue;
    }
    const params = (issue as { params?: { rule?: string; value?: string; choices?: string[] } }).params;
    if (issue.code === 'custom' && params?.rule) {
      const hint = params.value && params.choices ? didYouMean(params.value, params.choices) : '';
      diagnostics.report(ys.src.path, params.rule as RuleId, `${label}: ${issue.message}${hint}`, locate(ys, path));
      continue;
    }
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'invalid_value') && !exists(ys.data, path)) {
      if (suggested.has(JSON.stringify(path))) continue;
      const key = path[path.length - 1];
      const parent = path.slice(0, -1);
      const inWhat = parent.length ? `"${pathLabel(parent)}"` : what;
      if (typeof key === 'number') {
        diagnostics.report(ys.src.path, 'missing-key', `Entry ${key + 1} of ${inWhat} is empty; write its value after the "-", or remove the line.`, locate(ys, path));
      } else if (hasKey(ys.data, path)) {
        diagnostics.report(ys.src.path, 'missing-key', `Key "${String(key)}" in ${inWhat} has no value; write one after the colon.`, locate(ys, path, 'key'));
      } else {
        diagnostics.report(ys.src.path, 'missing-key', `Missing required key "${String(key)}" in ${inWhat}.`, locate(ys, parent));
      }
      continue;
    }
    if (issue.code === 'invalid_type') {
      const got = valueAt(ys.data, path);
      // "3天", "50分", "2 days": a number written with its unit, the usual slip.
      const withUnit = issue.expected === 'number' && typeof got === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*[^\d\s.]/.exec(got) : null;
      const fix = withUnit ? ` Write the number alone, without a unit: ${withUnit[1]}.` : '';
      diagnostics.report(ys.src.path, 'wrong-type', `${label} should be ${article(issue.expected)}, not ${describe(got)}.${fix}`, locate(ys, path));
      continue;
    }
    if (issue.code === 'invalid_value') {
      const got = valueAt(ys.data, path);
      const choices = issue.values.map(String);
      const hint = typeof got === 'string' ? didYouMean(got, choices) : '';
      diagnostics.report(ys.src.path, 'invalid-value', `${label} must be one of ${choices.join(', ')}; got ${JSON.stringify(got)}.${hint}`, locate(ys, path));
      continue;
    }
    if (issue.code === 'invalid_union') {
      diagnostics.report(ys.src.path, 'wrong-type', `${label} has the wrong form: ${describe(valueAt(ys.data, path))} is not accepted here.`, locate(ys, path));
      continue;
    }
    const rule: RuleId = issue.code === 'invalid_key' ? 'invalid-id' : 'invalid-value';
    diagnostics.report(ys.src.path, rule, `${label}: ${boundMessage(issue, valueAt(ys.data, path)) ?? issue.message}`, locate(ys, path));
  }
}

/**
 * A bound the value passes over, in words, for zod's own "Too small: expected number to be >0"; a
 * message the schema wrote itself is kept.
 */
function boundMessage(issue: { code: string; message: string }, value: unknown): string | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  if (!/^Too (small|big)/.test(issue.message)) return undefined;
  const { minimum, maximum, inclusive, origin } = issue as { minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean; origin?: string };
  const small = issue.code === 'too_small';
  const bound = String(small ? minimum : maximum);
  const got = typeof value === 'number' || typeof value === 'string' ? ` (it is ${JSON.stringify(value)})` : '';
  if (origin === 'array' || origin === 'set') return `needs ${small ? 'at least' : 'at most'} ${bound} ${bound === '1' ? 'entry' : 'entries'}.`;
  if (origin === 'string') return `needs ${small ? 'at least' : 'at most'} ${bound} ${bound === '1' ? 'character' : 'characters'}.`;
  const relation = small ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
  return `must be ${relation} ${bound}${got}.`;
}

/**
 * A path into a file as a training lead counts: keys joined by dots, list entries numbered from 1
 * (`days[2].sessions[1]` is the first session of the second day), as "Day 2" and "Question 4" are.
 */
export function pathLabel(path: YamlPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join('');
}

function valueAt(data: unknown, path: YamlPath): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function exists(data: unknown, path: YamlPath): boolean {
  if (path.length === 0) return data !== undefined && data !== null;
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]!) &&
    (parent as Record<string | number, unknown>)[path[path.length - 1]!] !== null;
}

function hasKey(data: unknown, path: YamlPath): boolean {
  const parent = valueAt(data, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]!);
}

function article(expected: string): string {
  const names: Record<string, string> = { string: 'a text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a map of keys' };
  return names[expected] ?? expected;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}
