import { describe, expect, it } from 'vitest';
import { locales, lookupMessage, messagesByLocale } from '../../web/i18n/messages.js';
import { rowsFromRecords } from './parse-file.js';
import { RowProblem } from './row-problem.js';
import { channelSynonyms, customerKindSynonyms, eventKindSynonyms, lookUp, statusSynonyms, synonymTable } from './synonyms.js';
import { testContext } from './test-context.js';

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RowProblem) return error.message;
    throw error;
  }
  throw new Error('expected a row problem');
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RowProblem) return error.code;
    throw error;
  }
  throw new Error('expected a row problem');
}

describe('channel words of shops in Jakarta and Riga', () => {
  it.each([
    ['Toko', 'store'], ['gerai', 'store'], ['KASIR', 'store'], ['toko fisik', 'store'], ['Toko Offline', 'store'], ['luring', 'store'],
    ['toko online', 'web'], ['Toko Daring', 'web'], ['situs', 'web'], ['situs web', 'web'], ['daring', 'web'], ['Website', 'web'],
    ['aplikasi', 'mobile'], ['Aplikasi Mobile', 'mobile'], ['aplikasi seluler', 'mobile'],
    ['telepon', 'phone'], ['telpon', 'phone'], ['Telp.', 'phone'], ['tlp', 'phone'], ['WA', 'phone'], ['WhatsApp', 'phone'],
    ['lokapasar', 'marketplace'], ['Blibli', 'marketplace'], ['TikTok Shop', 'marketplace'], ['lainnya', 'other'], ['Lain-lain', 'other'],
  ])('reads the Indonesian %j as %s', (raw, expected) => expect(lookUp('channel', raw, channelSynonyms)).toBe(expected));

  it.each([
    ['Veikals', 'store'], ['veikalā', 'store'], ['veikala', 'store'], ['kase', 'store'], ['kasē', 'store'], ['klātienē', 'store'], ['Klatiene', 'store'],
    ['interneta veikals', 'web'], ['Interneta veikalā', 'web'], ['internetveikals', 'web'], ['e-veikals', 'web'], ['E-veikalā', 'web'],
    ['mājaslapa', 'web'], ['majaslapa', 'web'], ['internetā', 'web'], ['interneta', 'web'], ['tiešsaistē', 'web'], ['tiessaiste', 'web'], ['tīmeklis', 'web'],
    ['lietotne', 'mobile'], ['lietotnē', 'mobile'], ['Mobilā lietotne', 'mobile'], ['mobila lietotne', 'mobile'], ['aplikācija', 'mobile'], ['aplikacija', 'mobile'],
    ['tālrunis', 'phone'], ['talrunis', 'phone'], ['pa tālruni', 'phone'], ['pa talruni', 'phone'], ['telefons', 'phone'], ['pa telefonu', 'phone'],
    ['tirdzniecības platforma', 'marketplace'], ['tirdzniecibas platforma', 'marketplace'], ['tiešsaistes tirdzniecības vieta', 'marketplace'], ['cits', 'other'],
  ])('reads the Latvian %j as %s', (raw, expected) => expect(lookUp('channel', raw, channelSynonyms)).toBe(expected));

  it('reads a Latvian word whose accent is written as a separate combining mark, as a Mac may save it', () => {
    const decomposed = 'Veikalā'.normalize('NFD');
    expect(decomposed).not.toBe('Veikalā');
    expect(lookUp('channel', decomposed, channelSynonyms)).toBe('store');
    expect(lookUp('channel', 'Tālrunis'.normalize('NFD'), channelSynonyms)).toBe('phone');
  });

  it.each(locales)('reads back every channel label the app shows in %s', (locale) => {
    const labels = Object.entries(messagesByLocale[locale].channels);
    expect(labels).toHaveLength(6);
    for (const [code, label] of labels) expect(lookUp('channel', label, channelSynonyms), label).toBe(code);
  });

  it('still refuses a word that is no channel, such as a place or "outlet"', () => {
    for (const word of ['pigeon', 'outlet', 'tirgus laukums', 'paid']) expect(() => lookUp('channel', word, channelSynonyms)).toThrow(RowProblem);
  });
});

