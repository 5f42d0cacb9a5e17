import { describe, expect, it } from 'vitest';
import { calendarDayIn } from '../core/clock.js';
import { demoDatasets } from './datasets.js';

describe('demo data sets', () => {
  it.each([
    { name: 'cdnow', lastDay: '1998-06-30' },
    { name: 'groceries', lastDay: '2015-12-30' },
    { name: 'online-retail', lastDay: '2010-12-05' },
  ])('analyses $name as of its last day, $lastDay, read as an instant or as a day', ({ name, lastDay }) => {
    const dataset = demoDatasets.find((candidate) => candidate.name === name)!;
    expect(calendarDayIn(new Date(dataset.asOf), dataset.timeZone)).toBe(lastDay);
    expect(dataset.asOf.slice(0, 10)).toBe(lastDay);
  });

  it('puts every data set\'s as-of on the same day however it is read', () => {
    for (const dataset of demoDatasets) expect(calendarDayIn(new Date(dataset.asOf), dataset.timeZone)).toBe(dataset.asOf.slice(0, 10));
  });
});
