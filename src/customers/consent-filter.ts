import { z } from 'zod';
import { consentKinds, type ConsentKind } from './consent-kinds.js';

/**
 * "Has agreed to X": only a recorded yes passes. A customer never asked (null) may not be sent a
 * campaign any more than one who said no, so a marketer's export must leave them out too.
 */
export const consentFilterSchema = z.string().trim().max(20).optional().transform((text, context): ConsentKind | undefined => {
  if (!text) return undefined;
  const kind = consentKinds.find((candidate) => candidate === text.toLowerCase());
  if (kind !== undefined) return kind;
  context.addIssue({ code: 'custom', message: `"${text}" is not a kind of consent. Use one of: ${consentKinds.join(', ')}` });
  return z.NEVER;
}).describe(`only customers who agreed to this (a recorded yes; never asked counts as no); one of ${consentKinds.join(', ')}`);
