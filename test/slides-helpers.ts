// Shared by the slides tests: build a curriculum's decks once, the slides the model says each deck
// has, and readers for what Marp CLI and PowerPoint would see.
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { vi } from 'vitest';
import { compileCurriculum } from '../src/compile.js';
import { labelsFor } from '../src/i18n/labels.js';
import { buildDayDeck } from '../src/render/slides/build-day-deck.js';
import type { Slide } from '../src/render/slides/deck-types.js';
import { paginate } from '../src/render/slides/paginate.js';
import { runCli, tempDir, type RunResult } from './helpers/cli.js';

/** A build of the `slides` output into a fresh folder. */
export interface SlidesBuild {
  out: string;
  result: RunResult;
  /** `programs/<p>/slides/day-NN.md` paths, sorted. */
  decks: string[];
}

/** Build only the slides of `source` (extra CLI arguments appended), diagnostics as JSON. */
export function buildSlides(source: string, extra: string[] = [], env: Record<string, string> = {}): SlidesBuild {
  const out = join(tempDir('cs-train-slides-'), 'dist');
  const result = runCli(['build', source, '-o', out, '--only', 'slides', '--format', 'json', ...extra], { env });
  const files = result.status === 0 ? listFiles(out) : [];
  return { out, result, decks: files.filter((f) => /\/slides\/day-\d\d\.md$/.test(f)) };
}

/** Files under a folder, relative with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as { name: string; parentPath: string; isFile(): boolean }[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

/** The paginated slides of every teaching day as the model builds them, by deck path (`….md`). */
export async function expectedSlides(source: string): Promise<Map<string, Slide[]>> {
  const { model, diagnostics } = await compileCurriculum(source);
  const labels = labelsFor(model.locale);
  const out = new Map<string, Slide[]>();
  for (const program of model.programs) {
    const schedule = model.schedules.get(program.id)!;
    for (const day of schedule.days.filter((d) => d.kind === 'day')) {
      const deck = buildDayDeck({ model, program, schedule, day, labels, sourceOf: (f) => diagnostics.text(f) });
      out.set(`${deck.path}.md`, deck.slides.flatMap((s) => paginate(s, labels.slidesContinued)));
    }
  }
  return out;
}

/** Render the decks of several builds with Marp CLI in one call; HTML by build index, then `.md` path. */
export async function renderWithMarp(builds: SlidesBuild[], extra: string[] = []): Promise<Map<string, string>[]> {
  const { marpCli } = await import('@marp-team/marp-cli');
  const stage = tempDir('cs-train-marp-in-');
  const html = tempDir('cs-train-marp-out-');
  builds.forEach((b, i) => {
    for (const d of b.decks) {
      mkdirSync(join(stage, String(i), d, '..'), { recursive: true });
      cpSync(join(b.out, d), join(stage, String(i), d));
    }
  });
  const quiet = (['log', 'info', 'warn', 'error'] as const).map((k) => vi.spyOn(console, k).mockImplementation(() => undefined));
  const code = await marpCli(['--input-dir', stage, '-o', html, '--no-stdin', ...extra]).finally(() => quiet.forEach((q) => q.mockRestore()));
  if (code !== 0) throw new Error(`marp-cli exited with ${code}`);
  return builds.map((b, i) => new Map(b.decks.map((d) => [d, readFileSync(join(html, String(i), d.replace(/\.md$/, '.html')), 'utf8')])));
}

/** The slides Marp rendered: every `<section>` of the deck's HTML. */
export function marpSections(html: string): string[] {
  return [...html.matchAll(/<section\b[^>]*>([\s\S]*?)<\/section>/g)].map((m) => m[1]!);
}

/** Presenter notes of the bespoke HTML, by 0-based slide index, as plain text. */
export function marpNotes(html: string): Map<number, string> {
  const notes = new Map<number, string>();
  for (const m of html.matchAll(/<div class="bespoke-marp-note" data-index="(\d+)"[^>]*>([\s\S]*?)<\/div>/g)) {
    notes.set(Number(m[1]), decode(m[2]!.replace(/<[^>]+>/g, '')));
  }
  return notes;
}

/** A PPTX opened as PowerPoint reads it: its slides' and notes' XML in slide order. */
export interface PptxContent {
  slides: string[];
  notes: (string | undefined)[];
  presentation: string;
  zip: JSZip;
}

/** Open a .pptx file. */
export async function openPptx(bytes: Uint8Array): Promise<PptxContent> {
  const zip = await JSZip.loadAsync(bytes);
  const count = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).length;
  const slides: string[] = [];
  const notes: (string | undefined)[] = [];
  for (let i = 1; i <= count; i++) {
    slides.push(await zip.file(`ppt/slides/slide${i}.xml`)!.async('string'));
    const rels = await zip.file(`ppt/slides/_rels/slide${i}.xml.rels`)!.async('string');
    const target = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
    notes.push(target ? await zip.file(`ppt/notesSlides/${target}`)!.async('string') : undefined);
  }
  return { slides, notes, presentation: await zip.file('ppt/presentation.xml')!.async('string'), zip };
}

/** The text runs of a slide or notes XML, decoded. */
export function xmlTexts(xml: string): string[] {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!));
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
