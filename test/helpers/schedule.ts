// Reading schedule outputs back with real clients: ical.js for .ics (times as UTC instants through
// the file's own VTIMEZONE), csv-parse for .csv.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import ICAL from 'ical.js';

/** One VEVENT as a calendar client sees it. */
export interface ParsedEvent {
  uid: string;
  summary: string;
  location: string | null;
  description: string;
  /** ISO instants in UTC. */
  start: string;
  end: string;
  /** TZID of DTSTART as written. */
  tzid: string | null;
  stamp: string;
}

/** Parse an iCalendar text; its VTIMEZONEs are registered so TZID times resolve to instants. */
export function parseIcs(text: string): { events: ParsedEvent[]; timezones: string[]; calendar: ICAL.Component } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezones = calendar.getAllSubcomponents('vtimezone').map((vtz) => {
    const tz = new ICAL.Timezone(vtz);
    ICAL.TimezoneService.register(tz);
    return tz.tzid;
  });
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    const instant = (t: ICAL.Time) => new Date(t.toUnixTime() * 1000).toISOString().replace('.000', '');
    return {
      uid: e.uid,
      summary: e.summary,
      location: e.location ?? null,
      description: e.description,
      start: instant(e.startDate),
      end: instant(e.endDate),
      tzid: (v.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? null,
      stamp: String(v.getFirstPropertyValue('dtstamp')),
    };
  });
  return { events, timezones, calendar };
}

/** Parse a CSV file's bytes into rows of strings (BOM stripped by the parser). */
export function parseCsv(bytes: Buffer): string[][] {
  return parse(bytes, { bom: true }) as string[][];
}

/** Every file under a folder, as forward-slash paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push(relative(dir, abs).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

/** The text of an output file. */
export function readOut(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}
