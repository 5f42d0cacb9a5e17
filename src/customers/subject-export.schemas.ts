import { z } from 'zod';
import { subjectExportSections } from './subject-export.js';

/** The subject access export's answer: its header, then one key per section, described as the document's own `sections` describes it. */
export const subjectExportSchema = z.object({
  generatedAt: z.string().describe('When the document was made (ISO 8601, UTC)'),
  customerId: z.number().int(),
  currency: z.string().describe("The store's currency: amounts in minor units are in it unless an order names another"),
  timeZone: z.string().describe("The store's time zone: times are UTC instants, the store's days are this zone's"),
  sections: z.record(z.string(), z.string()).describe('What each section holds, in words, for whoever reads the document later'),
  ...Object.fromEntries(Object.entries(subjectExportSections).map(([key, description]) => [key, z.unknown().describe(description)])),
});
