import { describe, expect, it } from 'vitest';
import { pastedWords } from '../../../test/helpers/pasted-words.js';
import { describeCopy, type CopyStoreAnswer } from './copy-store-run.js';

const copied = (to: string): CopyStoreAnswer => ({ from: './shop', to, tables: 30, rows: 12_345, sequences: 9, replacedSettings: 0, seconds: 4.2 });

/** The command after "Start Clientele on the copy with:", as a shell splits it when pasted. */
const startCommandWords = (answer: CopyStoreAnswer) => pastedWords(describeCopy(answer).split('Start Clientele on the copy with: ')[1]!);

describe('what copy-store says to start Clientele on the copy', () => {
  it('names a copy in a folder with a space as one word, pasted into a shell', () => {
    const to = '/srv/Klienti 2026/kopija';
    expect(startCommandWords(copied(to))).toEqual(['clientele', 'serve', '--db', to]);
  });

  it('gives DATABASE_URL a URL with ? and & (and the *** of its password) as one word', () => {
    const to = 'postgres://shop:***@127.0.0.1:5432/shop?sslmode=require&application_name=clientele';
    expect(startCommandWords(copied(to))).toEqual([`DATABASE_URL=${to}`, 'clientele', 'serve']);
  });

  it('leaves a plain folder as typed', () => {
    expect(describeCopy(copied('./shop-copy'))).toContain('Start Clientele on the copy with: clientele serve --db ./shop-copy');
  });
});
