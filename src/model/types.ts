// The resolved, typed curriculum that every renderer consumes. Built once from validated sources;
// renderers never re-check input.
import type { Root as MdastRoot } from 'mdast';
import type { Place } from '../diagnostics/diagnostics.js';
import type { BodyFacts } from '../markdown/body-facts.js';
import type { Method } from '../schema/common.js';
import type { Locale, Weekday } from '../schema/curriculum.js';
import type { ProgramSchedule } from '../schedule/types.js';

/** Where a model element was written, for diagnostics raised after loading. */
export interface SourceRef {
  file: string;
  place: Place;
}

/** A break inside a day, in minutes after midnight. */
export interface BreakSlot {
  start: number;
  end: number;
  title?: string;
}

/** A resolved day template, in minutes after midnight. */
export interface DayTemplate {
  start: number;
  end: number;
  breaks: BreakSlot[];
}

/** Who delivers an item: a named trainer, a role, or a free-text name. */
export interface TrainerRef {
  kind: 'trainer' | 'role' | 'text';
  /** Trainer or role id; for free text, the text itself. */
  id: string;
  /** Display name (trainer name, role title, or the text). */
  name: string;
}

/** A named trainer from curriculum.yaml. */
export interface Trainer {
  id: string;
  name: string;
  title?: string;
  email?: string;
}

/** A competency from curriculum.yaml. */
export interface Competency {
  id: string;
  title: string;
}

/** A customer-service role. */
export interface Role {
  id: string;
  file: string;
  title: string;
  summary?: string;
  responsibilities: string[];
  competencies: string[];
  reportsTo?: string;
}

/** A local file referenced from Markdown, to be copied into the output. */
export interface Asset {
  /** Path relative to the source folder, forward slashes. */
  sourcePath: string;
  abs: string;
}

/** One lesson, parsed once to mdast. */
export interface Session {
  /** "<module-id>/<session-id>" */
  id: string;
  moduleId: string;
  slug: string;
  file: string;
  title: string;
  minutes: number;
  methods: Method[];
  trainer?: TrainerRef;
  location?: string;
  objectives: string[];
  materials: string[];
  competencies: string[];
  /** What the rules and the handbook read from the body (blocks, URLs, raw HTML), without its tree. */
  facts: BodyFacts;
  /**
   * The body, positions matching the file. Trainer blocks are still in it. For a session read from
   * the cache this is a getter that decodes the tree on first use: read it only to show the body.
   */
  readonly mdast: MdastRoot;
  /** SHA-256 of the file's text: names the body in keys of rendered pieces (equal text, equal tree). */
  contentKey: string;
  assets: Asset[];
}

/** A module: an ordered group of sessions. */
export interface Module {
  id: string;
  file: string;
  title: string;
  summary?: string;
  sessions: Session[];
}

/** A question of an exam. */
export interface Question {
  index: number;
  prompt: string;
  type: 'single' | 'multiple' | 'true-false' | 'short';
  options: string[];
  /** 1-based option numbers for single/multiple; boolean for true-false; accepted texts for short. */
  answer: number[] | boolean | string[];
  /** Of a short question: its answer was written as a list of accepted texts (marked exactly), not one model answer. */
  accepted?: true;
  points: number;
  competency?: string;
  explanation?: string;
}

/** An assessment: exam, practical, role-play or review. */
export interface Assessment {
  id: string;
  file: string;
  title: string;
  kind: 'exam' | 'practical' | 'role-play' | 'review';
  minutes?: number;
  passMark?: number;
  totalPoints: number;
  instructions?: string;
  competencies: string[];
  questions: Question[];
  rubric: { criterion: string; points: number; description?: string }[];
  scenarios: { customer: string; situation: string; expected: string }[];
}

/** An item of a teaching day as written (before scheduling). */
export type DayItem =
  | { kind: 'session'; session: Session; start?: number; trainer?: TrainerRef; location?: string; ref: SourceRef }
  | { kind: 'assessment'; assessment: Assessment; start?: number; trainer?: TrainerRef; location?: string; ref: SourceRef }
  | { kind: 'activity'; title: string; minutes: number; start?: number; trainer?: TrainerRef; location?: string; ref: SourceRef };

/** A teaching day of a programme. */
export interface TeachingDay {
  kind: 'day';
  title: string;
  location?: string;
  summary?: string;
  template: DayTemplate;
  items: DayItem[];
  ref: SourceRef;
}

/** A multi-day block of full workdays (practice, shadowing, case work). */
export interface BlockDays {
  kind: 'block';
  title: string;
  days: number;
  location?: string;
  lead?: TrainerRef;
  summary?: string;
  ref: SourceRef;
}

/** A dated run of a programme. */
export interface Cohort {
  /** Stable id derived from the start date and position, used in UIDs and file names. */
  id: string;
  name: string;
  start: string;
  ref: SourceRef;
}

/** A training programme for one or more roles. */
export interface Program {
  id: string;
  file: string;
  title: string;
  summary?: string;
  roles: string[];
  cohorts: Cohort[];
  template: DayTemplate;
  days: (TeachingDay | BlockDays)[];
}

/** The whole resolved curriculum. */
export interface Curriculum {
  /** Absolute source folder. */
  sourceDir: string;
  title: string;
  organization?: string;
  locale: Locale;
  timezone: string;
  template: DayTemplate;
  workdays: Weekday[];
  holidays: string[];
  /** Dates worked although their weekday is not a workday (调休上班), sorted. */
  extraWorkdays: string[];
  competencies: Competency[];
  trainers: Trainer[];
  minHoursPerYear?: number;
  roles: Role[];
  modules: Module[];
  sessions: Map<string, Session>;
  programs: Program[];
  assessments: Assessment[];
  /** The computed schedule of each programme, by programme id (filled by the schedule stage). */
  schedules: Map<string, ProgramSchedule>;
}
