import { describe, expect, it } from 'vitest';
import { exportHeadingHeight, exportHeadingLines } from './export-heading.js';

describe('the heading of a downloaded chart image', () => {
  it('writes the chart\'s title and the day its report stands on, as the card says it', () => {
    expect(exportHeadingLines('RFM segmenti: lielums un vērtība', ' Uz 1998. gada 30. jūn. ')).toEqual(['RFM segmenti: lielums un vērtība', 'Uz 1998. gada 30. jūn.']);
  });

  it('writes the title alone on a card that names no day, and leaves room for each line', () => {
    expect(exportHeadingLines('Cohort retention', null)).toEqual(['Cohort retention']);
    expect(exportHeadingHeight(['a', 'b'])).toBeGreaterThan(exportHeadingHeight(['a']));
  });
});
