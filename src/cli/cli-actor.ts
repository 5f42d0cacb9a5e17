import { userInfo } from 'node:os';

/** Who runs a command, as the audit log names them: `cli:<login>` (`cli:unknown` where the login cannot be read). */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}
