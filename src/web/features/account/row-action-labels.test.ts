import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { ApiKey, Locale, Me, StaffUser } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { ApiKeyRow } from './api-key-row.js';
import { personLabel, revokeKeyLabel, teamRowLabels } from './row-action-labels.js';
import { TeamRow } from './team-row.js';

const me: Me = { userId: 1, email: 'owner@example.id', name: 'Budi Santoso', role: 'owner', locale: 'en', mustChangePassword: false, permissions: [], csrfToken: 'x' };
// the rows read the signed-in person; a signed-in owner, without a browser behind the session
vi.mock('../auth/session-context.js', () => ({ useSession: () => ({ refresh: async () => undefined }), useMe: () => me }));

const dewi: StaffUser = { userId: 2, email: 'dewi@example.id', name: 'Dewi Lestari', role: 'marketer', locale: null, mustChangePassword: false, disabledAt: null, createdAt: '2026-01-05T09:00:00Z' };
const ciKey: ApiKey = {
  apiKeyId: 7, name: 'CI import', prefix: 'ab12', scopes: ['ingest'], scopesInEffect: ['ingest'], createdBy: 1,
  creator: { userId: 1, email: me.email, role: 'owner', isDisabled: false }, createdByKey: null, createdAt: '2026-01-05T09:00:00Z', lastUsedAt: null, revokedAt: null,
};
const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

function render(locale: Locale, row: ReturnType<typeof createElement>): string {
  return renderToStaticMarkup(createElement(I18nProvider, { locale, currency: 'EUR', timeZone: 'Europe/Riga', children: createElement('table', null, createElement('tbody', null, row)) }));
}

/** Each button and select as a screen reader names it: its aria-label, and the short word it shows. */
function controlsOf(html: string): Array<{ name: string; shown: string }> {
  return [...html.matchAll(/<(button|select)\b([^>]*)>(.*?)<\/\1>/g)].map(([, tag, attributes, content]) => ({
    name: attributes.match(/aria-label="([^"]*)"/)?.[1] ?? '',
    // a select shows the option chosen, not a word of its own
    shown: tag === 'select' ? '' : content.replace(/<[^>]*>/g, ''),
  }));
}

const teamRow = (member: StaffUser, controls: { roles: StaffUser['role'][]; canDisable: boolean; canEnable: boolean; canResetPassword: boolean }) =>
  createElement(TeamRow, { member, isSelf: false, controls: { ...controls, lockReason: null }, canEditDetails: true, onChanged: () => undefined, onMemberChanged: () => undefined, onAnnounce: () => undefined });

describe("a team row's controls", () => {
  it('name the person and their email, while each button shows a short word', () => {
    const html = render('en', teamRow(dewi, { roles: ['admin', 'marketer'], canDisable: true, canEnable: false, canResetPassword: true }));
    const controls = controlsOf(html);
    expect(controls.map((control) => control.name)).toEqual([
      'Edit the name and email of Dewi Lestari (dewi@example.id)',
      'Role of Dewi Lestari (dewi@example.id)',
      'Disable Dewi Lestari (dewi@example.id)',
      'Reset password for Dewi Lestari (dewi@example.id)',
    ]);
    expect(controls.map((control) => control.shown)).toEqual(['Edit', '', 'Disable', 'Reset password']);
  });

  it('name a disabled person on Enable, in Latvian and Indonesian too', () => {
    const disabled = { ...dewi, disabledAt: '2026-02-01T09:00:00Z' };
    const names = (locale: Locale) => controlsOf(render(locale, teamRow(disabled, { roles: [], canDisable: false, canEnable: true, canResetPassword: false }))).map((control) => control.name);
    expect(names('en')).toContain('Enable Dewi Lestari (dewi@example.id)');
    expect(names('lv')).toContain('Iespējot: Dewi Lestari (dewi@example.id)');
    expect(names('id')).toContain('Aktifkan Dewi Lestari (dewi@example.id)');
  });

  it('say Disable and Reset password with the person in every language, beginning with the word shown', () => {
    const html = (locale: Locale) => render(locale, teamRow(dewi, { roles: [], canDisable: true, canEnable: false, canResetPassword: true }));
    expect(controlsOf(html('lv')).slice(1)).toEqual([
      { name: 'Atspējot: Dewi Lestari (dewi@example.id)', shown: 'Atspējot' },
      { name: 'Atiestatīt paroli: Dewi Lestari (dewi@example.id)', shown: 'Atiestatīt paroli' },
    ]);
    expect(controlsOf(html('id')).slice(1)).toEqual([
      { name: 'Nonaktifkan Dewi Lestari (dewi@example.id)', shown: 'Nonaktifkan' },
      { name: 'Atur ulang kata sandi Dewi Lestari (dewi@example.id)', shown: 'Atur ulang kata sandi' },
    ]);
  });

  it('name Save and Cancel of a role change by the person too', () => {
    for (const [locale, save, cancel] of [
      ['en', 'Save role of Dewi Lestari (dewi@example.id)', 'Cancel the role change of Dewi Lestari (dewi@example.id)'],
      ['lv', 'Saglabāt lomu: Dewi Lestari (dewi@example.id)', 'Atcelt lomas maiņu: Dewi Lestari (dewi@example.id)'],
      ['id', 'Simpan peran Dewi Lestari (dewi@example.id)', 'Batalkan perubahan peran Dewi Lestari (dewi@example.id)'],
    ] as const) {
      expect(teamRowLabels(tIn(locale), dewi)).toMatchObject({ saveRole: save, cancelRole: cancel });
    }
  });

  it('name a person without a name by their email alone', () => {
    expect(personLabel({ name: ' ', email: 'owner@clientele.local' })).toBe('owner@clientele.local');
    expect(teamRowLabels(tIn('en'), { name: '', email: 'owner@clientele.local' }).disable).toBe('Disable owner@clientele.local');
  });
});

describe("an API key row's Revoke button", () => {
  it('names the key and its prefix in every language, while it shows a short word', () => {
    for (const [locale, name, shown] of [
      ['en', 'Revoke key “CI import” (clt_ab12_…)', 'Revoke'],
      ['lv', 'Atsaukt atslēgu “CI import” (clt_ab12_…)', 'Atsaukt'],
      ['id', 'Cabut kunci “CI import” (clt_ab12_…)', 'Cabut'],
    ] as const) {
      expect(controlsOf(render(locale, createElement(ApiKeyRow, { apiKey: ciKey, creatorName: 'Budi Santoso', onChanged: () => undefined })))).toEqual([{ name, shown }]);
      expect(revokeKeyLabel(tIn(locale), ciKey)).toBe(name);
    }
  });
});
