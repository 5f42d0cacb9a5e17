import type { SegmentProblem } from '../../segments/index.js';
import { clienteleCommand } from '../store-command.js';
import { grouped, localTime, timesNote } from '../format.js';

/** A saved segment's problem as a sentence, with what it leaves the segment and what to do. */
export function segmentProblemText(problem: SegmentProblem, segment: { segment_id: number; member_count: number }): string {
  const gone = problem.retiredAt === null ? 'no persona ever had that name' : `it was retired by the discovery of ${localTime(problem.retiredAt)} ${timesNote()}`;
  return `No persona is called ${JSON.stringify(problem.value)} any more: ${gone}; members: ${grouped(segment.member_count)}. `
    + `Edit the filter to name a current persona (\`${clienteleCommand(`segments update ${segment.segment_id} --filter …`)}\`; \`${clienteleCommand('personas list')}\` lists them).`;
}

/** Warning lines under a list of segments: one per problem, led by the segment. */
export function segmentsProblemLines(segments: ReadonlyArray<{ segment_id: number; name: string; member_count: number; problems: SegmentProblem[] }>): string[] {
  return segments.flatMap((segment) => segment.problems.map((problem) => `warning: segment #${segment.segment_id} ${JSON.stringify(segment.name)}: ${segmentProblemText(problem, segment)}`));
}
