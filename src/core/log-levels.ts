/** pino's levels, most to least severe; `silent` logs nothing. Apart from config.ts so that the CLI's command tree registers `serve --log-level` without loading the config's checks (phone numbers, proxy addresses). */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export function isLogLevel(value: string): value is LogLevel {
  return (logLevels as readonly string[]).includes(value);
}
