import type { CustomerKind, InterestKind, OrderChannel, OrderStatus } from '../../db/schema.js';
import { fail } from './row-problem.js';

/**
 * Lower case, and spaces, hyphens and underscores made one, so "In-Store" and "in_store" agree.
 * NFC, since a file saved on a Mac may write "ā" as "a" and a combining macron. Accents are kept:
 * the tables list "veikalā" and "veikala" both.
 */
export function synonymKey(value: string): string {
  return value.trim().toLowerCase().normalize('NFC').replace(/[\s\-_]+/g, '_');
}

/** A spelling that two values claim is a mistake in the table: refused when the module loads, not settled by whichever came last. */
export function synonymTable<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [canonical, synonyms] of Object.entries(entries) as Array<[T, string[]]>) {
    for (const spelling of [canonical, ...synonyms]) {
      const key = synonymKey(spelling);
      const claimed = map.get(key);
      if (claimed !== undefined && claimed !== canonical) throw new Error(`synonym "${spelling}" of ${canonical} is already a spelling of ${claimed}`);
      map.set(key, canonical);
    }
  }
  return map;
}

// With the words of the product's other languages (Indonesian, Latvian; Latvian also without its
// accents, as files often drop them), the names the app shows for each channel among them, so a
// user who writes what the app says is understood. WhatsApp is phone, the channel of orders taken
// by call or chat, as the English list has it.
export const channelSynonyms = synonymTable<OrderChannel>({
  store: [
    'pos', 'in-store', 'instore', 'shop', 'retail', 'offline', 'counter', 'till',
    'toko', 'gerai', 'kasir', 'toko fisik', 'toko offline', 'luring',
    'veikals', 'veikalā', 'veikala', 'kase', 'kasē', 'klātienē', 'klatiene',
  ],
  web: [
    'online', 'website', 'webshop', 'ecommerce', 'e-commerce', 'internet', 'online store', 'web shop',
    'toko online', 'toko daring', 'situs', 'situs web', 'daring',
    'interneta veikals', 'interneta veikalā', 'interneta veikala', 'internetveikals', 'e-veikals', 'e-veikalā', 'e-veikala',
    'mājaslapa', 'majaslapa', 'internetā', 'interneta', 'tiešsaistē', 'tiešsaiste', 'tiessaiste', 'tīmeklis', 'timeklis',
  ],
  mobile: [
    'app', 'mobile app', 'ios', 'android',
    'aplikasi', 'aplikasi mobile', 'aplikasi seluler',
    'lietotne', 'lietotnē', 'mobilā lietotne', 'mobila lietotne', 'aplikācija', 'aplikacija',
  ],
  marketplace: [
    'tokopedia', 'shopee', 'lazada', 'amazon', 'ebay', 'etsy', 'bukalapak', 'blibli', 'tiktok shop',
    'lokapasar',
    'tirdzniecības platforma', 'tirdzniecibas platforma', 'tiešsaistes tirdzniecības vieta', 'tiessaistes tirdzniecibas vieta',
  ],
  phone: [
    'telephone', 'call', 'call center', 'call centre', 'whatsapp',
    'telepon', 'telpon', 'telp', 'telp.', 'tlp', 'tlp.', 'wa',
    'tālrunis', 'talrunis', 'pa tālruni', 'pa talruni', 'telefons', 'pa telefonu',
  ],
  other: ['catalog', 'catalogue', 'mail order', 'unknown', 'lainnya', 'lain-lain', 'cits'],
});