describe('status and kind words of shops in Jakarta and Riga', () => {
  it.each([
    ['Lunas', 'paid'], ['dibayar', 'paid'], ['Sudah Dibayar', 'paid'], ['telah dibayar', 'paid'], ['Pembayaran Berhasil', 'paid'], ['sukses', 'paid'],
    ['Selesai', 'paid'], ['Pesanan Selesai', 'paid'], ['diproses', 'paid'], ['Sedang Diproses', 'paid'], ['sedang dikemas', 'paid'],
    ['Dikirim', 'paid'], ['terkirim', 'paid'], ['diterima', 'paid'],
    ['dikembalikan', 'refunded'], ['Dana Dikembalikan', 'refunded'], ['pengembalian dana', 'refunded'], ['Refund', 'refunded'],
    ['sebagian dikembalikan', 'partially_refunded'], ['Dikembalikan Sebagian', 'partially_refunded'], ['refund sebagian', 'partially_refunded'],
    ['batal', 'cancelled'], ['Dibatalkan', 'cancelled'], ['pesanan dibatalkan', 'cancelled'], ['ditolak', 'cancelled'],
  ])('reads the Indonesian status %j as %s', (raw, expected) => expect(lookUp('status', raw, statusSynonyms)).toBe(expected));

  it.each([
    ['Apmaksāts', 'paid'], ['apmaksats', 'paid'], ['samaksāts', 'paid'], ['samaksats', 'paid'], ['Pabeigts', 'paid'], ['izpildīts', 'paid'], ['izpildits', 'paid'],
    ['nosūtīts', 'paid'], ['izsūtīts', 'paid'], ['izsutits', 'paid'], ['Piegādāts', 'paid'], ['piegadats', 'paid'],
    ['atgriezts', 'refunded'], ['Atmaksāts', 'refunded'], ['atmaksats', 'refunded'], ['pilnībā atmaksāts', 'refunded'],
    ['Daļēji atmaksāts', 'partially_refunded'], ['daleji atmaksats', 'partially_refunded'], ['daļēji atgriezts', 'partially_refunded'], ['daleji atgriezts', 'partially_refunded'],
    ['Atcelts', 'cancelled'], ['anulēts', 'cancelled'], ['anulets', 'cancelled'], ['atteikts', 'cancelled'],
  ])('reads the Latvian status %j as %s', (raw, expected) => expect(lookUp('status', raw, statusSynonyms)).toBe(expected));

  it.each([
    'belum dibayar', 'Belum Bayar', 'belum lunas', 'Menunggu Pembayaran', 'tertunda',
    'neapmaksāts', 'Neapmaksats', 'nesamaksāts', 'gaida apmaksu', 'Gaida maksājumu', 'gaida maksajumu', 'Apstrādē', 'apstrade', 'Apstrādē'.normalize('NFD'),
    'Jauns', 'wc-pending', 'checkout-draft',
  ])('refuses the status %j as not yet a purchase, saying the order is not imported', (raw) => {
    expect(codeOf(() => lookUp('status', raw, statusSynonyms))).toBe('STATUS_NOT_PURCHASE');
    expect(reasonOf(() => lookUp('status', raw, statusSynonyms))).toBe(
      `status "${raw}" is not a completed purchase, so the order is not imported; import it once it is paid, or leave it out of the file`,
    );
  });

  it.each([
    ['on-hold', 'awaits confirmation of its payment'], ['On Hold', 'awaits confirmation of its payment'], ['wc-on-hold', 'awaits confirmation of its payment'],
    ['ditahan', 'awaits confirmation of its payment'], ['authorized', 'awaits confirmation of its payment'],
    ['failed', "payment failed, so it was never a purchase"], ['wc-failed', "payment failed, so it was never a purchase"], ['Gagal', "payment failed, so it was never a purchase"],
    ['neizdevās', "payment failed, so it was never a purchase"],
    ['Pesanan Baru', 'is new or awaits a confirmation (of its payment, or by the seller)'], ['Menunggu Konfirmasi', 'is new or awaits a confirmation (of its payment, or by the seller)'],
  ])('refuses the status %j as no purchase, saying what it means and what to do', (raw, meaning) => {
    expect(codeOf(() => lookUp('status', raw, statusSynonyms))).toBe('STATUS_NOT_PURCHASE');
    const reason = reasonOf(() => lookUp('status', raw, statusSynonyms));
    expect(reason).toContain(`status "${raw}" means the order`);
    expect(reason).toContain(meaning);
    expect(reason).toMatch(meaning.startsWith('awaits') ? /import it again once it is paid \(processing or completed in WooCommerce\), or leave it out of the file$/ : /leave it out of the file/);
  });

  it.each([
    ['wc-completed', 'paid'], ['WC-Completed', 'paid'], ['wc-processing', 'paid'], ['wc-refunded', 'refunded'], ['wc-cancelled', 'cancelled'],
    ['Dibatalkan Pembeli', 'cancelled'], ['Dibatalkan Penjual', 'cancelled'], ['dibatalkan sistem', 'cancelled'], ['Dibatalkan oleh Pembeli', 'cancelled'],
  ])('reads the WooCommerce or marketplace status %j as %s', (raw, expected) => expect(lookUp('status', raw, statusSynonyms)).toBe(expected));

  it('reads WooCommerce\'s Processing label as paid, as its code wc-processing', () => {
    expect(['Processing', 'processing', 'wc-processing'].map((raw) => lookUp('status', raw, statusSynonyms))).toEqual(['paid', 'paid', 'paid']);
  });

  it.each([
    ['daftar', 'signup'], ['Pendaftaran', 'signup'], ['registrasi', 'signup'], ['akun dibuat', 'signup'],
    ['reģistrācija', 'signup'], ['Registracija', 'signup'], ['konta izveide', 'signup'],
    ['Pertanyaan', 'inquiry'], ['kontak', 'inquiry'], ['hubungi kami', 'inquiry'], ['permintaan penawaran', 'inquiry'],
    ['jautājums', 'inquiry'], ['jautajums', 'inquiry'], ['Pieprasījums', 'inquiry'], ['pieprasijums', 'inquiry'], ['cenu pieprasījums', 'inquiry'], ['kontaktforma', 'inquiry'],
    ['keranjang', 'cart'], ['Tambah ke Keranjang', 'cart'], ['grozs', 'cart'], ['grozā', 'cart'], ['pievienots grozam', 'cart'],
    ['Kunjungan', 'visit'], ['kunjungan toko', 'visit'], ['apmeklējums', 'visit'], ['apmeklejums', 'visit'], ['lapas skatījums', 'visit'],
    ['buletin', 'newsletter'], ['berlangganan', 'newsletter'], ['Jaunumu vēstule', 'newsletter'], ['jaunumu vestule', 'newsletter'],
    ['lainnya', 'other'], ['cits', 'other'],
  ])('reads the event kind %j as %s', (raw, expected) => expect(lookUp('kind', raw, eventKindSynonyms)).toBe(expected));

  it.each([
    ['perorangan', 'person'], ['Perseorangan', 'person'], ['pribadi', 'person'], ['orang pribadi', 'person'], ['Individu', 'person'],
    ['privātpersona', 'person'], ['privatpersona', 'person'], ['Fiziska persona', 'person'], ['fiziskā persona', 'person'],
    ['perusahaan', 'organization'], ['Badan Usaha', 'organization'], ['badan hukum', 'organization'], ['bisnis', 'organization'], ['organisasi', 'organization'],
    ['uzņēmums', 'organization'], ['uznemums', 'organization'], ['juridiskā persona', 'organization'], ['Juridiska persona', 'organization'], ['organizācija', 'organization'], ['organizacija', 'organization'],
  ])('reads the customer kind %j as %s', (raw, expected) => expect(lookUp('kind', raw, customerKindSynonyms)).toBe(expected));

  it.each(locales)('reads back every status and kind name the app shows in %s', (locale) => {
    const messages = messagesByLocale[locale];
    for (const [code, label] of Object.entries(messages.orderStatuses)) expect(lookUp('status', label, statusSynonyms), label).toBe(code);
    for (const [code, label] of Object.entries(messages.interestKinds)) expect(lookUp('kind', label, eventKindSynonyms), label).toBe(code);
    for (const [code, label] of Object.entries(messages.customer.kinds)) expect(lookUp('kind', label, customerKindSynonyms), label).toBe(code);
  });

  it('still refuses words whose meaning is unclear, rather than guessing', () => {
    // "menunggu konfirmasi" is refused too, saying both things it may mean (STATUS_NOT_PURCHASE, above)
    for (const word of ['baru', 'konfirmasi']) expect(codeOf(() => lookUp('status', word, statusSynonyms)), word).toBe('VALUE_NOT_ALLOWED');
    for (const word of ['langganan', 'pieteikties']) expect(codeOf(() => lookUp('kind', word, eventKindSynonyms)), word).toBe('VALUE_NOT_ALLOWED');
  });
});

