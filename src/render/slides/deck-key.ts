// The output cache's key for one teaching day's deck, made without reading a session tree: a
// session's body is named by its content key (SHA-256 of its text, which also fixes the places of
// its nodes and the script lines taken back from the text), everything else the deck, its
// pagination, its Marp text, its PPTX and its part of the outline read is listed here. The places
// of the day and of its items in the programme file are left out on purpose: warnings name them by
// role and find them when reported (see deck-entry.ts), so editing the programme elsewhere still hits.
import { createHash } from 'node:crypto';
import type { Labels } from '../../i18n/labels.js';
import type { Curriculum, Program } from '../../model/types.js';
import type { ProgramSchedule, ScheduledDay, ScheduledItem } from '../../schedule/types.js';

/** What the key of a day's deck is made from. */
export interface DeckKeyInput {
  model: Curriculum;
  program: Program;
  schedule: ProgramSchedule;
  day: ScheduledDay;
  /** `labelsDigest(labels)`, computed once per build. */
  labels: string;
  /** The date stamped into the PPTX package. */
  date: string;
}

/** A digest of every label, so a relabelled build misses. */
export function labelsDigest(labels: Labels): string {
  return createHash('sha256').update(JSON.stringify(labels)).digest('hex');
}

/** The key input of one day's deck. */
export function deckKey({ model, program, schedule, day, labels, date }: DeckKeyInput): string {
  const index = schedule.days.indexOf(day);
  return JSON.stringify([
    'deck@1',
    date,
    labels,
    model.locale,
    model.organization ?? null,
    program.id,
    program.title,
    schedule.cohorts.map(({ cohort, dates }) => [cohort.name, dates[index] ?? null, dates[index] !== undefined && model.extraWorkdays.includes(dates[index])]),
    [day.number, day.kind, day.title, day.location ?? null, day.summary ?? null, day.ref.file],
    day.items.map(itemKey),
  ]);
}

function itemKey(item: ScheduledItem): unknown[] {
  const { session, assessment, trainer } = item;
  return [
    item.kind,
    item.title,
    item.start,
    item.end,
    item.minutes,
    trainer ? [trainer.kind, trainer.id, trainer.name] : null,
    item.location ?? null,
    item.ref?.file ?? null,
    session ? [session.id, session.file, session.contentKey, session.title, session.objectives] : null,
    assessment ? [assessment.id, assessment.kind, assessment.title, assessment.passMark ?? null] : null,
  ];
}
