import type { CustomerKind, OrderChannel } from '../db/schema.js';
import type { Category } from './catalogue.js';
import type { CityTier } from './geography.js';

/**
 * The planted groups. They differ on purpose in age, income, city size,
 * channel mix, category mix, weekly rhythm, frequency and spend, so that a
 * clustering of the generated data can be scored against `truth.csv`.
 */
export const personaNames = ['urban-mobile', 'office-catering', 'family-weekend', 'student-promo', 'affluent-regular'] as const;
export type PersonaName = (typeof personaNames)[number];

export const incomeBands = ['<5M', '5-10M', '10-20M', '>20M'] as const;
export type OrderingChannel = Exclude<OrderChannel, 'other'>;
export const orderingChannels: readonly OrderingChannel[] = ['store', 'web', 'mobile', 'marketplace', 'phone'];

export type Persona = {
  name: PersonaName;
  share: number;
  kind: CustomerKind;
  ageRange: [number, number];
  femaleShare: number;
  /** Weights over `incomeBands`. */
  incomeWeights: [number, number, number, number];
  tierWeights: Record<CityTier, number>;
  /** Weights over `orderingChannels`. */
  channelWeights: [number, number, number, number, number];
  categoryWeights: Partial<Record<Category, number>>;
  /** Gamma-distributed purchase rate across members: mean purchases per month and shape. */
  monthlyRateMean: number;
  rateShape: number;
  /** Beta(a, b) for the probability of dropping out after each purchase (BG/NBD). */
  dropoutBeta: [number, number];
  linesRange: [number, number];
  quantityRange: [number, number];
  /** Share of members who buy mostly with promotion codes. */
  promotionDrivenShare: number;
  /** Monday … Sunday volume weights (mean 1). */
  weekly: [number, number, number, number, number, number, number];
  /** Local hours at which members order, with weights. */
  hours: ReadonlyArray<[hour: number, weight: number]>;
};

export const personas: readonly Persona[] = [
  {
    name: 'urban-mobile', share: 0.3, kind: 'person', ageRange: [21, 32], femaleShare: 0.55,
    incomeWeights: [1, 5, 4, 1], tierWeights: { metro: 9, large: 1, small: 0 },
    channelWeights: [0.25, 0.07, 0.65, 0.03, 0], categoryWeights: { coffee: 6, tea: 1.5, pastry: 2, sandwich: 1 },
    monthlyRateMean: 3, rateShape: 2.5, dropoutBeta: [1.5, 20], linesRange: [1, 2], quantityRange: [1, 2],
    promotionDrivenShare: 0.1, weekly: [1.1, 1.1, 1.1, 1.1, 1.1, 0.75, 0.75],
    hours: [[7, 5], [8, 7], [9, 4], [12, 2], [15, 3], [16, 3], [19, 1], [21, 1]],
  },
  {
    name: 'office-catering', share: 0.06, kind: 'organization', ageRange: [0, 0], femaleShare: 0,
    incomeWeights: [0, 0, 0, 0], tierWeights: { metro: 9, large: 2, small: 0 },
    channelWeights: [0.05, 0.45, 0, 0, 0.5], categoryWeights: { sandwich: 5, cake: 2.5, pastry: 2.5, coffee: 1.5, tea: 0.5 },
    monthlyRateMean: 1.6, rateShape: 3, dropoutBeta: [1, 40], linesRange: [2, 5], quantityRange: [8, 40],
    promotionDrivenShare: 0.05, weekly: [1.4, 1.4, 1.4, 1.4, 1.3, 0.08, 0.02],
    hours: [[8, 3], [9, 5], [10, 4], [11, 2], [13, 1], [14, 1]],
  },
  {
    name: 'family-weekend', share: 0.28, kind: 'person', ageRange: [34, 52], femaleShare: 0.65,
    incomeWeights: [2, 6, 2, 0.3], tierWeights: { metro: 0.5, large: 2, small: 7 },
    channelWeights: [0.82, 0.05, 0.03, 0.02, 0.08], categoryWeights: { bread: 6, cake: 4, pastry: 2, tea: 1, coffee: 0.5 },
    monthlyRateMean: 1.1, rateShape: 3, dropoutBeta: [1.2, 25], linesRange: [2, 4], quantityRange: [1, 3],
    promotionDrivenShare: 0.1, weekly: [0.6, 0.6, 0.6, 0.7, 0.9, 1.9, 1.7],
    hours: [[9, 3], [10, 5], [11, 4], [15, 3], [16, 4], [17, 3], [18, 2]],
  },
  {
    name: 'student-promo', share: 0.22, kind: 'person', ageRange: [18, 23], femaleShare: 0.5,
    incomeWeights: [9, 1, 0, 0], tierWeights: { metro: 2, large: 1, small: 5 },
    channelWeights: [0.1, 0.02, 0.28, 0.6, 0], categoryWeights: { coffee: 3, tea: 4, pastry: 3 },
    monthlyRateMean: 1.2, rateShape: 1.5, dropoutBeta: [2, 10], linesRange: [1, 2], quantityRange: [1, 2],
    promotionDrivenShare: 0.85, weekly: [1, 1, 1, 1, 1.1, 1, 0.9],
    hours: [[10, 2], [13, 3], [14, 3], [19, 3], [20, 4], [21, 4], [22, 3]],
  },
  {
    name: 'affluent-regular', share: 0.14, kind: 'person', ageRange: [38, 62], femaleShare: 0.45,
    incomeWeights: [0, 0, 1, 9], tierWeights: { metro: 8, large: 3, small: 0.3 },
    channelWeights: [0.5, 0.4, 0.1, 0, 0], categoryWeights: { beans: 5, merchandise: 2, coffee: 3, cake: 1.5 },
    monthlyRateMean: 1.8, rateShape: 4, dropoutBeta: [1, 60], linesRange: [1, 3], quantityRange: [1, 2],
    promotionDrivenShare: 0.02, weekly: [0.9, 0.9, 0.9, 0.9, 0.9, 1.3, 1.2],
    hours: [[7, 2], [8, 3], [10, 3], [11, 3], [14, 2], [16, 2], [19, 2]],
  },
];

export function personaByName(name: PersonaName): Persona {
  const persona = personas.find((candidate) => candidate.name === name);
  if (!persona) throw new Error(`Unknown persona ${name}`);
  return persona;
}
