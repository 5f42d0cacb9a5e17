/** What a customer may have agreed to: each is a column of customer (consent_email, consent_sms, consent_whatsapp, consent_profiling). Without zod, for the CLI's help. */
export const consentKinds = ['email', 'sms', 'whatsapp', 'profiling'] as const;
export type ConsentKind = (typeof consentKinds)[number];

/** What a consent lets a business do, as a sentence says who agreed to it ("who agreed to SMS campaigns"). */
export const consentPurpose: Record<ConsentKind, string> = { email: 'email campaigns', sms: 'SMS campaigns', whatsapp: 'WhatsApp campaigns', profiling: 'profiling' };

export const consentColumn = (kind: ConsentKind) => `consent_${kind}` as const;

/**
 * Whether a customer row (with its consent_* columns) may be in a campaign export for `kind`: only a
 * recorded yes counts; one never asked (null) may no more be sent a campaign than one who said no.
 * The CLI's `segments members --csv --consent` and the web app's members export both judge by it.
 */
export function hasAgreedTo(row: Partial<Record<ReturnType<typeof consentColumn>, unknown>>, kind: ConsentKind): boolean {
  return row[consentColumn(kind)] === true;
}
