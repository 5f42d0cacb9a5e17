import type { Season } from './calendar.js';

/** The chain's product categories; personas differ in how they mix them. */
export const categories = ['coffee', 'tea', 'pastry', 'bread', 'cake', 'sandwich', 'merchandise', 'beans'] as const;
export type Category = (typeof categories)[number];

export type Product = {
  sku: string;
  name: string;
  category: Category;
  /** Today's price in IDR (no minor units). */
  unitPrice: number;
  /** Relative popularity within its category. */
  popularity: number;
  /** Sells mostly in these seasons (kue lebaran jars, Christmas stollen). */
  seasons?: readonly Season[];
};

const lebaranSeasons: readonly Season[] = ['ramadan', 'pre-lebaran'];
const christmasSeasons: readonly Season[] = ['december', 'christmas'];

type ProductSpec = [name: string, unitPrice: number, popularity: number, seasons?: readonly Season[]];

const specs: Record<Category, ProductSpec[]> = {
  coffee: [
    ['Kopi Susu Gula Aren', 28_000, 10], ['Americano', 25_000, 5], ['Cappuccino', 32_000, 5],
    ['Caffe Latte', 32_000, 6], ['Flat White', 34_000, 3], ['Es Kopi Pandan', 30_000, 4],
    ['Espresso', 22_000, 2], ['Kopi Tubruk', 18_000, 3], ['Mocha', 35_000, 2], ['Cold Brew', 33_000, 3],
  ],
  tea: [
    ['Teh Tarik', 22_000, 5], ['Es Teh Leci', 24_000, 5], ['Matcha Latte', 35_000, 4],
    ['Teh Melati', 18_000, 3], ['Chai Latte', 32_000, 2],
  ],
  pastry: [
    ['Croissant', 25_000, 6], ['Pain au Chocolat', 28_000, 4], ['Cheese Danish', 27_000, 3],
    ['Bolen Pisang', 20_000, 4], ['Kue Sus', 15_000, 3], ['Pastel', 12_000, 3], ['Roti Maryam', 18_000, 2],
  ],
  bread: [
    ['Roti Sobek', 28_000, 6], ['Roti Tawar Gandum', 32_000, 5], ['Sourdough Loaf', 55_000, 2],
    ['Roti Abon', 15_000, 5], ['Roti Coklat Keju', 14_000, 6], ['Baguette', 30_000, 2],
  ],
  cake: [
    ['Bolu Pandan', 85_000, 4], ['Lapis Legit', 320_000, 1, lebaranSeasons], ['Black Forest Slice', 38_000, 5],
    ['Cheesecake Slice', 42_000, 4], ['Kue Lapis Slice', 20_000, 4], ['Nastar Jar', 150_000, 1, lebaranSeasons],
    ['Kastengel Jar', 160_000, 1, lebaranSeasons], ['Birthday Cake 20cm', 350_000, 1],
    ['Brownies Kukus', 65_000, 4], ['Stollen', 180_000, 1, christmasSeasons],
  ],
  sandwich: [
    ['Sandwich Ayam Panggang', 38_000, 5], ['Croissant Sandwich Tuna', 42_000, 4],
    ['Beef Pastrami Sandwich', 48_000, 3], ['Egg Mayo Sandwich', 32_000, 4], ['Snack Box Kantor', 35_000, 3],
  ],
  merchandise: [
    ['Tumbler "Nusantara"', 185_000, 4], ['Mug Keramik', 95_000, 3], ['Tote Bag', 75_000, 3],
    ['Gift Card 100k', 100_000, 2], ['French Press', 350_000, 1],
  ],
  beans: [
    ['Arabica Gayo 250g', 120_000, 4], ['Arabica Toraja 250g', 135_000, 3], ['Kintamani 250g', 125_000, 3],
    ['Java Preanger 250g', 115_000, 3], ['Robusta Lampung 500g', 95_000, 3], ['House Blend, 1kg', 320_000, 2],
  ],
};

const skuPrefixes: Record<Category, string> = {
  coffee: 'COF', tea: 'TEA', pastry: 'PST', bread: 'BRD', cake: 'CAK', sandwich: 'SDW', merchandise: 'MER', beans: 'BNS',
};

export const products: readonly Product[] = categories.flatMap((category) =>
  specs[category].map(([name, unitPrice, popularity, seasons], index): Product => ({
    sku: `${skuPrefixes[category]}-${String(index + 1).padStart(3, '0')}`,
    name, category, unitPrice, popularity, ...(seasons ? { seasons } : {}),
  })),
);

export const productsByCategory: Record<Category, Product[]> = Object.fromEntries(
  categories.map((category) => [category, products.filter((product) => product.category === category)]),
) as Record<Category, Product[]>;

/** Prices rose about 6% a year; older orders carry the price of their year. */
export const yearlyPriceIncrease = 0.06;

/** Rounds IDR to the nearest 500, as shops price. */
export function roundPrice(amount: number): number {
  return Math.max(500, Math.round(amount / 500) * 500);
}

export type Promotion = {
  code: string;
  /** Percentage off the subtotal, or a flat amount in IDR. */
  percentOff?: number;
  amountOff?: number;
  maximumOff?: number;
  seasons?: readonly Season[];
  channels?: readonly string[];
};

export const promotions: readonly Promotion[] = [
  { code: 'HEMAT10', percentOff: 10, maximumOff: 25_000 },
  { code: 'NGOPI20', percentOff: 20, maximumOff: 20_000 },
  { code: 'APP5K', amountOff: 5_000, channels: ['mobile'] },
  { code: 'TOKOSERU15', percentOff: 15, maximumOff: 30_000, channels: ['marketplace'] },
  { code: 'MAHASISWA25', percentOff: 25, maximumOff: 15_000 },
  { code: 'LEBARAN25', percentOff: 25, maximumOff: 100_000, seasons: ['ramadan', 'pre-lebaran'] },
  { code: 'DESEMBER15', percentOff: 15, maximumOff: 50_000, seasons: ['december', 'christmas'] },
  { code: 'KANTOR10', percentOff: 10, maximumOff: 150_000, channels: ['phone', 'web'] },
];

export function discountFor(promotion: Promotion, subtotal: number): number {
  const raw = promotion.amountOff ?? (subtotal * (promotion.percentOff ?? 0)) / 100;
  const capped = Math.min(raw, promotion.maximumOff ?? raw, subtotal);
  return Math.floor(capped / 100) * 100;
}
