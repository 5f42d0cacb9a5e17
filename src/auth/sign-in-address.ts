import ipaddr from 'ipaddr.js';

/**
 * The address sign-in limits count attempts by. An IPv4 address is one caller, but one IPv6 host
 * (or a home, or a rented server) commonly holds a whole /64 and can pick a fresh address for each
 * guess, so IPv6 addresses are grouped by their /64 prefix ("2001:db8:0:1::/64"). An IPv4-mapped
 * IPv6 address (::ffff:192.0.2.1, as a dual-stack socket reports IPv4 callers) is that IPv4 address.
 */
export function signInAddressOf(ip: string): string {
  const withoutZone = ip.split('%')[0]!;
  if (!ipaddr.IPv6.isValid(withoutZone)) return ip;
  const address = ipaddr.IPv6.parse(withoutZone);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  return `${address.parts.slice(0, 4).map((group) => group.toString(16)).join(':')}::/64`;
}
