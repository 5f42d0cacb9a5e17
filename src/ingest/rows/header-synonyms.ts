import type { ImportEntity } from '../canonical.js';

/**
 * Header names that shops and spreadsheets commonly use for a field, in English, Indonesian and
 * Latvian, best first. Only names that mean one field: "Name" is an order's number in Shopify
 * exports, so orders do not guess it; a column the guess gets wrong costs more than one the
 * owner picks by hand. One list for both importers: the web app's mapping guesses from it
 * (web/features/import/import-mapping.ts) and a file import fills its fields from it, money
 * fields aside (column-plan.ts), so a header one understands the other does too.
 */
type Synonyms = Partial<Record<string, readonly string[]>>;

const orderId = ['order', 'order number', 'order no', 'order #', 'invoice', 'invoice number', 'invoice no', 'receipt', 'receipt number', 'transaction id',
  'no pesanan', 'nomor pesanan', 'id pesanan', 'no faktur', 'nomor invoice', 'pasūtījums', 'pasūtījuma numurs', 'pasūtījuma nr', 'rēķina numurs'];
// Shopee's "Username (Pembeli)": the buyer's account, the one column of its export that tells buyers apart (it masks their phones)
const customerId = ['customer', 'customer number', 'customer no', 'client', 'client id', 'member id', 'buyer username', 'pelanggan', 'id pelanggan', 'username pembeli',
  'klients', 'klienta id', 'klienta numurs'];
const email = ['e-mail', 'email address', 'e-mail address', 'surel', 'alamat email', 'e-pasts'];
const phone = ['telephone', 'phone number', 'mobile', 'tel', 'telepon', 'no hp', 'nomor hp', 'no telepon', 'tālrunis', 'telefons', 'tālruņa numurs'];
const when = ['date', 'time', 'datetime', 'timestamp', 'tanggal', 'waktu', 'datums', 'laiks'];
// Shopee's and Tokopedia's "Jumlah" is the quantity, never the order's amount
const quantity = ['qty', 'units', 'pieces', 'pcs', 'kuantitas', 'jumlah', 'jumlah barang', 'jumlah produk', 'jumlah produk dibeli', 'banyaknya', 'daudzums', 'skaits'];
const unitPrice = ['price', 'item price', 'price each', 'harga', 'harga satuan', 'cena', 'vienības cena'];
// the import page's own labels too, as a file headed after reading it has them: "Product code (SKU)", "Produkta kods (SKU)"
const sku = ['item code', 'product code', 'product id', 'item id', 'stock code', 'article number', 'kode barang', 'kode produk', 'artikuls', 'preces kods',
  'product code (sku)', 'kode produk (sku)', 'produkta kods', 'produkta kods (sku)'];
const productName = ['product', 'item', 'item name', 'produk', 'nama produk', 'barang', 'nama barang', 'produkts', 'prece', 'preces nosaukums', 'produkta nosaukums'];
const category = ['product category', 'kategori', 'kategorija', 'kategori produk', 'produkta kategorija'];
const currency = ['currency code', 'mata uang', 'valūta'];
const lineNo = ['line', 'line number', 'baris', 'rinda', 'nomor baris', 'rindas numurs'];
const firstName = ['first name', 'firstname', 'given name', 'forename', 'billing first name', 'nama depan'];
const lastName = ['last name', 'lastname', 'surname', 'family name', 'billing last name', 'nama belakang', 'uzvārds'];
const city = ['town', 'kota', 'pilsēta'];
const region = ['province', 'county', 'provinsi', 'reģions', 'novads', 'region or province', 'wilayah', 'wilayah atau provinsi', 'reģions vai novads'];
const country = ['country code', 'negara', 'valsts'];
// the import page's labels of the buyer's and the recipient's contacts on an order or event
const customerEmail = ['email pelanggan', 'klienta e-pasts'];
const customerPhone = ['telepon pelanggan', 'klienta tālrunis'];