describe('synonymTable', () => {
  it('refuses a spelling that two values claim, however it is written, and lets one value repeat its own', () => {
    expect(() => synonymTable({ store: ['Toko'], web: ['toko'] })).toThrow('synonym "toko" of web is already a spelling of store');
    expect(() => synonymTable({ store: ['web shop'], web: ['Web-Shop'] })).toThrow('already a spelling of store');
    expect(() => synonymTable({ store: ['web'], web: [] })).toThrow('synonym "web" of web is already a spelling of store');
    expect(synonymTable({ store: ['in store', 'in-store'] }).get('in_store')).toBe('store');
  });

  it('built the real tables, so none of their spellings has two values, and reads each value as itself', () => {
    for (const table of [channelSynonyms, statusSynonyms, eventKindSynonyms, customerKindSynonyms]) {
      for (const value of new Set(table.values())) expect(lookUp('field', value, table)).toBe(value);
    }
  });
});

describe('a refused value', () => {
  it('says what the user can do, and offers leaving it empty only where the field may be empty', () => {
    expect(reasonOf(() => lookUp('channel', 'pigeon', channelSynonyms))).toBe(
      'channel "pigeon" is not one of store, web, mobile, marketplace, phone, other; change it to one of these, or leave it empty (the order is then imported with channel other)',
    );
    expect(reasonOf(() => lookUp('status', 'lunas?', statusSynonyms))).toContain('or leave it empty (the order is then paid');
    expect(reasonOf(() => lookUp('kind', 'robot', customerKindSynonyms))).toContain('or leave it empty (a new customer is then a person');
    expect(reasonOf(() => lookUp('kind', 'robot', eventKindSynonyms))).toBe('kind "robot" is not one of signup, inquiry, cart, visit, newsletter, other; change it to one of these');
    for (const table of [channelSynonyms, statusSynonyms, eventKindSynonyms, customerKindSynonyms]) {
      expect(reasonOf(() => lookUp('field', 'pigeon', table))).not.toMatch(/\bmap/);
    }
  });

  it.each(locales)('is said in %s with every value filled in and nothing about mapping values', (locale) => {
    const { rejects } = rowsFromRecords('orders', [{ order_id: 'A-1', customer_id: '7', ordered_at: '2026-03-01', amount: '10', channel: 'pasar malam' }], { context: testContext, lines: [2] });
    expect(rejects).toEqual([expect.objectContaining({ field: 'channel', code: 'VALUE_NOT_ALLOWED', params: { field: 'channel', value: 'pasar malam', allowed: 'store, web, mobile, marketplace, phone, other' } })]);
    const text = lookupMessage(messagesByLocale[locale], 'rejectReasons.VALUE_NOT_ALLOWED', rejects[0].params);
    expect(text).not.toMatch(/[{}]/);
    expect(text).toContain('pasar malam');
    expect(text).toContain('store, web, mobile, marketplace, phone, other');
    expect(text).not.toMatch(/\bmap|petakan|piesaist/);
  });

  it.each(locales)('says in %s that an unpaid order is not imported, with its status filled in and nothing about mapping values', (locale) => {
    const { rejects } = rowsFromRecords('orders', [{ order_id: 'A-1', customer_id: '7', ordered_at: '2026-03-01', amount: '10', status: 'Belum Dibayar' }], { context: testContext, lines: [2] });
    expect(rejects).toEqual([expect.objectContaining({ field: 'status', code: 'STATUS_NOT_PURCHASE', params: { value: 'Belum Dibayar' } })]);
    const text = lookupMessage(messagesByLocale[locale], 'rejectReasons.STATUS_NOT_PURCHASE', rejects[0].params);
    expect(text).not.toMatch(/[{}]/);
    expect(text).toContain('“Belum Dibayar”');
    expect(text).not.toMatch(/\bmap|petakan|piesaist/);
  });
});

describe('a shipped marketplace order', () => {
  it.each(['Telah Dikirim', 'Sudah Dikirim'])('reads the status %j as paid', (raw) => expect(lookUp('status', raw, statusSynonyms)).toBe('paid'));
});
