// The computed schedule: every output that shows times or dates reads these objects.
import type { Assessment, Cohort, DayTemplate, Session, SourceRef, TrainerRef } from '../model/types.js';

/** One row of a day: a session, assessment, free activity, break, or a block's full day. */
export interface ScheduledItem {
  kind: 'session' | 'assessment' | 'activity' | 'break' | 'block';
  title: string;
  /** Minutes after midnight. */
  start: number;
  end: number;
  /** Teaching minutes (for a block day: the template's working minutes; breaks: their length). */
  minutes: number;
  /** Position of the item in its day as written (0-based); undefined for breaks, 0 for a block day. */
  index?: number;
  session?: Session;
  assessment?: Assessment;
  trainer?: TrainerRef;
  location?: string;
  ref?: SourceRef;
}

/** One calendar day of a programme (a block contributes one of these per day). */
export interface ScheduledDay {
  /** 1-based position among all days of the programme. */
  number: number;
  kind: 'day' | 'block';
  title: string;
  location?: string;
  summary?: string;
  /** For a block: which of its days this is (1-based) and how many it has. */
  blockDay?: { index: number; of: number };
  /** First item's start and last item's end (minutes after midnight). */
  start: number;
  end: number;
  /** The day template the day was laid out on (a block day: the programme's). */
  template: DayTemplate;
  items: ScheduledItem[];
  /** Teaching minutes, breaks excluded. */
  minutes: number;
  ref: SourceRef;
}

/** The dates of one cohort, one per scheduled day. */
export interface CohortDates {
  cohort: Cohort;
  /** YYYY-MM-DD per day, aligned with ScheduledDay order (shorter only when the calendar has no workdays). */
  dates: string[];
}

/** A programme's whole schedule. */
export interface ProgramSchedule {
  days: ScheduledDay[];
  cohorts: CohortDates[];
  /** Teaching minutes of one run, blocks counted as full working days. */
  minutes: number;
}
