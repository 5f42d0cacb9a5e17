import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { createProgram } from './program.js';
import { clienteleCommand, suggestCommandsFor, withStoreInCommands, withStoreInError } from './store-command.js';

/** The program as a command line with these global options left it. */
function parsedWith(...options: string[]) {
  const { program } = createProgram();
  program.parseOptions(options);
  suggestCommandsFor(program);
}

describe('the commands the CLI suggests', () => {
  afterEach(() => parsedWith());

  it('name the store given with --db, as one shell word', () => {
    parsedWith('--db', './riga');
    expect(clienteleCommand('settings set --country ID')).toBe('clientele --db ./riga settings set --country ID');
    parsedWith('--db', './my store');
    expect(clienteleCommand('analyze')).toBe('clientele --db "./my store" analyze');
    parsedWith('--db', 'postgres://u@host/db?options=-c%20search_path%3Dx&ssl=1');
    expect(clienteleCommand('analyze')).toBe("clientele --db 'postgres://u@host/db?options=-c%20search_path%3Dx&ssl=1' analyze");
  });

  it('do not echo a database URL\'s password', () => {
    parsedWith('--db', 'postgres://clientele:s3cret@db.example:5432/shop');
    expect(clienteleCommand('analyze')).toBe("clientele --db 'postgres://clientele:***@db.example:5432/shop' analyze");
    expect(withStoreInCommands('Run `clientele analyze`.')).not.toContain('s3cret');
    // a URL the WHATWG parser refuses (an empty host with a socket directory), a password in the query
    parsedWith('--db', 'postgres://u:pw@/db?host=/var/run/postgresql');
    expect(clienteleCommand('import')).toBe("clientele --db 'postgres://u:***@/db?host=/var/run/postgresql' import");
    parsedWith('--db', 'postgresql://db.example/shop?user=u&password=s3cret&sslpassword=k3y&sslmode=require');
    expect(clienteleCommand('analyze')).toBe("clientele --db 'postgresql://db.example/shop?user=u&password=***&sslpassword=***&sslmode=require' analyze");
    parsedWith('--db', './p@ss:word');
    expect(clienteleCommand('analyze')).toBe('clientele --db ./p@ss:word analyze');
  });

  it('leave quoted values and words inside paths alone', () => {
    parsedWith('--db', './riga');
    expect(withStoreInCommands('amount "see clientele segments" is not a number; run clientele segments list')).toBe(
      'amount "see clientele segments" is not a number; run clientele --db ./riga segments list');
    expect(withStoreInCommands('cannot read /opt/clientele import.csv (ENOENT)')).toBe('cannot read /opt/clientele import.csv (ENOENT)');
    expect(withStoreInCommands('clientele analyze, then (clientele report types)')).toBe('clientele --db ./riga analyze, then (clientele --db ./riga report types)');
  });

  it('name no store when none was given: the environment finds it again', () => {
    parsedWith();
    expect(clienteleCommand('analyze')).toBe('clientele analyze');
    expect(withStoreInCommands('Run `clientele migrate` first.')).toBe('Run `clientele migrate` first.');
  });

  it('give a domain\'s commands the store, but not a command naming its own store, nor words that are no command', () => {
    parsedWith('--db', './riga');
    expect(withStoreInCommands('Run `clientele migrate` first, then clientele orders show web:1.')).toBe('Run `clientele --db ./riga migrate` first, then clientele --db ./riga orders show web:1.');
    expect(withStoreInCommands('Use a new directory, e.g. `clientele --db ./demo-store demo load cdnow`.')).toBe('Use a new directory, e.g. `clientele --db ./demo-store demo load cdnow`.');
    expect(withStoreInCommands('a clientele customer of ours')).toBe('a clientele customer of ours');
  });

  it('leave a command for a new store as it is, and keep the error\'s code and details', () => {
    parsedWith('--db', './riga');
    const fixed = new AppError('SETTINGS_FIXED_CONFLICT', 'start a new store … or with `clientele settings set --currency USD` before its first import', { field: 'currency' });
    expect(withStoreInError(fixed)).toBe(fixed);
    const missing = new AppError('PERSONAS_MISSING', 'Run `clientele personas discover` first.', { hint: 'clientele analyze', field: 'x' });
    expect(withStoreInError(missing)).toMatchObject({ code: 'PERSONAS_MISSING', message: 'Run `clientele --db ./riga personas discover` first.', details: { hint: 'clientele --db ./riga analyze', field: 'x' } });
  });
});