// In Indonesian and Latvian too (Latvian also without its accents), the app's own status names
// among them. An order being processed or shipped is paid, as the English list has it: Tokopedia,
// Shopee and WooCommerce show a seller an order as "diproses" (processing) only once it is paid,
// so WooCommerce's "Processing" label (and its code, wc-processing) is paid.
// The Latvian "apstrādē" is not: Latvian shop systems list it before "apmaksāts" (see notPurchases).
export const statusSynonyms = synonymTable<OrderStatus>({
  paid: [
    'completed', 'complete', 'processing', 'fulfilled', 'success', 'succeeded', 'settled', 'captured', 'delivered', 'shipped', 'closed',
    'lunas', 'dibayar', 'sudah dibayar', 'telah dibayar', 'sudah bayar', 'pembayaran berhasil', 'berhasil', 'sukses',
    'selesai', 'pesanan selesai', 'diproses', 'sedang diproses', 'pesanan diproses', 'dikemas', 'sedang dikemas',
    'dikirim', 'sedang dikirim', 'terkirim', 'diterima', 'sudah diterima',
    // Shopee shows a paid order waiting for the seller to ship it as "Perlu Dikirim"; Tokopedia one delivered as "Pesanan Tiba",
    // one on its way as "Dalam Pengiriman" and one packed for the courier as "Siap Dikirim"
    'perlu dikirim', 'pesanan tiba', 'dalam pengiriman', 'siap dikirim',
    // Shopee's export writes a shipped order as "Telah Dikirim" too
    'telah dikirim', 'sudah dikirim',
    'apmaksāts', 'apmaksats', 'samaksāts', 'samaksats', 'pabeigts', 'izpildīts', 'izpildits',
    'nosūtīts', 'nosutits', 'izsūtīts', 'izsutits', 'piegādāts', 'piegadats',
  ],
  refunded: [
    'refund', 'returned', 'fully refunded',
    'dikembalikan', 'dana dikembalikan', 'uang dikembalikan', 'pengembalian dana', 'dikembalikan penuh',
    // Shopee's order status once the buyer returned the order ("Pengembalian", a return with its refund)
    'pengembalian', 'pengembalian selesai',
    'atmaksāts', 'atmaksats', 'atgriezts', 'pilnībā atmaksāts', 'pilniba atmaksats',
  ],
  partially_refunded: [
    'partially refunded', 'partial refund', 'partially returned', 'partly refunded',
    'sebagian dikembalikan', 'dikembalikan sebagian', 'dana dikembalikan sebagian', 'refund sebagian', 'pengembalian sebagian',
    'daļēji atmaksāts', 'daleji atmaksats', 'daļēji atgriezts', 'daleji atgriezts',
  ],
  cancelled: [
    'canceled', 'cancel', 'voided', 'void', 'rejected',
    'batal', 'dibatalkan', 'pesanan dibatalkan', 'ditolak',
    // Tokopedia and Shopee say who cancelled
    'dibatalkan pembeli', 'dibatalkan penjual', 'dibatalkan sistem', 'dibatalkan otomatis', 'dibatalkan oleh pembeli', 'dibatalkan oleh penjual', 'dibatalkan oleh sistem',
    'atcelts', 'anulēts', 'anulets', 'atteikts',
  ],
  // only words that name a credit note and nothing else: "return" may be a refund of the order itself
  credit_note: [
    'credit note', 'credit-note', 'creditnote', 'credit memo',
    'nota kredit',
    'kredītrēķins', 'kreditrekins', 'kredītnota', 'kreditnota',
  ],
});

// In Indonesian and Latvian too, the app's own names for each kind among them (its name for other is
// "Interest", "Minat", "Interese"). Only words a shop's export or form tool writes for one kind:
// "langganan" (a subscription, perhaps to a product) is left out, and so is the Latvian
// "pieteikties", which also means logging in.
export const eventKindSynonyms = synonymTable<InterestKind>({
  signup: [
    'sign_up', 'sign up', 'register', 'registration', 'registered', 'account created', 'join', 'joined',
    'daftar', 'pendaftaran', 'mendaftar', 'registrasi', 'buat akun', 'akun dibuat',
    'reģistrācija', 'registracija', 'reģistrējies', 'registrejies', 'konta izveide',
  ],
  inquiry: [
    'enquiry', 'question', 'contact', 'contact form', 'lead', 'quote request',
    'pertanyaan', 'kontak', 'formulir kontak', 'hubungi kami', 'permintaan penawaran',
    'jautājums', 'jautajums', 'pieprasījums', 'pieprasijums', 'cenu pieprasījums', 'cenu pieprasijums', 'kontaktforma', 'saziņa', 'sazina',
  ],
  cart: [
    'add_to_cart', 'add to cart', 'cart add', 'basket', 'abandoned cart', 'checkout started',
    'keranjang', 'tambah ke keranjang', 'masukkan keranjang', 'keranjang belanja',
    'grozs', 'grozā', 'groza', 'pievienots grozam', 'pievienot grozam', 'iepirkumu grozs',
  ],
  visit: [
    'page_view', 'pageview', 'view', 'session', 'store visit',
    'kunjungan', 'kunjungan toko', 'kunjungan halaman', 'tampilan halaman',
    'apmeklējums', 'apmeklejums', 'veikala apmeklējums', 'veikala apmeklejums', 'lapas skatījums', 'lapas skatijums',
  ],
  newsletter: [
    'subscribe', 'subscribed', 'newsletter signup', 'opt in', 'opt-in',
    'buletin', 'berlangganan', 'berlangganan buletin', 'daftar buletin',
    'jaunumu vēstule', 'jaunumu vestule', 'jaunumu abonēšana', 'jaunumu abonesana',
  ],
  other: ['interest', 'minat', 'lainnya', 'lain-lain', 'interese', 'cits'],
});

