import { describe, expect, it } from 'vitest';
import { permissionsByRole, roles } from '../../auth/permissions.js';
import type { Locale, Permission } from '../api/types.js';
import { roleCannotOpenText } from '../components/not-found-page.js';
import { lookupMessage, messagesByLocale } from '../i18n/messages.js';
import { routes } from './app-routes.js';
import { routeAccess } from './route-access.js';

const canAs = (role: (typeof roles)[number]) => (permission: Permission) => permissionsByRole[role].has(permission);
const i18nIn = (locale: Locale) => ({ locale, t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables) });

describe('what an address opens', () => {
  it.each(['/settings/api-keys', '/settings/audit', '/settings/team'])('tells a marketer that %s is for owners and admins, not that it does not exist', (path) => {
    const access = routeAccess(routes, path, canAs('marketer'));
    expect(access.kind).toBe('forbidden');
    expect(access.kind === 'forbidden' && access.allowedRoles).toEqual(['owner', 'admin']);
    expect(routeAccess(routes, path, canAs('admin')).kind).toBe('page');
  });

  it('tells an analyst that the import is for those who import', () => {
    const access = routeAccess(routes, '/import', canAs('analyst'));
    expect(access.kind === 'forbidden' && access.allowedRoles).toEqual(['owner', 'admin', 'marketer']);
  });

  it.each(['/settings/nope', '/customers/abc', '/customers/0', '/segments/1/edit/more'])('keeps "not found" for %s, which no page has, whatever the role', (path) => {
    expect(routeAccess(routes, path, canAs('owner')).kind).toBe('not-found');
    expect(routeAccess(routes, path, canAs('analyst')).kind).toBe('not-found');
  });

  it('opens a page with its ids parsed', () => {
    const access = routeAccess(routes, '/customers/42', canAs('agent'));
    expect(access.kind === 'page' && access.ids).toEqual({ customerId: 42 });
  });
});

describe('the page a role may not open', () => {
  it.each<[Locale, string]>([
    ['en', 'Your role (Marketer) cannot open this page. Roles that can: Owner and Administrator.'],
    ['lv', 'Jūsu loma (Mārketinga speciālists) nevar atvērt šo lapu. Lomas, kuras to var atvērt: Īpašnieks un Administrators.'],
    ['id', 'Peran Anda (Pemasar) tidak dapat membuka halaman ini. Peran yang dapat membukanya: Pemilik dan Administrator.'],
  ])('names the reader\'s role and the roles that can, in the reader\'s language (%s)', (locale, start) => {
    const access = routeAccess(routes, '/settings/api-keys', canAs('marketer'));
    if (access.kind !== 'forbidden') throw new Error(access.kind);
    expect(roleCannotOpenText(i18nIn(locale), 'marketer', access.allowedRoles).startsWith(start)).toBe(true);
  });

  it('is not the not-found text, which says only that there is no such page (Latvian: no comma before "vai")', () => {
    for (const locale of ['en', 'id', 'lv'] as const) {
      const body = lookupMessage(messagesByLocale[locale], 'notFound.body');
      expect(body).not.toMatch(/role|peran|loma/i);
      expect(body).not.toMatch(/, vai\b/);
    }
  });
});
