import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { customerTypesByPrecedence } from '../../../analytics/customer-types.js';
import en from '../../i18n/en.json' with { type: 'json' };
import { typeColour, typeColours, unknownTypeColour } from './type-colours.js';

// every name the API can send: the server's types, and the type-migration report's "none"
const apiTypes = [...customerTypesByPrecedence, 'none'];
const appCss = readFileSync(new URL('../../styles/app.css', import.meta.url), 'utf8');

describe('the colour of each customer type', () => {
  it('gives every type the API can send, and every type the app has a name for, a colour of its own', () => {
    for (const type of [...apiTypes, ...Object.keys(en.customerTypes)]) {
      expect(typeColours, type).toHaveProperty(type);
      expect(typeColour(type), type).toMatch(/^#[0-9A-F]{6}$/);
    }
    const colours = apiTypes.map(typeColour);
    expect(new Set(colours).size).toBe(apiTypes.length);
    expect(colours).not.toContain(unknownTypeColour);
  });

  it('gives a type the same colour whichever other types are charted beside it', () => {
    const alone = ['vip'].map(typeColour);
    const amongOthers = ['at_risk', 'lapsed', 'vip', 'lead'].map(typeColour);
    const reversed = ['lead', 'vip', 'lapsed', 'at_risk'].map(typeColour);
    expect(amongOthers[2]).toBe(alone[0]);
    expect(reversed[1]).toBe(alone[0]);
  });

  it.each([['a type this app does not know yet', 'dormant'], ['an empty name', ''], ['a name inherited by every object', 'constructor']])('falls back to a neutral grey for %s', (_, type) => {
    expect(typeColour(type)).toBe(unknownTypeColour);
  });

  it('colours the type tags with the same colours as the charts', () => {
    for (const type of customerTypesByPrecedence) {
      const rule = appCss.match(new RegExp(`\\.type-${type} \\{ --type-colour: (#[0-9A-Fa-f]{6}); \\}`));
      expect(rule?.[1].toUpperCase(), type).toBe(typeColour(type));
    }
    const fallbacks = [...appCss.matchAll(/var\(--type-colour, (#[0-9A-Fa-f]{6})\)/g)].map((match) => match[1].toUpperCase());
    expect(fallbacks.length).toBeGreaterThan(0);
    for (const fallback of fallbacks) expect(fallback).toBe(unknownTypeColour);
  });
});
