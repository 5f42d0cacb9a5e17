import { describe, expect, it } from 'vitest';
import { fileNamePart, safeFileName } from './file-name.js';

describe('safeFileName', () => {
  it('joins a translated base and its parts with dashes, keeping letters as written', () => {
    expect(safeFileName('pelanggan', ['impor-ulang', '2026-12-03'], 'csv')).toBe('pelanggan-impor-ulang-2026-12-03.csv');
    expect(safeFileName('klienti', ['importēšanai', '2026-12-03'], 'csv')).toBe('klienti-importēšanai-2026-12-03.csv');
    expect(safeFileName('pirkumu-ritms', [], 'png')).toBe('pirkumu-ritms.png');
  });

  it('leaves out the parts not taken', () => {
    expect(safeFileName('segmen', ['vip', null, undefined, '', '2026-12-03'], 'csv')).toBe('segmen-vip-2026-12-03.csv');
  });

  it('replaces the characters a file system refuses or reads as a folder, in a segment named with / and :', () => {
    const name = safeFileName('segments', ['VIP / Rīga: 2026*', '2026-12-03'], 'csv');
    expect(name).toBe('segments-VIP-Rīga-2026-2026-12-03.csv');
    expect(safeFileName('segment', ['a\\b?c"d<e>f|g\u0000h\u202ei'], 'csv')).toBe('segment-a-b-c-d-e-f-g-h-i.csv');
    for (const each of [name, safeFileName('x', ['..\\..//etc:passwd'], 'csv')]) expect(each).not.toMatch(/[\\/:*?"<>|]/);
  });

  it('ends no part with a dot or a space, which Windows drops, and starts none with a dot', () => {
    expect(safeFileName('rejects.', ['draft. ', ' .hidden'], 'csv')).toBe('rejects-draft-hidden.csv');
  });

  it('caps a long part without splitting a letter', () => {
    const part = fileNamePart(`${'😀'.repeat(59)}ab`);
    expect(Array.from(part)).toHaveLength(60);
    expect(part.endsWith('😀a')).toBe(true);
  });

  it("never names a file after a Windows device", () => {
    expect(safeFileName('con', [], 'csv')).toBe('con_.csv');
    expect(safeFileName('con', ['1'], 'csv')).toBe('con-1.csv');
  });

  it('refuses a base with nothing to name the file by, and an extension that is not one', () => {
    expect(() => safeFileName(' / ', ['2026-12-03'], 'csv')).toThrow('A file name needs a base with a letter or digit, not " / "');
    expect(() => safeFileName('rejects', [], '.csv')).toThrow('A file extension is letters and digits only, not ".csv"');
  });
});
