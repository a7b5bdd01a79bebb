// programs/<p>/slides/outline.md: the whole programme on a few pages for trainers: days, times,
// sessions, their section headings, activities, scripts, homework (with its text) and trainer notes.
import { fill, type Labels } from '../../i18n/labels.js';
import type { Curriculum, Program } from '../../model/types.js';
import { datedRuns } from '../dates.js';
import type { ProgramSchedule, ScheduledDay } from '../../schedule/types.js';
import { cohortDated, labelled } from './build-day-deck.js';
import type { Slide, SlideItem } from './deck-types.js';
import { escapeInline as md } from './markdown-escape.js';
import { markdownList } from './write-marp.js';

/** The outline of a programme; `sections` are the `daySections` of its teaching days' decks, by day number. */
export function writeOutline(model: Curriculum, program: Program, schedule: ProgramSchedule, sections: Map<number, string[]>, labels: Labels): string {
  const out: string[] = [`# ${md(`${program.title} · ${labels.slidesOutline}`)}`];
  out.push(md([model.title, model.organization].filter(Boolean).join(' · ')));
  if (program.summary) out.push(md(program.summary));
  for (const day of schedule.days) {
    if (day.kind === 'block') {
      if (day.blockDay?.index === 1) out.push(...blockLines(model, program, schedule, day, labels));
      continue;
    }
    out.push(`## ${md(`${fill(labels.day, { n: day.number })} · ${day.title}`)}`);
    const facts = [day.location ? labelled(model.locale, labels.location, day.location) : '', ...datesOf(schedule, day, labels, model)];
    if (facts.some(Boolean)) out.push(facts.filter(Boolean).map((f) => `- ${md(f)}`).join('\n'));
    out.push(...(sections.get(day.number) ?? []));
  }
  return `${out.join('\n\n')}\n`;
}

function blockLines(model: Curriculum, program: Program, schedule: ProgramSchedule, first: ScheduledDay, labels: Labels): string[] {
  const of = first.blockDay?.of ?? 1;
  const range = of > 1 ? fill(labels.book.dayRange, { from: first.number, to: first.number + of - 1 }) : fill(labels.day, { n: first.number });
  const facts = [
    first.items[0]?.trainer ? labelled(model.locale, labels.lead, first.items[0].trainer.name) : '',
    first.location ? labelled(model.locale, labels.location, first.location) : '',
    ...datesOf(schedule, first, labels, model, of),
    first.summary ?? '',
  ].filter(Boolean);
  return [`## ${md(`${range} · ${labels.block} · ${first.title}`)}`, ...(facts.length ? [facts.map((f) => `- ${md(f)}`).join('\n')] : [])];
}

function datesOf(schedule: ProgramSchedule, day: ScheduledDay, labels: Labels, model: Curriculum, span = 1): string[] {
  const index = schedule.days.indexOf(day);
  return schedule.cohorts.flatMap(({ cohort, dates }) => {
    const first = dates[index];
    if (!first) return [];
    return [cohortDated(model.locale, cohort.name, first, datedRuns(dates.slice(index, index + span), labels, model))];
  });
}

/** From a day's unpaginated slides: a heading per item, then its sections, blocks and notes as a list. */
export function daySections(slides: Slide[], labels: Labels, locale: Curriculum['locale']): string[] {
  const out: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) out.push(list.join('\n'));
    list = [];
  };
  const notes = (s: Slide, indent: string) => s.notes.forEach((n) => list.push(`${indent}- ${md(labelled(locale, labels.trainerNote, n))}`));
  let session = '';
  for (const s of slides) {
    if (s.kind === 'session' || s.kind === 'break' || s.kind === 'item') {
      flush();
      session = s.title;
      out.push(`### ${md([s.title, ...s.meta].join(' · '))}`);
      if (s.kind === 'session') {
        const objectives = s.items.filter((i) => i.kind === 'bullet').map((i) => ('text' in i ? i.text : ''));
        if (objectives.length) list.push(`- ${md(labelled(locale, labels.objectives, objectives.join(locale === 'en' ? '; ' : '；')))}`);
      }
      notes(s, '');
    } else if (s.kind === 'section') {
      if (s.title !== session) list.push(`- ${md(s.title)}`);
      notes(s, s.title !== session ? '  ' : '');
    } else if (s.kind === 'activity' || s.kind === 'script' || s.kind === 'homework') {
      list.push(`  - ${md([s.title, ...s.meta].join(' · '))}`);
      // Homework is listed with its text, and so is an activity or script without a title of its own,
      // whose line names only its kind.
      if (s.kind === 'homework' || s.title === labels[s.kind]) list.push(...markdownList(blockText(s, locale), 4, true));
      notes(s, '    ');
    }
  }
  flush();
  return out;
}

/** A block's text as outline points: its paragraphs and list items, a tip or warning as a labelled point. */
function blockText(s: Slide, locale: Curriculum['locale']): Extract<SlideItem, { kind: 'bullet' }>[] {
  return (s.outline ?? []).flatMap((i) => {
    if (i.kind === 'bullet') return [i];
    if (i.kind === 'callout') return [{ kind: 'bullet' as const, text: labelled(locale, i.label, i.text), level: 0 }];
    return [];
  });
}
