// iCalendar files: programs/<p>/schedule.ics (cohorts only) and trainers/<id>.ics. Events carry
// wall-clock times with TZID and a VTIMEZONE of the curriculum's zone, never the machine's local time;
// DTSTAMP is UTC and derived from the edition date, so the same sources give the same bytes.
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { type ICalCalendar, type ICalDayJsStub } from 'ical-generator';
import { fill, type Labels } from '../../i18n/labels.js';
import type { Cohort, Curriculum, Program } from '../../model/types.js';
import { addDays } from '../../schedule/calendar.js';
import type { ProgramSchedule, ScheduledDay, ScheduledItem } from '../../schedule/types.js';
import { dayItemTitle, eventUid, kindLabel, methodsText } from './schedule-items.js';

/** DTSTAMP when no edition date is known (no SOURCE_DATE_EPOCH, no git): fixed, never the wall clock. */
export const FALLBACK_STAMP = '2000-01-01T00:00:00Z';

/** One event before it is written: a dated item of a programme. */
export interface CalendarEvent {
  uid: string;
  date: string;
  start: number;
  end: number;
  summary: string;
  location?: string;
  description: string;
}

/** The event for one item of one cohort's day. */
export function itemEvent(model: Curriculum, labels: Labels, program: Program, cohort: Cohort, date: string, day: ScheduledDay, item: ScheduledItem): CalendarEvent {
  const colon = labels.book.colon;
  const lines = [`${program.title} · ${cohort.name}`, `${fill(labels.day, { n: day.number })} · ${day.title}`, `${labels.kind}${colon}${kindLabel(item, labels)}`];
  if (item.trainer) lines.push(`${item.kind === 'block' ? labels.lead : labels.trainer}${colon}${item.trainer.name}`);
  const methods = methodsText(item, labels, model.locale);
  if (methods) lines.push(`${labels.methods}${colon}${methods}`);
  const objectives = item.session?.objectives ?? [];
  if (objectives.length) lines.push(`${labels.objectives}${colon.trimEnd()}`, ...objectives.map((o) => `- ${o}`));
  if (item.kind === 'block' && day.summary) lines.push(day.summary);
  return {
    uid: eventUid(program, cohort, day, item),
    date,
    start: item.start,
    end: item.end,
    summary: dayItemTitle(day, item, labels),
    location: item.location,
    description: lines.join('\n'),
  };
}

/** Every event of a programme: each session, assessment, activity and block day of each cohort (breaks are not events). */
export function programEvents(model: Curriculum, labels: Labels, program: Program, schedule: ProgramSchedule): CalendarEvent[] {
  const out: CalendarEvent[] = [];
  for (const { cohort, dates } of schedule.cohorts) {
    schedule.days.forEach((day, i) => {
      const date = dates[i];
      if (!date) return;
      for (const item of day.items) if (item.kind !== 'break') out.push(itemEvent(model, labels, program, cohort, date, day, item));
    });
  }
  return out;
}

/** The text of a calendar named `name` with these events, times in the curriculum's zone. */
export function calendarText(model: Curriculum, name: string, events: CalendarEvent[], editionDate: string | undefined): string {
  return serializeCalendar(buildCalendar(model, name, events, editionDate));
}

/** The ical-generator calendar of these events, with the VTIMEZONE of the curriculum's zone. */
export function buildCalendar(model: Curriculum, name: string, events: CalendarEvent[], editionDate: string | undefined): ICalCalendar {
  const zone = model.timezone;
  const vtimezone = zone === 'UTC' ? null : getVtimezoneComponent(zone);
  // ical-generator writes the calendar name unescaped: a line break in a title would start new properties.
  const cal = ical({ prodId: '//cs-train//schedule//EN', name: name.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ') });
  // No calendar-wide zone name: with one, ical-generator writes DTSTAMP in local time instead of UTC.
  cal.timezone({ name: null, generator: (tz) => (tz === zone ? vtimezone : null) });
  const stamp = new Date(editionDate ? `${editionDate}T00:00:00Z` : FALLBACK_STAMP);
  for (const e of events) {
    const event = cal.createEvent({
      id: e.uid,
      stamp,
      start: vtimezone ? wallClock(e.date, e.start) : zonedToUtc(e.date, e.start, zone),
      end: vtimezone ? wallClock(e.date, e.end) : zonedToUtc(e.date, e.end, zone),
      summary: e.summary,
      description: e.description,
      location: e.location ?? null,
    });
    if (vtimezone) event.timezone(zone);
  }
  return cal;
}

/**
 * `cal.toString()`, byte for byte, without its cost: ical-generator folds the whole text with a
 * TextEncoder per character, seconds for thousands of events. The calendar's own lines come from
 * it with the events set aside (their VTIMEZONEs kept), the events from their own `toString()`.
 */
export function serializeCalendar(cal: ICalCalendar): string {
  const events = cal.events();
  if (events.length === 0) return cal.toString();
  const body = events.map((e) => e.toString()).join('');
  // With one event left, the calendar still writes the VTIMEZONEs it uses; that event is cut out again.
  cal.clear().createEvent(events[0]!);
  const one = cal.toString();
  cal.clear().events(events);
  const first = foldLines(events[0]!.toString());
  const at = one.indexOf(first);
  return one.slice(0, at) + foldLines(body) + one.slice(at + first.length);
}

/** Fold lines longer than 75 octets as RFC 5545 asks and as ical-generator does (same output). */
export function foldLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (line.length <= 24) return line;
      let out = '';
      let octets = 0;
      for (const ch of line) {
        const code = ch.codePointAt(0)!;
        const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        octets += size;
        if (octets > 74) {
          out += '\r\n ';
          octets = size;
        }
        out += ch;
      }
      return out;
    })
    .join('\r\n');
}

/**
 * A date and time as written on the wall, for ical-generator's Day.js-style interface: it prints the
 * digits as given, so neither the machine's time zone nor the zone's offset ever enters.
 */
function wallClock(date: string, minutes: number): ICalDayJsStub {
  const day = minutes >= 1440 ? addDays(date, Math.floor(minutes / 1440)) : date;
  const m = minutes % 1440;
  const ymd = day.replaceAll('-', '');
  const hms = `${String(Math.floor(m / 60)).padStart(2, '0')}${String(m % 60).padStart(2, '0')}00`;
  const self: ICalDayJsStub = {
    format: (f) => (f === 'YYYYMMDD' ? ymd : f === 'HHmmss' ? hms : `${ymd}T${hms}`),
    isValid: () => true,
    // Only compared with other wall-clock times of the same day.
    toDate: () => new Date(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8)), Math.floor(m / 60), m % 60)),
    toJSON: () => `${day}T${hms.slice(0, 2)}:${hms.slice(2, 4)}:00`,
    tz: () => self,
    utc: () => self,
  };
  return self;
}

/** The UTC instant of a wall-clock time in a zone (used when no VTIMEZONE is available for it). */
export function zonedToUtc(date: string, minutes: number, zone: string): Date {
  const [y, mo, d] = date.split('-').map(Number);
  const guess = Date.UTC(y!, mo! - 1, d!, 0, minutes);
  const first = guess - offsetAt(guess, zone);
  return new Date(guess - offsetAt(first, zone));
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000;
}
