// Client address keys for per-address limits: IPv4 as is, IPv4-mapped IPv6 unwrapped, IPv6 cut to its /64.
import { isIPv4, isIPv6 } from 'node:net';

/** An IPv6 client usually owns a whole /64 (RFC 6177), so counting single addresses would not limit anyone. */
export const IPV6_PREFIX_GROUPS = 4;

/** The key one client is counted under; unknown or malformed addresses share one key (they are all suspect). */
export function addressKey(remote: string | undefined): string {
  if (!remote) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(remote);
  if (mapped) return mapped[1]!;
  if (isIPv4(remote)) return remote;
  if (!isIPv6(remote)) return 'unknown';
  const groups = expandIpv6(remote);
  return groups ? `${groups.slice(0, IPV6_PREFIX_GROUPS).join(':')}::/64` : 'unknown';
}

/** The eight 16-bit groups of an IPv6 address in lowercase hex without leading zeros; null when malformed. */
export function expandIpv6(address: string): string[] | null {
  const bare = address.replace(/%.*$/, '').toLowerCase(); // zone index (fe80::1%eth0) is not part of the address
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two groups.
  const last = tail.length ? tail : head;
  const v4 = last.length && isIPv4(last[last.length - 1]!) ? last.pop()! : null;
  if (v4) {
    const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
    last.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16).toString(16));
}
