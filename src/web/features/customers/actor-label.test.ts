import { describe, expect, it } from 'vitest';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { actorLabel, isReaderActor } from './actor-label.js';

const tIn = (locale: 'en' | 'id' | 'lv') => (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values);

describe('who did it, for people', () => {
  it.each([
    ['user:1:owner@clientele.local', 'owner@clientele.local'],
    ['user:5', 'staff member #5'],
    ['api-key:5:shop-feed', 'API key “shop-feed”'],
    ['cli:ana', 'the command line (ana)'],
    ['system', 'the system'],
    ['system:demo', 'the demo load'],
    ['system:later-job', 'the system'],
    ['test:demo', 'test:demo'],
  ])('names %s as %s', (actor, label) => {
    expect(actorLabel(actor, tIn('en'))).toBe(label);
  });

  it('names them in the reader\'s language', () => {
    expect(actorLabel('api-key:5:shop-feed', tIn('id'))).toBe('kunci API “shop-feed”');
    expect(actorLabel('cli:ana', tIn('lv'))).toBe('komandrinda (ana)');
    expect(actorLabel('user:5', tIn('id'))).toBe('staf #5');
    expect(actorLabel('user:5', tIn('lv'))).toBe('darbinieks #5');
    expect(actorLabel('system:demo', tIn('lv'))).toBe('demo datu ielāde');
    expect(actorLabel('system:demo', tIn('id'))).toBe('pemuatan demo');
  });
});

describe('whether the reader did it', () => {
  it.each([
    ['user:5', 5, true],
    ['user:5:ana@shop.example', 5, true],
    ['user:5', 6, false],
    ['user:55', 5, false],
    ['user:5:ana@shop.example', null, false],
    ['api-key:5:shop-feed', 5, false],
    ['cli:5', 5, false],
    ['system', 5, false],
  ] as const)('takes %s read by user %s as theirs: %s', (actor, readerUserId, isReader) => {
    expect(isReaderActor(actor, readerUserId)).toBe(isReader);
  });
});
