// Clock and duration formatting shared by the schedule and every renderer.

/** "09:05" from minutes after midnight. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Hours with at most one decimal, e.g. 7.5. */
export function hours(minutes: number): number {
  return Math.round((minutes / 60) * 10) / 10;
}