/** What the order's own columns are also called. */
const orderFields: Synonyms = {
  order_id: orderId,
  customer_id: customerId,
  // WooCommerce's billing_email and billing_phone, as its billing_first_name is a first name
  customer_email: ['email', 'customer email', 'billing email', ...email, ...customerEmail],
  customer_phone: ['phone', 'customer phone', 'billing phone', ...phone, ...customerPhone],
  // not "Name": Shopify's "Name" is the order number
  customer_name: ['customer name', 'billing name', 'buyer name', 'nama pelanggan', 'nama pembeli', 'klienta vārds', 'klienta vārds, uzvārds', 'pircēja vārds'],
  customer_first_name: ['customer first name', ...firstName, 'nama depan pelanggan'],
  customer_last_name: ['customer last name', ...lastName, 'nama belakang pelanggan', 'klienta uzvārds'],
  // where the buyer lives: an orders file's address is the buyer's (a billing address, not a
  // shipping one, which may be a gift's). Not "State": an order's state is its status.
  customer_city: ['city', 'customer city', 'billing city', ...city, 'kota pelanggan', 'klienta pilsēta'],
  customer_region: ['region', 'customer region', 'billing province', 'billing province name', 'billing state', ...region,
    'customer region or province', 'wilayah atau provinsi pelanggan', 'klienta reģions vai novads'],
  customer_country: ['country', 'customer country', 'billing country', ...country, 'negara pelanggan', 'klienta valsts'],
  ordered_at: ['order date', 'purchase date', 'transaction date', 'order time', 'created at', ...when, 'tanggal pesanan', 'waktu pesanan dibuat', 'pasūtījuma datums'],
  // not "Jumlah": the quantity in Shopee's and Tokopedia's exports. Shopee's order total is "Total
  // Pembayaran", Tokopedia's "Total Penjualan (IDR)" or, in English, "Total Amount (Rp.)".
  amount: ['total', 'order total', 'total amount', 'grand total', 'sum', 'amount paid', 'total harga', 'total pembayaran', 'total penjualan', 'total penjualan idr',
    'total amount rp', 'total pesanan', 'summa', 'kopā', 'kopsumma', 'pasūtījuma summa'],
  currency,
  channel: ['sales channel', 'saluran', 'saluran penjualan', 'kanāls', 'pārdošanas kanāls'],
  status: ['order status', 'payment status', 'financial status', 'status pesanan', 'status terakhir', 'statuss', 'pasūtījuma statuss'],
  refunded_amount: ['refund', 'refunded', 'refund amount', 'refunded total', 'amount refunded', 'pengembalian dana', 'jumlah dikembalikan', 'atmaksa', 'atmaksāts',
    'atmaksāts (eur)', 'atmaksātā summa'],
  returned_quantity: ['kuantitas dikembalikan', 'atgrieztais daudzums'],
  recipient_id: ['recipient customer id', "recipient's customer id", 'id pelanggan penerima', 'saņēmēja klienta id'],
  recipient_email: ["recipient's email", 'email penerima', 'saņēmēja e-pasts'],
  recipient_phone: ["recipient's phone", 'telepon penerima', 'saņēmēja tālrunis'],
  discount_amount: ['discount', 'diskon', 'potongan', 'atlaide'],
  promotion_code: ['promo code', 'coupon', 'coupon code', 'discount code', 'voucher', 'kode promo', 'kupon', 'atlaides kods', 'akcijas kods'],
  location: ['store', 'shop', 'branch', 'outlet', 'store or branch', 'toko', 'cabang', 'toko atau cabang', 'veikals', 'filiāle', 'veikals vai filiāle'],
  sku, product_name: productName, category, quantity, unit_price: unitPrice, line_no: lineNo,
};

