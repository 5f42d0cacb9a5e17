import { AppError } from '../../core/errors.js';
import { textOrAtFile } from './at-file.js';

/** `--filter '{"field": …}'` or `--filter @path/to/filter.json`. */
export function readFilterOption(value: string): unknown {
  const text = textOrAtFile(value, 'filter');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('SEGMENT_FILTER_INVALID', `The filter is not valid JSON: ${(error as Error).message}`, { hint: 'quote the JSON in single quotes, or pass @file.json' });
  }
}
