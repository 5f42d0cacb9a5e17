import { randomBytes } from 'node:crypto';

/**
 * API keys read `clt_<prefix>_<secret>`. The prefix (public, stored as is) finds
 * the row with one index probe and lets people tell keys apart in lists and
 * logs; only a hash of the secret is stored. Hex keeps `_` a safe separator and
 * the key copy-pasteable with a double click.
 */
export const apiKeyPattern = /^clt_([0-9a-f]{12})_([0-9a-f]{64})$/;

export type ApiKeyParts = { prefix: string; secret: string };

export function formatApiKey(parts: ApiKeyParts): string {
  return `clt_${parts.prefix}_${parts.secret}`;
}

/** Null for anything that is not a well-formed key, so callers answer 401 without a lookup. */
export function parseApiKey(raw: string): ApiKeyParts | null {
  const match = apiKeyPattern.exec(raw.trim());
  return match ? { prefix: match[1], secret: match[2] } : null;
}

export function generateApiKeyParts(random: (bytes: number) => Buffer = randomBytes): ApiKeyParts {
  return { prefix: random(6).toString('hex'), secret: random(32).toString('hex') };
}

/** The key from an `Authorization: Bearer <key>` header, or null. */
export function bearerTokenOf(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