export const headerSynonyms: Record<ImportEntity, Synonyms> = {
  customers: {
    customer_id: ['id', ...customerId],
    name: ['customer name', 'full name', 'client name', 'nama', 'nama lengkap', 'nama pelanggan', 'vārds', 'vārds uzvārds', 'klienta vārds'],
    first_name: firstName,
    last_name: lastName,
    email: ['customer email', 'client email', ...email],
    phone: ['phone', 'customer phone', 'client phone', ...phone],
    birth_year: ['year of birth', 'born', 'tahun lahir', 'dzimšanas gads'],
    gender: ['sex', 'jenis kelamin', 'dzimums'],
    income_band: ['kelompok pendapatan', 'ienākumu grupa'],
    kind: ['person or company', 'perorangan atau perusahaan', 'privātpersona vai uzņēmums'],
    city,
    region: ['state', ...region],
    country,
    created_at: ['customer since', 'signup date', 'sign up date', 'registration date', 'date joined', 'tanggal daftar', 'pelanggan sejak', 'reģistrācijas datums', 'klients kopš'],
    // with the headers of the app's own spreadsheet export (customers.export.columns), so it reads back in en, id and lv
    // (Indonesian exports said "Izin: …" before "Persetujuan: …"), and the import page's labels ("Agrees to emails")
    consent_email: ['email consent', 'email opt in', 'accepts email marketing', 'consent: email marketing', 'persetujuan: pemasaran email', 'izin: pemasaran email', 'piekrišana: e-pasta mārketings',
      'agrees to emails', 'setuju menerima email', 'piekrīt e-pastiem'],
    consent_sms: ['sms consent', 'sms opt in', 'accepts sms marketing', 'consent: sms marketing', 'persetujuan: pemasaran sms', 'izin: pemasaran sms', 'piekrišana: sms mārketings',
      'agrees to text messages', 'setuju menerima sms', 'piekrīt īsziņām'],
    consent_whatsapp: ['whatsapp consent', 'whatsapp opt in', 'opt in whatsapp', 'accepts whatsapp', 'accepts whatsapp marketing', 'wa consent', 'wa opt in',
      'consent: whatsapp marketing', 'izin whatsapp', 'persetujuan: pemasaran whatsapp', 'izin: pemasaran whatsapp', 'piekrišana: whatsapp mārketings',
      'agrees to whatsapp messages', 'setuju menerima pesan whatsapp', 'piekrīt whatsapp ziņām'],
    consent_profiling: ['profiling consent', 'consent: profiling', 'persetujuan: pembuatan profil', 'izin: pembuatan profil', 'piekrišana: profilēšana',
      'agrees to profiling', 'setuju diprofilkan', 'piekrīt profilēšanai'],
  },
  orders: orderFields,
  lines: { order_id: orderId, line_no: lineNo, sku, product_name: productName, category, quantity, unit_price: unitPrice, currency },
  products: { sku, name: ['product name', ...productName, 'title', 'nosaukums'], category, unit_price: unitPrice, currency },
  events: {
    event_id: ['event', 'event number', 'id peristiwa', 'notikuma id'],
    customer_id: customerId,
    customer_email: ['email', 'customer email', ...email, ...customerEmail],
    customer_phone: ['phone', 'customer phone', ...phone, ...customerPhone],
    kind: ['event type', 'type', 'action', 'what happened', 'jenis', 'jenis peristiwa', 'notikums', 'veids', 'notikuma veids'],
    channel: ['saluran', 'kanāls'],
    occurred_at: ['event date', 'event time', ...when, 'tanggal peristiwa', 'notikuma datums'],
    detail: ['details', 'description', 'note', 'notes', 'comment', 'keterangan', 'catatan', 'apraksts', 'piezīmes', 'sīkāka informācija'],
  },
};

type NameFields = {
  name: string; first: string; last: string;
  /**
   * Headers that mean the whole name alone but the first name beside a last-name column: a
   * customers file's "Name" beside "Surname", Latvian "Vārds" beside "Uzvārds", Indonesian "Nama"
   * beside "Nama belakang". Not an order's "Name": Shopify's is the order number.
   */
  wholeOrFirst: readonly string[];
};

