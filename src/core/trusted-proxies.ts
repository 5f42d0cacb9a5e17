import ipaddr from 'ipaddr.js';
import { AppError } from './errors.js';

/** The environment variable naming the proxies, beyond loopback, whose X-Forwarded-For is believed. */
export const trustedProxiesVariable = 'CLIENTELE_TRUSTED_PROXIES';

/**
 * A proxy on the same machine is always trusted: only a process there can connect from loopback,
 * and the default `HOST` (127.0.0.1) accepts no one else.
 */
const loopbackRanges = ['127.0.0.0/8', '::1/128'];

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Reads a comma-separated list of addresses and CIDR ranges (`10.0.0.0/8,192.168.1.5,fd00::/8`)
 * into ranges written as `address/prefix`. An entry that is neither is refused, naming it: a
 * typo here would otherwise leave the proxy untrusted and every client counted as the proxy.
 */
export function parseTrustedProxies(text: string | undefined, variable = trustedProxiesVariable): string[] {
  const entries = (text ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return entries.map((entry) => {
    const range = rangeOf(entry);
    if (!range) {
      throw new AppError(
        'CONFIG_INVALID',
        `${variable}: "${entry}" is not an IP address or CIDR range; list the reverse proxies' addresses separated by commas, such as 10.0.0.0/8,192.168.1.5.`,
        { field: variable },
      );
    }
    return `${range[0].toString()}/${range[1]}`;
  });
}

/**
 * Whether `proxies` (parsed by `parseTrustedProxies`) or loopback hold `address`, the socket's
 * peer. A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d, which is that IPv4 address.
 */
export function isTrustedProxy(address: string | undefined, proxies: readonly string[]): boolean {
  return trustedProxyCheck(proxies)(address);
}

/** `isTrustedProxy` with the ranges read once, for the server to ask on every request. */
export function trustedProxyCheck(proxies: readonly string[]): (address: string | undefined) => boolean {
  const ranges = [...loopbackRanges, ...proxies].map((text) => ipaddr.parseCIDR(text));
  return (address) => {
    if (!address || !ipaddr.isValid(address)) return false;
    const peer = ipaddr.process(address);
    return ranges.some((range) => peer.kind() === range[0].kind() && peer.match(range));
  };
}

function rangeOf(entry: string): Range | null {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !isPlainAddress(address!)) return null;
  const parsed = ipaddr.process(address!);
  const bits = parsed.kind() === 'ipv4' ? 32 : 128;
  if (prefix === undefined) return [parsed, bits];
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return null;
  return [parsed, Number(prefix)];
}

/** Dotted-quad IPv4 or IPv6 only: ipaddr.js also reads "10" or "0x0a.1" as IPv4, which nobody means here. */
function isPlainAddress(address: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(address) || (address.includes(':') && ipaddr.IPv6.isValid(address));
}
