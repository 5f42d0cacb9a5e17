import type { Preset } from './preset.js';

/** Yearly household income → a band; the file's currency is not stated, so bands are unitless. */
export function incomeBand(raw: string | null | undefined): string | null {
  const income = Number(raw?.trim() || NaN);
  if (!Number.isFinite(income)) return null;
  if (income < 25_000) return '<25k';
  if (income < 50_000) return '25k-50k';
  if (income < 75_000) return '50k-75k';
  if (income < 100_000) return '75k-100k';
  return '100k+';
}

/** Kaggle "Customer Personality Analysis" (data/datasets/customer-personality): one customer per row. */
export const customerPersonality: Preset = {
  name: 'customer-personality',
  description: 'Kaggle "Customer Personality Analysis" marketing_campaign.csv (tab-separated): customers with birth year, income band, enrolment date, education, marital status and children.',
  entity: 'customers',
  source: 'customer-personality',
  reader: { format: 'csv', delimiter: '\t' },
  dateFormat: 'dd-MM-yyyy',
  mapping: {
    customer_id: 'ID',
    birth_year: 'Year_Birth',
    created_at: 'Dt_Customer',
    income_band: '=income_band',
    'attribute.education': 'Education',
    'attribute.marital_status': 'Marital_Status',
    'attribute.kids_at_home': 'Kidhome',
    'attribute.teens_at_home': 'Teenhome',
  },
  addedColumns: ['=income_band'],
  createTransform() {
    return (values) => ({ values: { ...values, '=income_band': incomeBand(values.Income) } });
  },
};
