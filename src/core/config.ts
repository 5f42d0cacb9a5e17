import { resolve } from 'node:path';
import { AppError } from './errors.js';
import { readSwitch } from './env-switch.js';
import { storeDefaults } from './store-defaults.js';
import { isKnownCurrency } from './money.js';
import { isIanaTimeZoneName, isPhoneCountry } from './store-choices.js';
import { parseTrustedProxies, trustedProxiesVariable } from './trusted-proxies.js';
import { isLogLevel, logLevels, type LogLevel } from './log-levels.js';

/** Process configuration from the environment, validated once at start. */
export type Config = {
  /** A postgres:// URL or a directory for the embedded store. */
  database: string;
  host: string;
  port: number;
  timeZone: string;
  currency: string;
  defaultCountry: string;
  ownerEmail: string;
  ownerPassword: string | null;
  /**
   * LOG_LEVEL (a pino level), or null when it is not set: then the server logs at info but leaves
   * out each request's lines on an interactive console, where they pushed the sign-in banner away.
   */
  logLevel: LogLevel | null;
  /** Set behind a TLS-terminating proxy so cookies get the Secure flag. */
  isBehindTls: boolean;
  /**
   * Behind TLS, the proxies (address/prefix ranges) besides loopback whose X-Forwarded-For gives the
   * client's address (CLIENTELE_TRUSTED_PROXIES); from any other peer the header is ignored.
   */
  trustedProxies: string[];
  /** The embedded store's buffer pool (PostgreSQL's shared_buffers, e.g. 32MB); null keeps PostgreSQL's 128MB. */
  embeddedSharedBuffers: string | null;
  /** How many requests one API key may make in a minute (a fixed window); staff sessions are not limited. */
  apiKeyRequestsPerMinute: number;
};

/**
 * Ten a second on average: far above what an order feed or a BI tool sends, low enough that a
 * runaway script cannot hold the main thread (and the embedded store on it) from everyone else.
 */
export const defaultApiKeyRequestsPerMinute = 600;

export { isLogLevel, logLevels, type LogLevel } from './log-levels.js';

export function defaultDataDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.CLIENTELE_DATA_DIR ?? '.clientele');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('CONFIG_INVALID', `PORT must be a number between 0 and 65535, got "${env.PORT}".`, { field: 'PORT' });
  }
  const timeZone = env.CLIENTELE_TIMEZONE ?? storeDefaults.timeZone;
  if (!isValidTimeZone(timeZone)) {
    throw new AppError('CONFIG_INVALID', `CLIENTELE_TIMEZONE "${timeZone}" is not an IANA time zone such as Asia/Jakarta or Europe/Riga.`, { field: 'CLIENTELE_TIMEZONE' });
  }
  const currency = (env.CLIENTELE_CURRENCY ?? storeDefaults.currency).toUpperCase();
  if (!isKnownCurrency(currency)) {
    throw new AppError('CONFIG_INVALID', `CLIENTELE_CURRENCY "${currency}" is not a known ISO 4217 code such as IDR, EUR or USD.`, { field: 'CLIENTELE_CURRENCY' });
  }
  const defaultCountry = (env.CLIENTELE_DEFAULT_COUNTRY ?? storeDefaults.defaultCountry).toUpperCase();
  if (!isPhoneCountry(defaultCountry)) {
    throw new AppError('CONFIG_INVALID', `CLIENTELE_DEFAULT_COUNTRY must be a two-letter ISO 3166 country code with phone numbers, such as ID or LV, got "${defaultCountry}".`, { field: 'CLIENTELE_DEFAULT_COUNTRY' });
  }
  const embeddedSharedBuffers = env.CLIENTELE_EMBEDDED_SHARED_BUFFERS?.trim() || null;
  if (embeddedSharedBuffers !== null && !/^\d{1,6}(kB|MB|GB)$/.test(embeddedSharedBuffers)) {
    throw new AppError('CONFIG_INVALID', `CLIENTELE_EMBEDDED_SHARED_BUFFERS must be a size such as 32MB or 1GB, got "${embeddedSharedBuffers}".`, { field: 'CLIENTELE_EMBEDDED_SHARED_BUFFERS' });
  }
  const apiKeyRequestsPerMinute = Number(env.CLIENTELE_API_KEY_REQUESTS_PER_MINUTE?.trim() || defaultApiKeyRequestsPerMinute);
  if (!Number.isInteger(apiKeyRequestsPerMinute) || apiKeyRequestsPerMinute < 1) {
    throw new AppError('CONFIG_INVALID', `CLIENTELE_API_KEY_REQUESTS_PER_MINUTE must be a whole number of requests of at least 1 (default ${defaultApiKeyRequestsPerMinute}), got "${env.CLIENTELE_API_KEY_REQUESTS_PER_MINUTE}".`, { field: 'CLIENTELE_API_KEY_REQUESTS_PER_MINUTE' });
  }
  const logLevel = env.LOG_LEVEL?.trim().toLowerCase() || null;
  if (logLevel !== null && !isLogLevel(logLevel)) {
    throw new AppError('CONFIG_INVALID', `LOG_LEVEL must be one of ${logLevels.join(', ')}, got "${env.LOG_LEVEL}"; unset it for info without each request's lines on a console.`, { field: 'LOG_LEVEL' });
  }
  const isBehindTls = readSwitch(env, 'CLIENTELE_TLS');
  const trustedProxies = parseTrustedProxies(env[trustedProxiesVariable]);
  if (trustedProxies.length > 0 && !isBehindTls) {
    const tlsSetting = env.CLIENTELE_TLS?.trim() ? `CLIENTELE_TLS is off ("${env.CLIENTELE_TLS}")` : 'CLIENTELE_TLS is not set';
    throw new AppError('CONFIG_INVALID', `${trustedProxiesVariable} is set but ${tlsSetting}: proxies are trusted only behind TLS. Set CLIENTELE_TLS=1 as well, or unset ${trustedProxiesVariable}.`, { field: trustedProxiesVariable });
  }
  return {
    database: env.DATABASE_URL ?? defaultDataDirectory(env),
    host: env.HOST ?? '127.0.0.1',
    port,
    timeZone,
    currency,
    defaultCountry,
    ownerEmail: env.CLIENTELE_OWNER_EMAIL ?? 'owner@clientele.local',
    ownerPassword: env.CLIENTELE_OWNER_PASSWORD ?? null,
    logLevel,
    isBehindTls,
    trustedProxies,
    embeddedSharedBuffers,
    apiKeyRequestsPerMinute,
  };
}


export function isValidTimeZone(timeZone: string): boolean {
  return isIanaTimeZoneName(timeZone);
}
