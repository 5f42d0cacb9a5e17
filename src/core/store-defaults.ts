/**
 * What a store uses until it says otherwise (CLIENTELE_CURRENCY, CLIENTELE_TIMEZONE,
 * CLIENTELE_DEFAULT_COUNTRY, or its settings). One place, because purchase days are
 * cut and analyses dated in the same time zone: a store without a stored zone must
 * not get one zone at import and another at analysis.
 */
export const storeDefaults = { currency: 'IDR', timeZone: 'Asia/Jakarta', defaultCountry: 'ID' } as const;
