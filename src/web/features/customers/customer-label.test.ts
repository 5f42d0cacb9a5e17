import { describe, expect, it } from 'vitest';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { customerLabel } from './customer-label.js';

describe('a customer\'s label', () => {
  it.each(locales)('names a nameless customer in %s as alerts, the audit log and the profile do', (locale) => {
    const t = (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values);
    const label = customerLabel({ customer_id: 3114, name: null, email: null, phone: null }, t);
    expect(label).toMatch(/(No|Nr)\. 3114$/);
    expect(label).not.toContain('#');
    // one form everywhere: an overdue alert leads with it, the audit log names the customer by it
    expect(t('alerts.overdue', { id: 3114 }).startsWith(label)).toBe(true);
    expect(t('settings.audit.entities.customer', { id: 3114 })).toBe(label);
    // the number shown beside a name is the same "No. 3114"
    expect(label.endsWith(t('customer.number', { id: 3114 }))).toBe(true);
  });

  it('falls back to how to reach them before the number', () => {
    const t = (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, values);
    expect(customerLabel({ customer_id: 7, name: null, email: 'ayu@example.com', phone: '+62811' }, t)).toBe('ayu@example.com');
    expect(customerLabel({ customer_id: 7, name: null, email: null, phone: '+62811' }, t)).toBe('+62811');
  });
});
