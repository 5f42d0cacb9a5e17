import type { SegmentLosingPersonas } from '../segments/index.js';

/** A segment a discovery leaves naming retired personas; counts are null to a caller who may not read members. */
export type SegmentLosingPersonasShown = Omit<SegmentLosingPersonas, 'membersBefore' | 'membersAfter'> & { membersBefore: number | null; membersAfter: number | null };

/** Names in quotes, since a persona's generated name holds commas of its own ("young low-spend small-basket, coffee"). */
export const quotedNames = (names: readonly string[]) => names.map((name) => JSON.stringify(name)).join(', ');

/** One line per segment: which personas it names that are gone, and its members before → after when known. */
export function segmentLossLines(segments: readonly SegmentLosingPersonasShown[]): string[] {
  return segments.map((segment) => {
    const counts = segment.membersBefore === null || segment.membersAfter === null ? '' : `: ${segment.membersBefore.toLocaleString('en')} → ${segment.membersAfter.toLocaleString('en')} members`;
    return `segment #${segment.segmentId} ${JSON.stringify(segment.name)} names ${quotedNames(segment.personas)}${counts}`;
  });
}

/** What a marketer does about it after the fact: the segment is theirs to edit, and pinning keeps a persona the next time. */
export const afterRetirementAdvice = 'They match no one by those personas now: edit each segment to name a current persona (`clientele segments update <id> --filter …`, or PATCH /api/segments/{id}). '
  + 'Next time, pin the personas segments name before rediscovering to keep them (`clientele personas pin <id>`, or PATCH /api/personas/{id} with isPinned true).';

/**
 * Why a discovery was refused: it would retire personas live segments select by, emptying them in silence as a
 * campaign tool would never do to an audience without asking. `retired`: the personas, with the ids to pin.
 */
export function retirementConflictMessage(segments: readonly SegmentLosingPersonasShown[], retired: ReadonlyArray<{ personaId: number; name: string }>): string {
  const pins = retired.map((persona) => `\`clientele personas pin ${persona.personaId}\` (${JSON.stringify(persona.name)})`).join(', ');
  return `This discovery would retire personas that saved segments select by: ${segmentLossLines(segments).join('; ')}. Nothing was changed. `
    + `Pin the personas to keep them (${pins}, or PATCH /api/personas/{id} with isPinned true) and discover again, or edit the segments; `
    + 'to discover anyway, leaving those segments without their personas, repeat with --retire-segment-personas (API: "retireSegmentPersonas": true).';
}
