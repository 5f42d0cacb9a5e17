import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './access.js';
import { errorResponse, type ErrorBody } from './responses.js';

/**
 * At most this many heavy requests run at once in the whole process. Clustering and drift
 * statistics run on the main thread, as does the embedded store (PGlite), and model fitting on a
 * worker thread whose results the main thread then stores (models/fit-thread.ts), so every heavy
 * request in flight delays every other request, health checks included: 30 at once held
 * GET /api/health for 25 s. The server is sized for 2 cores; two heavy tasks keep them busy and
 * still leave the event loop turns for light requests between their awaits.
 */
export const maxHeavyWorkInFlight = 2;

/**
 * What a refused caller is told to wait, in seconds. Heavy work takes seconds to a minute; a refusal
 * costs the server nothing, so a script may poll at this pace.
 */
export const heavyWorkRetryAfterSeconds = 10;

export const heavyWorkRefusedResponse = errorResponse(
  `Heavy work is limited to one request at a time per user or API key, and ${maxHeavyWorkInFlight} in the whole server: another is running (HEAVY_WORK_CALLER_RATE_LIMITED, HEAVY_WORK_SERVER_RATE_LIMITED); try again after Retry-After seconds`,
);

// process-wide, as the main thread the limit protects is the process's
const runningByCaller = new Map<string, string>();
let runningCount = 0;
const releaseByRequest = new WeakMap<FastifyRequest, () => void>();

function callerOf(request: FastifyRequest): string {
  const principal: Principal | null = request.principal;
  if (principal?.kind === 'user') return `user:${principal.userId}`;
  if (principal?.kind === 'api-key') return `api-key:${principal.apiKeyId}`;
  return `address:${request.ip}`;
}

// written out as `code: '…'` so the web's error-text test finds them and asks for their translations
const refusalCodes = {
  caller: { code: 'HEAVY_WORK_CALLER_RATE_LIMITED' },
  server: { code: 'HEAVY_WORK_SERVER_RATE_LIMITED' },
} as const;

function refusal(by: keyof typeof refusalCodes, message: string, running: string | undefined): ErrorBody {
  return { error: { code: refusalCodes[by].code, message, details: { ...(running ? { running } : {}), retryAfterSeconds: heavyWorkRetryAfterSeconds } } };
}

function refusalOf(caller: string, work: string): ErrorBody | null {
  const own = runningByCaller.get(caller);
  if (own !== undefined) {
    const message = own === work
      ? `Another ${work} of yours is still running; try again when it finishes.`
      : `Your ${own} is still running; start the ${work} when it finishes.`;
    return refusal('caller', message, own);
  }
  if (runningCount >= maxHeavyWorkInFlight) {
    return refusal('server', `The server is busy with other heavy work (model fits, analyses, persona discovery…); try the ${work} again in a few seconds.`, undefined);
  }
  return null;
}

function releaseSlotOf(request: FastifyRequest): void {
  const release = releaseByRequest.get(request);
  releaseByRequest.delete(request);
  release?.();
}

/**
 * Route hooks for a route whose work is heavy (`work` names it for people: "model validation").
 * Spread into the route's options, after its access and schema have been checked. The slot is
 * freed when the handler has finished, whether it answered or failed: onSend runs for both. A
 * client that hangs up does not free it, since the work goes on; it is freed when the work ends
 * (onResponse is the fallback should an error answer skip onSend).
 */
export function heavyWork(work: string) {
  return {
    preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
      const caller = callerOf(request);
      const refused = refusalOf(caller, work);
      if (refused) return reply.code(429).header('retry-after', String(heavyWorkRetryAfterSeconds)).send(refused);
      runningByCaller.set(caller, work);
      runningCount += 1;
      releaseByRequest.set(request, () => {
        runningByCaller.delete(caller);
        runningCount -= 1;
      });
      return undefined;
    },
    onSend: async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
      releaseSlotOf(request);
      return payload;
    },
    onResponse: async (request: FastifyRequest) => releaseSlotOf(request),
  };
}

/** Heavy requests running now, for tests and diagnostics. */
export function heavyWorkInFlight(): number {
  return runningCount;
}
