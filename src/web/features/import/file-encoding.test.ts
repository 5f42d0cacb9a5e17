import { describe, expect, it } from 'vitest';
import { decodeFileBytes } from './file-encoding.js';

// "Jānis" and "Rīga" as Excel saves them on a Latvian Windows (windows-1257: ā E2, ī EE)
const windows1257 = Uint8Array.from([...Buffer.from('customer_id,name,city\nC1,Ana,Riga\nC2,J'), 0xe2, ...Buffer.from('nis,R'), 0xee, ...Buffer.from('ga\n')]);

describe('decoding a chosen file', () => {
  it('refuses a file that is not UTF-8, naming its first such line and the code page it leans to, instead of reading "J�nis"', () => {
    expect(decodeFileBytes(windows1257, 'utf-8')).toEqual({ undecodable: { encoding: 'utf-8', line: 3, likely: 'windows-1257' } });
  });

  it('reads it in the encoding chosen, as the CLI\'s --encoding does', () => {
    expect(decodeFileBytes(windows1257, 'windows-1257')).toEqual({ text: 'customer_id,name,city\nC1,Ana,Riga\nC2,Jānis,Rīga\n', encoding: 'windows-1257' });
  });

  it('refuses a byte the chosen code page has no letter for, rather than store U+FFFD', () => {
    const result = decodeFileBytes(Uint8Array.from([...Buffer.from('name\nA\n'), 0xa1, 0x0a]), 'windows-1257');
    expect(result).toEqual({ undecodable: { encoding: 'windows-1257', line: 3, likely: null } });
  });

  it('lets a byte order mark name the encoding and leaves the mark out of the text', () => {
    expect(decodeFileBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('name\nJānis\n')]), 'windows-1257')).toEqual({ text: 'name\nJānis\n', encoding: 'utf-8' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name\nRīga\n', 'utf16le')]);
    expect(decodeFileBytes(new Uint8Array(utf16), 'utf-8')).toEqual({ text: 'name\nRīga\n', encoding: 'utf-16le' });
  });
});
