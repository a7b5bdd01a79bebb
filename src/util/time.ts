// Clock and duration formatting shared by the schedule and every renderer.

/** "09:05" from minutes after midnight. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * Hours with at most two decimals, e.g. 7.5 or 6.75: a day of 405 minutes printed as 6.8 made 25 days
 * look like 170 hours on a page that says 168.8; quarter hours, the usual unit of a timetable, are exact.
 */
export function hours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** The date stamped into packaged outputs (PPTX, PDF) when a build has no edition date: fixed, never the clock. */
export const FALLBACK_EDITION_DATE = '1980-01-01';
