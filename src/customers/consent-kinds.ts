/** What a customer may have agreed to: each is a column of customer (consent_email, …). Without zod, for the CLI's help. */
export const consentKinds = ['email', 'sms', 'profiling'] as const;
export type ConsentKind = (typeof consentKinds)[number];

export const consentColumn = (kind: ConsentKind) => `consent_${kind}` as const;
