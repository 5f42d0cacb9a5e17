import { describe, expect, it } from 'vitest';
import { utf8ReadAsOneByte } from './utf8-read-as-one-byte.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
// windows-1257 bytes of Latvian letters: 0xEE ī, 0xFB ū, 0xE2 ā, 0xCD Ķ, 0xD0 Š
const riga1257 = Buffer.concat([Buffer.from('id,city\n1,R'), Buffer.from([0xee]), Buffer.from('ga\n2,J'), Buffer.from([0xfb]), Buffer.from('rmala\n3,'), Buffer.from([0xcd]), Buffer.from('ekava\n')]);

describe('a UTF-8 file read as a one-byte code page', () => {
  it('is found, with the first line where it shows and the word as each encoding reads it', () => {
    expect(utf8ReadAsOneByte(utf8('id,city\n1,Tukums\n2,Rīga\n3,Jūrmala\n'), 'windows-1257')).toEqual({ line: 3, asUtf8: 'Rīga', asGiven: 'RÄ«ga' });
    expect(utf8ReadAsOneByte(utf8('id,name\n1,José\n'), 'latin1')).toEqual({ line: 2, asUtf8: 'José', asGiven: 'JosÃ©' });
    expect(utf8ReadAsOneByte(utf8('id,name\n1,Šķēle\n'), 'iso-8859-13')).toMatchObject({ line: 2, asUtf8: 'Šķēle' });
    // ā is C4 81: the code page's invisible control character 0x81 is shown as �
    expect(utf8ReadAsOneByte(utf8('id,name\n1,Jānis\n'), 'windows-1257')).toMatchObject({ asGiven: 'JÄ\ufffdnis' });
  });

  it('is found in a head cut in the middle of a character', () => {
    const head = utf8('id,city\n1,Rīga\n2,Jūrmala');
    expect(utf8ReadAsOneByte(head.subarray(0, head.length - 'rmala'.length - 1), 'windows-1252')).toMatchObject({ line: 2, asUtf8: 'Rīga' });
  });

  it('is not claimed of one-byte text read as what it is, of plain ASCII, or of a multi-byte encoding', () => {
    expect(utf8ReadAsOneByte(riga1257, 'windows-1257')).toBeNull();
    expect(utf8ReadAsOneByte(Buffer.concat([Buffer.from('1,Jos'), Buffer.from([0xe9]), Buffer.from(',Bogot'), Buffer.from([0xe1]), Buffer.from('\n')]), 'latin1')).toBeNull();
    expect(utf8ReadAsOneByte(utf8('id,name\n1,Ana\n'), 'windows-1257')).toBeNull();
    expect(utf8ReadAsOneByte(utf8('id,city\n1,Rīga\n'), 'utf-8')).toBeNull();
    expect(utf8ReadAsOneByte(Buffer.from('id,city\n1,Rīga\n', 'utf16le'), 'utf-16le')).toBeNull();
  });
});
