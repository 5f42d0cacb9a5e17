import { rolesWithPermission } from '../../auth/permissions.js';
import type { Permission } from '../api/types.js';
import { matchPath } from './router.js';
import { parseRouteIds } from './route-ids.js';

export type RouteRule = { pattern: string; permission: Permission };

/**
 * What an address opens for the signed-in user: the page (`ids`: its `…Id` parameters, parsed);
 * `forbidden`, a page that exists but their role may not open, with the roles that may
 * (`allowedRoles`, in the order roles are listed), so the page can say whom to ask; or
 * `not-found`, an address no page has (`/customers/abc`, an id no page takes, included).
 */
export type RouteAccess<R extends RouteRule> =
  | { kind: 'page'; route: R; ids: Record<string, number> }
  | { kind: 'forbidden'; route: R; allowedRoles: string[] }
  | { kind: 'not-found' };

export function routeAccess<R extends RouteRule>(routes: readonly R[], path: string, can: (permission: Permission) => boolean): RouteAccess<R> {
  for (const route of routes) {
    const parameters = matchPath(route.pattern, path);
    if (parameters === null) continue;
    const ids = parseRouteIds(parameters);
    if (ids === null) return { kind: 'not-found' };
    if (!can(route.permission)) return { kind: 'forbidden', route, allowedRoles: rolesWithPermission(route.permission) };
    return { kind: 'page', route, ids };
  }
  return { kind: 'not-found' };
}
