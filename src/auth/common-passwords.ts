/**
 * NIST 800-63B asks that a chosen password not be one from lists of commonly used or breached
 * passwords. The list is zxcvbn-ts's (about 49,000 passwords, lower case, from breach corpora);
 * only membership counts, not a strength score, so what is accepted stays predictable. It is loaded
 * on first use: decompressing it takes some 20 ms, which commands that set no password need not pay,
 * and it stays out of the web app, which learns of a refusal from the server.
 */
let commonPasswords: Promise<ReadonlySet<string>> | null = null;

function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  commonPasswords ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => new Set(dictionary['passwords-common']));
  return commonPasswords;
}

/** Whether `password`, in any letter case ("Password12" is as common as "password12"), is on the list. */
export async function isCommonPassword(password: string): Promise<boolean> {
  return (await loadCommonPasswords()).has(password.toLowerCase());
}