// In Indonesian and Latvian too, as invoices and tax forms name the two (Latvian also without its
// accents), the app's own names among them.
export const customerKindSynonyms = synonymTable<CustomerKind>({
  person: [
    'individual', 'private', 'consumer', 'b2c',
    'perorangan', 'perseorangan', 'pribadi', 'orang pribadi', 'individu',
    'privātpersona', 'privatpersona', 'fiziska persona', 'fiziskā persona',
  ],
  organization: [
    'organisation', 'company', 'business', 'org', 'b2b',
    'perusahaan', 'badan usaha', 'badan hukum', 'bisnis', 'organisasi',
    'uzņēmums', 'uznemums', 'juridiska persona', 'juridiskā persona', 'organizācija', 'organizacija',
  ],
});

// Shopify's pending/authorized orders are not purchases yet: importing them would count sales
// that may never happen. So are orders awaiting payment in the other languages; "apstrādē" among
// them, which Latvian shop systems list between a new order and a paid one ("Jauns", "Apstrādē",
// "Apmaksāts", "Izsūtīts"). Each says what the status means, since what to do differs: an order
// awaiting payment or its confirmation is imported once paid, one whose payment failed never is.
const awaitingPayment = 'is not a completed purchase, so the order is not imported; import it once it is paid, or leave it out of the file';
const notPurchases = new Map<string, string>([
  ...[
    'pending', 'unpaid', 'open', 'draft', 'checkout-draft', 'pending payment', 'jauns',
    'belum dibayar', 'belum bayar', 'belum lunas', 'menunggu pembayaran', 'menunggu bayar', 'tertunda',
    'neapmaksāts', 'neapmaksats', 'nesamaksāts', 'nesamaksats', 'gaida apmaksu', 'gaida maksājumu', 'gaida maksajumu', 'apstrādē', 'apstrade',
  ].map((word) => [word, awaitingPayment] as const),
  // A new order or one awaiting confirmation: an Indonesian shop's own site shows a bank transfer whose proof the seller
  // has not checked so, a marketplace an order the seller has not accepted. Read as paid only where the file says it was
  // paid (Tokopedia's report gives its payment date: presets/tokopedia-orders.ts).
  ...['pesanan baru', 'menunggu konfirmasi', 'menunggu konfirmasi penjual', 'menunggu konfirmasi pembayaran'].map((word) => [word,
    'means the order is new or awaits a confirmation (of its payment, or by the seller), so it is no verified purchase yet and is not imported; import it again once it is paid or processed, or leave it out of the file'] as const),
  // WooCommerce's on-hold: a bank transfer or cheque not yet received; a card authorised but not yet captured
  ...['authorized', 'authorised', 'on-hold', 'on hold', 'ditahan'].map((word) => [word,
    'means the order awaits confirmation of its payment, so it is no purchase yet and is not imported; import it again once it is paid (processing or completed in WooCommerce), or leave it out of the file'] as const),
  // Shopify's partially_paid: part of the amount is paid, so the order is no verified purchase of its amount
  ...['partially paid', 'partly paid', 'dibayar sebagian', 'daļēji apmaksāts', 'daleji apmaksats'].map((word) => [word,
    'means only part of the order\'s amount is paid, so it is no purchase of that amount yet and is not imported; import it again once it is paid in full, or leave it out of the file'] as const),
  // Shopify's expired: the payment's authorisation ran out before it was captured, so no money was taken
  ...['expired', 'kedaluwarsa'].map((word) => [word,
    'means the order\'s payment expired before it was taken, so it was never a purchase and is not imported; leave it out of the file (an order paid after all is imported with its paid status)'] as const),
  ...['failed', 'payment failed', 'gagal', 'pembayaran gagal', 'neizdevās', 'neizdevas'].map((word) => [word,
    'means the order\'s payment failed, so it was never a purchase and is not imported; leave it out of the file (an order paid after all is imported with its paid status)'] as const),
].map(([word, meaning]) => [synonymKey(word), meaning]));

/**
 * WooCommerce's own status codes carry a prefix ("wc-completed", "wc-on-hold"), as its database
 * and some export plugins write them; read as the status they name. Only for statuses.
 */
