import { createHmac } from 'node:crypto';
import type { IdentityTriple } from './identity-resolution.js';

/** The identities that can bring an erased person back through a feed: not external ids (a shop's own numbering) nor names. */
export type SuppressedKind = 'email' | 'phone';

export const isSuppressible = (identity: Pick<IdentityTriple, 'kind'>): identity is IdentityTriple & { kind: SuppressedKind } =>
  identity.kind === 'email' || identity.kind === 'phone';

/**
 * The digest kept for an identity (already normalised: an email as normaliseEmail, a phone in E.164):
 * HMAC-SHA-256 keyed by the store's secret, so a list of emails hashed elsewhere matches nothing here.
 * The kind is part of the message: an email and a phone never share a digest.
 */
export function suppressionDigest(key: Buffer, kind: SuppressedKind, value: string): Buffer {
  return createHmac('sha256', key).update(`${kind}\n${value}`).digest();
}
