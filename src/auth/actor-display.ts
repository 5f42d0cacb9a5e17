/** How a reader shows actors (actorForDisplay). */
export type ActorShown = { canReadStaffEmails?: boolean; showActor?: (actor: string) => string };

/**
 * An actor (formats in caller.ts) as shown outside the audit log. A person's
 * actor carries their email, which the audit log keeps from roles and keys
 * without `audit:read`; merges, customer timelines and import runs are read by
 * those too, so there a person is named by their user id alone:
 * `user:5:ana@shop.example` → `user:5`. Not their role: the actor does not
 * record the role they held then, and today's could mislead. Keys, the command
 * line and `system` name no person and stay as written. A caller who may read
 * the audit log may be shown the actor whole (`canReadStaffEmails`). A reader with a rule of its own
 * gives it (`showActor`: the subject access export names actors by kind and role only).
 */
export function actorForDisplay(actor: string, options: ActorShown = {}): string {
  if (options.showActor) return options.showActor(actor);
  if (options.canReadStaffEmails) return actor;
  return /^(user:\d+):/.exec(actor)?.[1] ?? actor;
}
