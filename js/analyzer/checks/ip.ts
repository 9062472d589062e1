/**
 * @module analyzer/checks/ip
 * IP values of IpAddress / NotIpAddress ("IAM JSON policy elements: Condition operators", IP
 * address condition operators, CIDR per RFC 4632). Two questions: does a CIDR have bits set
 * past its prefix (AWS ignores them: "Improve IP range"), and is it private. `aws:SourceIp` is
 * "the requester's public IP address" ("AWS global condition context keys"), so a private range
 * there never matches; private means RFC 1918 (10/8, 172.16/12, 192.168/16), RFC 6598 shared
 * space (100.64/10), loopback and link-local (RFC 1122, RFC 3927), and IPv6 unique-local
 * (fc00::/7, RFC 4193), loopback and link-local (RFC 4291).
 */
import { parseCidr } from "../../policy/values.ts";

export interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}

const V4 = (a: number, b: number, prefix: number): Cidr => {
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  bytes[12] = a;
  bytes[13] = b;
  return { bytes, prefix: 96 + prefix };
};
const V6 = (first: number, second: number, prefix: number): Cidr => {
  const bytes = new Uint8Array(16);
  bytes[0] = first;
  bytes[1] = second;
  return { bytes, prefix };
};
const LOOPBACK6: Cidr = { bytes: Uint8Array.from([...new Array(15).fill(0), 1]), prefix: 128 };

const PRIVATE: Cidr[] = [
  V4(10, 0, 8), V4(172, 16, 12), V4(192, 168, 16), V4(100, 64, 10), V4(127, 0, 8), V4(169, 254, 16),
  V6(0xfc, 0, 7), V6(0xfe, 0x80, 10), LOOPBACK6,
];

export function parseIp(value: string): Cidr | null {
  return parseCidr(value);
}

function bit(bytes: Uint8Array, i: number): number {
  return (bytes[i >> 3] >> (7 - (i & 7))) & 1;
}

/** Whether `inner` lies within `outer`. */
function within(inner: Cidr, outer: Cidr): boolean {
  if (inner.prefix < outer.prefix) return false;
  for (let i = 0; i < outer.prefix; i++) if (bit(inner.bytes, i) !== bit(outer.bytes, i)) return false;
  return true;
}

export function isPrivate(cidr: Cidr): boolean {
  return PRIVATE.some((p) => within(cidr, p));
}

/** The CIDR with its host bits cleared, as text (`10.0.0.0/8` for `10.1.2.3/8`), or null when none are set. */
export function improvedRange(value: string, cidr: Cidr): string | null {
  const bytes = Uint8Array.from(cidr.bytes);
  let changed = false;
  for (let i = cidr.prefix; i < 128; i++) {
    if (bit(bytes, i)) {
      bytes[i >> 3] &= ~(1 << (7 - (i & 7)));
      changed = true;
    }
  }
  if (!changed) return null;
  const v4 = !value.includes(":");
  if (v4) return `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}/${cidr.prefix - 96}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return `${compress(groups)}/${cidr.prefix}`;
}

/** RFC 5952 text of eight hex groups: the longest run of two or more zero groups becomes `::`. */
function compress(groups: string[]): string {
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLength).join(":")}`;
}
