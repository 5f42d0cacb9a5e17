import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The words a POSIX shell (/bin/sh) makes of a command a person pastes, as `printf` receives them: a folder
 * with a space left unquoted comes back as two words, a URL's `&` unquoted ends the command early. Run in an
 * empty folder, so a `?` or `*` the shell would glob matches no file.
 */
export function pastedWords(command: string): string[] {
  const directory = mkdtempSync(join(tmpdir(), 'clientele-pasted-'));
  try {
    const output = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${command}`], { cwd: directory, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return output.split('\0').slice(0, -1);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The commands a text gives in backticks for a person to paste. */
export function backtickedCommands(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}
