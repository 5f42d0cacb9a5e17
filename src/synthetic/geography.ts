/**
 * Where the synthetic chain's customers live and where its shops are. City size
 * (tier) is one of the traits the planted personas differ in.
 */

export type CityTier = 'metro' | 'large' | 'small';

export type City = {
  name: string;
  region: string;
  tier: CityTier;
  /** Relative population weight within its tier. */
  weight: number;
  /** Shops customers of this city walk into (nearest city's shops when it has none). */
  shops: readonly string[];
};

const jakartaShops = ['Jakarta Kemang', 'Jakarta Menteng', 'Jakarta Kelapa Gading', 'Jakarta Sudirman'];
const bandungShops = ['Bandung Dago', 'Bandung Braga'];
const surabayaShops = ['Surabaya Tunjungan', 'Surabaya Darmo'];
const yogyakartaShops = ['Yogyakarta Malioboro', 'Yogyakarta Kaliurang'];
const denpasarShops = ['Denpasar Renon'];
const semarangShops = ['Semarang Simpang Lima'];
const malangShops = ['Malang Ijen'];
const medanShops = ['Medan Merdeka'];

export const cities: readonly City[] = [
  { name: 'Jakarta', region: 'DKI Jakarta', tier: 'metro', weight: 10, shops: jakartaShops },
  { name: 'Surabaya', region: 'Jawa Timur', tier: 'metro', weight: 3, shops: surabayaShops },
  { name: 'Bandung', region: 'Jawa Barat', tier: 'metro', weight: 2.5, shops: bandungShops },
  { name: 'Tangerang', region: 'Banten', tier: 'large', weight: 2, shops: jakartaShops },
  { name: 'Bekasi', region: 'Jawa Barat', tier: 'large', weight: 2, shops: jakartaShops },
  { name: 'Depok', region: 'Jawa Barat', tier: 'large', weight: 1.5, shops: jakartaShops },
  { name: 'Medan', region: 'Sumatera Utara', tier: 'large', weight: 2, shops: medanShops },
  { name: 'Semarang', region: 'Jawa Tengah', tier: 'large', weight: 1.5, shops: semarangShops },
  { name: 'Denpasar', region: 'Bali', tier: 'large', weight: 1, shops: denpasarShops },
  { name: 'Makassar', region: 'Sulawesi Selatan', tier: 'large', weight: 1, shops: [] },
  { name: 'Yogyakarta', region: 'DI Yogyakarta', tier: 'small', weight: 2, shops: yogyakartaShops },
  { name: 'Sleman', region: 'DI Yogyakarta', tier: 'small', weight: 1, shops: yogyakartaShops },
  { name: 'Malang', region: 'Jawa Timur', tier: 'small', weight: 1.5, shops: malangShops },
  { name: 'Surakarta', region: 'Jawa Tengah', tier: 'small', weight: 1, shops: semarangShops },
  { name: 'Bogor', region: 'Jawa Barat', tier: 'small', weight: 1.5, shops: jakartaShops },
  { name: 'Cirebon', region: 'Jawa Barat', tier: 'small', weight: 0.7, shops: bandungShops },
  { name: 'Sidoarjo', region: 'Jawa Timur', tier: 'small', weight: 1, shops: surabayaShops },
  { name: 'Badung', region: 'Bali', tier: 'small', weight: 0.8, shops: denpasarShops },
  { name: 'Purwokerto', region: 'Jawa Tengah', tier: 'small', weight: 0.5, shops: [] },
];

export const allShops: readonly string[] = [
  ...jakartaShops, ...bandungShops, ...surabayaShops, ...yogyakartaShops,
  ...denpasarShops, ...semarangShops, ...malangShops, ...medanShops,
];

export const marketplaceName = 'Tokoseru Marketplace';
export const countryCode = 'ID';
export const currency = 'IDR';
// The name alone, the same in every language: each surface that shows the store says itself, from the
// store's is_synthetic flag, that the data is synthetic (the web header's translated badge, the start banner).
export const chainName = 'Roti & Kopi Nusantara';

export function citiesOfTier(tier: CityTier): City[] {
  return cities.filter((city) => city.tier === tier);
}
