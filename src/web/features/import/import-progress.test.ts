import { describe, expect, it } from 'vitest';
import { progressHeading } from './import-progress.js';

describe('what the import\'s progress is headed', () => {
  it('says a run the user cancelled was cancelled, not finished', () => {
    expect(progressHeading({ ending: 'cancelled' }, true, false)).toBe('import.cancelled');
    expect(progressHeading({ ending: 'cancelled' }, true, true)).toBe('import.cancelled');
  });

  it('says finished only of a run whose every batch was sent, apart when nothing was imported', () => {
    expect(progressHeading({ ending: 'completed' }, true, false)).toBe('import.finished');
    expect(progressHeading({ ending: 'completed' }, true, true)).toBe('import.finishedNothing');
  });

  it('says stopped when an error ended the run, and importing while it runs', () => {
    expect(progressHeading({ ending: null }, true, false)).toBe('import.stopped');
    expect(progressHeading({ ending: null }, false, false)).toBe('import.running');
  });
});
