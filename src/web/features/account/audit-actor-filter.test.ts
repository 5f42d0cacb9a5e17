import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n-context.js';
import { AuditActorFilter } from './audit-actor-filter.js';

/** The filter's label, placeholder and hint as rendered, and whether the hint is tied to the field. */
function renderFilter(locale: Locale, actor = '') {
  const filter = createElement(AuditActorFilter, { actor, onChange: () => undefined });
  const html = renderToStaticMarkup(createElement(I18nProvider, { locale, currency: 'EUR', timeZone: 'Europe/Riga', children: filter }));
  const input = html.match(/<input[^>]*>/)![0];
  const hint = html.match(/<p id="([^"]+)"[^>]*>(.*?)<\/p>/)!;
  return {
    label: html.match(/<label[^>]*><span>(.*?)<\/span>/)![1],
    placeholder: input.match(/placeholder="([^"]*)"/)![1],
    value: input.match(/value="([^"]*)"/)?.[1] ?? '',
    hint: hint[2].replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
    isHintTied: input.includes(`aria-describedby="${hint[1]}"`),
  };
}

describe('the audit log\'s filter by who did it', () => {
  it('says it takes an email, user:<id> or an API key\'s name, in every language', () => {
    const english = renderFilter('en');
    expect(english.label).toBe('Who did it');
    expect(english.placeholder).toBe('Email, user:5 or API key name');
    expect(english.hint).toMatch(/email.*user:<id>.*API key of that name/);
    expect(english.isHintTied).toBe(true);
    for (const [locale, email, key] of [['id', 'Email', 'kunci API'], ['lv', 'E-pasts', 'API atslēg']] as const) {
      const filter = renderFilter(locale);
      expect(filter.placeholder).toContain(email);
      expect(filter.placeholder).toContain('user:5');
      expect(filter.placeholder).toContain(key);
      expect(filter.hint).toContain('user:<id>');
    }
  });

  it('shows the actor picked in the log, which the server matches as written', () => {
    expect(renderFilter('en', 'user:1:owner@clientele.local').value).toBe('user:1:owner@clientele.local');
  });
});