function statusKey(value: string): string {
  return synonymKey(value).replace(/^wc_/, '');
}

// A file repeats a handful of spellings ("POS", "Completed") a million times; remember what each
// spelling meant instead of normalising it again. Bounded: a column of free text must not grow it.
const foundBySpelling = new WeakMap<Map<string, string>, Map<string, string>>();
const maximumSpellings = 1000;

// What a refused value can do instead: the CLI, the API and the web app map columns, not values,
// so the value itself must change or, where the field may be empty, go. What empty reads as is
// decided in build-order.ts and build-customer.ts; an event's kind must be given (other fits any).
/** What an empty channel reads as, unless the file's orders are given a channel (row-parser.ts, defaultChannel). */
export const emptyChannelMeans = 'the order is then imported with channel other';

const whatEmptyMeans = new Map<Map<string, string>, string>([
  [channelSynonyms, emptyChannelMeans],
  [statusSynonyms, 'the order is then paid, or refunded as far as refunded_amount says'],
  [customerKindSynonyms, 'a new customer is then a person, a known one keeps their kind'],
]);

/** Looks a value up in a synonym table, or stops the row naming the field and the allowed values. */
export function lookUp<T extends string>(field: string, value: string, synonyms: Map<string, T>): T {
  let spellings = foundBySpelling.get(synonyms);
  if (!spellings) foundBySpelling.set(synonyms, (spellings = new Map()));
  const remembered = spellings.get(value) as T | undefined;
  if (remembered !== undefined) return remembered;
  const isStatus = (synonyms as Map<string, string>) === statusSynonyms;
  const key = isStatus ? statusKey(value) : synonymKey(value);
  const found = synonyms.get(key);
  if (found) {
    if (spellings.size >= maximumSpellings) spellings.clear();
    spellings.set(value, found);
    return found;
  }
  const meaning = isStatus ? notPurchases.get(key) : undefined;
  if (meaning !== undefined) fail(field, 'STATUS_NOT_PURCHASE', `status "${value}" ${meaning}`, { value });
  const allowed = [...new Set(synonyms.values())].join(', ');
  const ifEmpty = whatEmptyMeans.get(synonyms);
  const orEmpty = ifEmpty === undefined ? '' : `, or leave it empty (${ifEmpty})`;
  return fail(field, 'VALUE_NOT_ALLOWED', `${field} "${value}" is not one of ${allowed}; change it to one of these${orEmpty}`, { field, value, allowed });
}

// With the words of the product's other languages: a Latvian file writes jā/nē, an Indonesian one ya/tidak.
const booleanValues = new Map([
  ['yes', true], ['y', true], ['true', true], ['1', true], ['t', true], ['jā', true], ['ja', true], ['ya', true],
  ['no', false], ['n', false], ['false', false], ['0', false], ['f', false], ['nē', false], ['ne', false], ['tidak', false],
]);

/** Yes or no in any of the words a file may write, undefined for any other text; the CLI's consent options take the same words. */
export function booleanOf(value: string): boolean | undefined {
  // Most files already write one of the keys ("true", "yes", "1"): skip trimming and lower-casing them.
  return booleanValues.get(value) ?? booleanValues.get(value.trim().toLowerCase().normalize('NFC'));
}

/**
 * What the app's own customer export writes for a consent never asked (customer.consentUnknown in
 * en, id and lv, and Latvian without its marks): no answer, as an empty cell is, so the export
 * reads back as it was written.
 */
const noAnswerWords = new Set(['not asked', 'belum ditanyakan', 'nav jautāts', 'nav jautats']);

/** Whether `value` is a word the export writes for no answer ("Not asked", "Belum ditanyakan", "Nav jautāts"). */
export function isNoAnswer(value: string): boolean {
  return noAnswerWords.has(value.trim().toLowerCase().normalize('NFC').replace(/\s+/g, ' '));
}

/** Yes, no, or null for an empty cell or the export's "not asked"; any other text stops the row as BOOLEAN_INVALID. */
export function parseBoolean(field: string, value: string | null): boolean | null {
  if (value === null) return null;
  const parsed = booleanOf(value);
  if (parsed === undefined && isNoAnswer(value)) return null;
  if (parsed === undefined) fail(field, 'BOOLEAN_INVALID', `${field} "${value}" is not yes/no; use yes, no, true, false, 1, 0, jā, nē, ya or tidak`, { field, value });
  return parsed;
}
