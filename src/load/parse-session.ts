// Parses one session file's text (front matter + Markdown body) with no access to the disk, so the
// same code runs on the main thread, in parse workers, and behind the per-session cache.
import matter from 'gray-matter';
import type { Root } from 'mdast';
import type { SessionCache } from '../cache/session-cache.js';
import { Diagnostics } from '../diagnostics/diagnostics.js';
import { bodyFactsOf, type BodyFacts } from '../markdown/body-facts.js';
import { findBlockFenceProblems } from '../markdown/block-fences.js';
import { blankFrontMatter, parseMarkdownChecked } from '../markdown/parse.js';
import { sessionSchema, type SessionSource } from '../schema/session.js';
import { contentKeyOf, type SourceText } from './source-text.js';
import { lazyYamlSource, parseYamlSource, type YamlSource } from './yaml-source.js';
import { validateYaml } from './validate-yaml.js';

/**
 * What a session file yields besides its id: front matter (raw and validated), the facts of its body
 * and the body's mdast. Read from the cache, `mdast` is a getter that decodes the tree on first use.
 */
export interface ParsedSession {
  ys?: YamlSource;
  data?: SessionSource;
  facts: BodyFacts;
  readonly mdast: Root;
}

/**
 * The part of a parsed session worth caching: plain data only, so it survives JSON. The raw front
 * matter (`ys.data`) is not kept: a cached session parses it again from its text when it is asked for.
 */
export interface SessionParts {
  data: SessionSource;
  facts: BodyFacts;
  /** Decoded on first access when the parts come from a cache entry. */
  readonly mdast: Root;
}

const OPENING = /^---[ \t]*\n/;
const CLOSING = /\n---[ \t]*(\n|$)/;

/** Parse a session's front matter and body, reporting problems of this file only. */
export function parseSessionText(src: SourceText, diagnostics: Diagnostics): ParsedSession {
  if (!OPENING.test(src.text)) {
    diagnostics.report(src.path, 'front-matter-missing', 'The session has no front matter.', { line: 1, column: 1 });
    return withFacts({}, parseBody(src, src.text, diagnostics), src.text);
  }
  if (!CLOSING.test(src.text.slice(3))) {
    diagnostics.report(src.path, 'front-matter-missing', 'The front matter is not closed: add a line `---` after it.', { line: 1, column: 1, endLine: 1, endColumn: 4 });
    return withFacts({}, { type: 'root', children: [] }, src.text);
  }
  const fm = frontMatter(src.text);
  const ys = parseYamlSource(src, fm.matter, 3, diagnostics);
  const data = validateYaml(ys, sessionSchema, 'session front matter', diagnostics);
  return withFacts({ ys, data }, parseBody(src, blankFrontMatter(src.text, fm.bodyStart), diagnostics), src.text);
}

/** A freshly parsed session: its tree and the facts taken from it (and from its file's text). */
function withFacts(front: { ys?: YamlSource; data?: SessionSource }, mdast: Root, text: string): ParsedSession {
  return { ...front, facts: bodyFactsOf(mdast, text), mdast };
}

/** The body's mdast; a body beyond the Markdown limits is reported and read as empty. */
function parseBody(src: SourceText, text: string, diagnostics: Diagnostics): Root {
  const { tree, problem } = parseMarkdownChecked(text);
  if (problem) diagnostics.report(src.path, problem.rule, problem.message, { line: problem.line, column: problem.column });
  for (const p of findBlockFenceProblems(tree, text)) diagnostics.report(src.path, p.rule, p.message, { line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn });
  return tree;
}

/**
 * Parse a session, or take it from the cache when the same text parsed cleanly before. Only files
 * without any diagnostic are cached, so a file with problems is always parsed and reported afresh.
 */
export function parseSessionCached(src: SourceText, diagnostics: Diagnostics, cache: SessionCache | undefined): ParsedSession {
  if (!cache) return parseSessionText(src, diagnostics);
  const key = cache.keyOf(contentKeyOf(src));
  // A verified entry always holds a sound tree; only a forged one could fail to decode, and then the
  // text (which parsed cleanly when it was cached) is parsed again.
  const parts = cache.get(key, () => parseSessionText(src, new Diagnostics()).mdast);
  if (parts) return reviveSession(src, parts);
  const before = diagnostics.file(src.path).messages.length;
  const parsed = parseSessionText(src, diagnostics);
  const clean = diagnostics.file(src.path).messages.length === before;
  const fresh = cacheableParts(parsed, clean);
  if (fresh) cache.put(key, fresh);
  return parsed;
}

/**
 * A session rebuilt from cached parts. The YAML document (needed only to point at a place when a
 * later rule reports a problem) is parsed again on first use, from the same text, so positions match;
 * the tree is decoded on first use too.
 */
export function reviveSession(src: SourceText, parts: SessionParts): ParsedSession {
  return new RevivedSession(lazyYamlSource(src, frontMatterText, 3), parts);
}

/** A class, so that the thousands of cached sessions of a load share one shape and their getters. */
class RevivedSession implements ParsedSession {
  constructor(
    readonly ys: YamlSource,
    private readonly parts: SessionParts,
  ) {}

  get data(): SessionSource {
    return this.parts.data;
  }

  get facts(): BodyFacts {
    return this.parts.facts;
  }

  get mdast(): Root {
    return this.parts.mdast;
  }
}

function frontMatterText(src: SourceText): string {
  return frontMatter(src.text).matter;
}

/** The cacheable parts of a session parsed without any diagnostic, else undefined. */
export function cacheableParts(parsed: ParsedSession, clean: boolean): SessionParts | undefined {
  if (!clean || !parsed.ys || parsed.ys.data === undefined || parsed.data === undefined) return undefined;
  return { data: parsed.data, facts: parsed.facts, mdast: parsed.mdast };
}

function frontMatter(text: string): { matter: string; bodyStart: number } {
  const fm = matter(text, { language: 'yaml', engines: { yaml: () => ({}) } });
  return { matter: fm.matter, bodyStart: text.length - fm.content.length };
}