/** Fields of an entity that hold a whole name and its parts (build-customer.ts, build-order.ts). */
const nameFields: Partial<Record<ImportEntity, NameFields>> = {
  customers: { name: 'name', first: 'first_name', last: 'last_name', wholeOrFirst: ['name', 'nama', 'vārds'] },
  orders: { name: 'customer_name', first: 'customer_first_name', last: 'customer_last_name', wholeOrFirst: ['vārds', 'klienta vārds'] },
};

/** The headers named like one of `names` ("Last Name" and "last_name" like last_name). */
function headersNamed(headers: readonly string[], names: readonly string[]): string[] {
  const words = new Set(names.map(headerWords));
  return headers.filter((header) => words.has(headerWords(header)));
}

/**
 * The synonyms for a file with these headers. A Latvian "Vārds" is the whole name alone but the
 * first name beside an "Uzvārds" column: read as the whole name there, it would win over the
 * parts and the surname would be lost. So when a column is named as a last name, and none as a
 * first name ("Nama depan"; beside one, "Nama" is the whole name), such names move from the whole
 * name's list to the first name's.
 */
export function synonymsFor(entity: ImportEntity, headers: readonly string[]): Synonyms {
  const synonyms = headerSynonyms[entity];
  const fields = nameFields[entity];
  if (fields === undefined || headersNamed(headers, [fields.last, ...(synonyms[fields.last] ?? [])]).length === 0) return synonyms;
  if (headersNamed(headers, [fields.first, ...(synonyms[fields.first] ?? [])]).length > 0) return synonyms;
  const moving = new Set(fields.wholeOrFirst.map(headerWords));
  return {
    ...synonyms,
    [fields.name]: (synonyms[fields.name] ?? []).filter((name) => !moving.has(headerWords(name))),
    [fields.first]: [...(synonyms[fields.first] ?? []), ...fields.wholeOrFirst],
  };
}

/**
 * The columns of a name split in two, read as its parts: one column named like a last name
 * ("Surname", "Last name", "Uzvārds", "Nama belakang"; or the one `stated` maps to it) and one
 * named like a first name, else one named like the whole name alone ("Name", "Vārds", "Nama"),
 * which beside a surname holds the first name. A customers file with "Name" and "Surname" then
 * stores "Ann Lee", not "Ann" with the surname left unread. Empty when the file has no such pair
 * (several columns could be either part), or `stated` already says where the first or whole
 * name is: what --map or the person mapping says is obeyed.
 */
export function splitNameColumns(entity: ImportEntity, headers: readonly string[], stated: Readonly<Record<string, string>> = {}): Array<{ field: string; column: string }> {
  const fields = nameFields[entity];
  if (fields === undefined || stated[fields.name] !== undefined || stated[fields.first] !== undefined) return [];
  const synonyms = headerSynonyms[entity];
  // a column --map gives another field stays that field's
  const taken = new Set(Object.entries(stated).filter(([field]) => field !== fields.last).map(([, column]) => column));
  const free = headers.filter((header) => !taken.has(header));
  const lasts = stated[fields.last] !== undefined ? [stated[fields.last]] : headersNamed(free, [fields.last, ...(synonyms[fields.last] ?? [])]);
  if (lasts.length !== 1) return [];
  const others = free.filter((header) => header !== lasts[0]);
  const firsts = headersNamed(others, [fields.first, ...(synonyms[fields.first] ?? [])]);
  const first = firsts.length > 0 ? firsts : headersNamed(others, fields.wholeOrFirst);
  if (first.length !== 1) return [];
  return [{ field: fields.first, column: first[0] }, { field: fields.last, column: lasts[0] }];
}

/**
 * A header as the synonyms are compared: case, accents, spaces and punctuation do not matter
 * ("Order #", "order-no.", "Pasūtījuma Nr." all compare by their letters and digits).
 */
export function headerWords(header: string): string {
  return header.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}#]+/gu, ' ').trim();
}
