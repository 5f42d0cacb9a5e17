import { describe, expect, it } from 'vitest';
import { backtickedCommands, pastedWords } from '../../test/helpers/pasted-words.js';
import { unfinishedDemoLoadLines } from './unfinished-load.js';

const commandsIn = (lines: string[]) => lines.flatMap(backtickedCommands).map(pastedWords);

describe('the commands serve gives to finish a demo load stopped part-way', () => {
  it('name an embedded store in a folder with a space as one word, pasted into a shell', () => {
    const location = '/srv/Klienti 2026/veikals';
    expect(commandsIn(unfinishedDemoLoadLines({ kind: 'embedded', location }, 'synthetic'))).toEqual([
      ['clientele', '--db', location, 'demo', 'load', 'synthetic'],
      ['clientele', '--db', location, 'serve'],
    ]);
    expect(commandsIn(unfinishedDemoLoadLines({ kind: 'embedded', location }, 'cdnow'))).toEqual([
      ['clientele', '--db', location, 'demo', 'load', 'cdnow'],
    ]);
  });

  it('keep a folder named with what a shell reads as its own ($, a quote, &) as written', () => {
    const location = "/home/anna/Anna's $HOME & co";
    expect(commandsIn(unfinishedDemoLoadLines({ kind: 'embedded', location }, 'groceries'))).toEqual([
      ['clientele', '--db', location, 'demo', 'load', 'groceries'],
    ]);
  });

  it('leave a plain folder as typed, and a server store to DATABASE_URL', () => {
    expect(unfinishedDemoLoadLines({ kind: 'embedded', location: './shop' }, 'cdnow').join('\n')).toContain('`clientele --db ./shop demo load cdnow`');
    expect(commandsIn(unfinishedDemoLoadLines({ kind: 'server', location: 'postgres://shop@db/shop?sslmode=require&application_name=x' }, 'synthetic'))).toEqual([
      ['clientele', 'demo', 'load', 'synthetic'],
      ['clientele', 'serve', '--demo'],
    ]);
  });
});
