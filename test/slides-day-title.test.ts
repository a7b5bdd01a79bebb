// A day deck's title slide lists the day's date in every cohort: one line per cohort with its name,
// or, for a programme that runs every month, the dates alone, three to a line, so it stays one slide.
import { describe, expect, it } from 'vitest';
import { expectedSlides } from './slides-helpers.js';
import { fixture, ROOT } from './helpers/cli.js';
import { join } from 'node:path';

function bullets(slide: { items: { kind: string; text?: string }[] }): string[] {
  return slide.items.filter((i) => i.kind === 'bullet').map((i) => i.text ?? '');
}

describe("a day's title slide", () => {
  it('names each cohort when there are a few, and shares lines between the dates of twelve', async () => {
    const slides = await expectedSlides(join(ROOT, 'curricula'));
    expect(bullets(slides.get('programs/onboarding/slides/day-01.md')![0]!)).toEqual(['2027年3月班：2027-03-01 周一', '2027年5月班：2027-05-10 周一']);
    const monthly = slides.get('programs/monthly-intensive/slides/day-01.md')!;
    expect(bullets(monthly[0]!)).toEqual([
      '2027-01-21 周四、2027-02-18 周四、2027-03-18 周四',
      '2027-04-15 周四、2027-05-20 周四、2027-06-17 周四',
      '2027-07-15 周四、2027-08-26 周四、2027-09-16 周四',
      '2027-10-21 周四、2027-11-25 周四、2027-12-16 周四',
    ]);
    expect(monthly[1]!.kind).not.toBe('day');
  });

  it('gives a cohort without a name (a bare start date) its date once, not the date as its label too', async () => {
    const en = await expectedSlides(fixture('valid/slides-en'));
    expect(bullets(en.get('programs/induction/slides/day-01.md')![0]!)).toEqual(['2027-03-01 Mon']);
    const edge = await expectedSlides(fixture('valid/slides-edge'));
    expect(bullets(edge.get('programs/onboarding/slides/day-01.md')![0]!)).toEqual(['春季班：2027-03-01 周一', '2027-09-06 周一']);
    // On a later day the start date still tells which cohort the date is for.
    const later = [...edge.entries()].find(([path]) => path.startsWith('programs/onboarding/slides/') && !path.endsWith('day-01.md'))!;
    expect(bullets(later[1][0]!).some((b) => b.startsWith('2027-09-06：2027-09-'))).toBe(true);
  });
});
