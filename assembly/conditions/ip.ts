/**
 * @module conditions/ip
 *
 * IP address / CIDR parsing and prefix matching for the IpAddress and
 * NotIpAddress condition operators.
 *
 * AWS source: "IAM JSON policy elements: Condition operators", IP address
 * condition operators: values are IPv4 or IPv6 addresses or ranges in CIDR
 * notation (RFC 4632), e.g. `203.0.113.0/24`, `2001:DB8:1234:5678::/64`;
 * an address without a prefix is a single address (/32 resp. /128).
 * IPv6 text forms follow RFC 4291 section 2.2 (hex case-insensitive, `::`
 * compression once, trailing embedded dotted IPv4).
 *
 * Everything is stored as 16 bytes: IPv4 `a.b.c.d` becomes the IPv4-mapped
 * address `::ffff:a.b.c.d` (RFC 4291 2.5.5.2) and an IPv4 prefix /n becomes
 * 96+n. So an IPv4 request address can only fall inside an IPv4 CIDR, and a
 * native IPv6 address only inside an IPv6 CIDR, with one comparison routine.
 * (Consequence: the IPv6 text `::ffff:1.2.3.4` is the same address as
 * `1.2.3.4`; callers that want to keep them apart can use the 4/6 return
 * code of parseIp.)
 *
 * Choices where AWS is silent: IPv4 octets are 1-3 decimal digits, leading
 * zeros allowed and read as decimal (never octal); no zone ids (`%eth0`), no
 * whitespace; a CIDR prefix is 1-3 decimal digits; host bits set below the
 * prefix are accepted and ignored (only the prefix bits are compared).
 *
 * `out` must point to 16 writable bytes. It is scratch space: its content is
 * only meaningful when the call succeeds. Never allocates.
 */

// @ts-ignore: decorator
@inline
function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/** Hex digit value, or -1. */
// @ts-ignore: decorator
@inline
function hexVal(c: u32): i32 {
  if (c - 0x30 < 10) return <i32>(c - 0x30);
  const l = c | 0x20;
  if (l - 0x61 < 6) return <i32>(l - 0x61 + 10);
  return -1;
}

/** Byte at i, or 0xffff (matches nothing) when out of range. */
// @ts-ignore: decorator
@inline
function byteAt(ptr: usize, i: i32, len: i32): u32 {
  // INVARIANT: the load only happens when 0 <= i < len.
  return i >= 0 && i < len ? <u32>load<u8>(ptr + <usize>i) : 0xffff;
}

/**
 * Parse exactly a dotted quad occupying ptr[start..len) into 4 bytes at dst.
 * Returns true on success.
 */
function parseV4(ptr: usize, start: i32, len: i32, dst: usize): bool {
  let i = start;
  for (let octet: i32 = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (byteAt(ptr, i, len) != 0x2e /* . */) return false;
      i++;
    }
    let v: i32 = 0;
    let n: i32 = 0;
    while (n < 4 && isDigit(byteAt(ptr, i, len))) {
      v = v * 10 + <i32>(byteAt(ptr, i, len) - 0x30);
      n++;
      i++;
    }
    if (n == 0 || n > 3 || v > 255) return false;
    // INVARIANT: dst points to at least 4 writable bytes (caller contract).
    store<u8>(dst + <usize>octet, <u8>v);
  }
  return i == len;
}

/** Parse an IPv6 address occupying ptr[0..len) into 16 bytes at out. */
function parseV6(ptr: usize, len: i32, out: usize): bool {
  let groups: i32 = 0; // 16-bit groups written so far
  let gap: i32 = -1; // group index where `::` stands, -1 if none
  let i: i32 = 0;

  if (byteAt(ptr, 0, len) == 0x3a /* : */) {
    // Only `::` may start an address.
    if (byteAt(ptr, 1, len) != 0x3a) return false;
    gap = 0;
    i = 2;
    if (i == len) {
      memory.fill(out, 0, 16);
      return true; // "::"
    }
  }

  while (true) {
    if (groups >= 8) return false;
    // Embedded IPv4: a '.' appears before the next ':' (or the end).
    let j = i;
    let dot = false;
    while (j < len) {
      const c = byteAt(ptr, j, len);
      if (c == 0x3a) break;
      if (c == 0x2e) {
        dot = true;
        break;
      }
      j++;
    }
    if (dot) {
      // Must be the last thing, and needs room for two groups.
      if (groups > 6) return false;
      // INVARIANT: groups <= 6, so bytes 2*groups .. 2*groups+3 lie within out[0..16).
      if (!parseV4(ptr, i, len, out + <usize>(groups * 2))) return false;
      groups += 2;
      i = len;
      break;
    }
    // Hex group of 1-4 digits.
    let v: i32 = 0;
    let n: i32 = 0;
    while (n < 5) {
      const h = hexVal(byteAt(ptr, i, len));
      if (h < 0) break;
      v = (v << 4) | h;
      n++;
      i++;
    }
    if (n == 0 || n > 4) return false;
    // INVARIANT: groups < 8, so bytes 2*groups and 2*groups+1 are within out[0..16).
    store<u8>(out + <usize>(groups * 2), <u8>(v >> 8));
    store<u8>(out + <usize>(groups * 2 + 1), <u8>v);
    groups++;
    if (i == len) break;
    if (byteAt(ptr, i, len) != 0x3a) return false;
    i++;
    if (byteAt(ptr, i, len) == 0x3a) {
      if (gap >= 0) return false; // `::` at most once
      gap = groups;
      i++;
      if (i == len) break; // trailing `::`
    } else if (i == len) {
      return false; // trailing single ':'
    }
  }

  if (gap < 0) return groups == 8;
  // `::` stands for at least one zero group (RFC 4291: "one or more").
  if (groups > 7) return false;
  // Move the groups after the gap to the end and zero the hole.
  const tail = groups - gap; // groups written after the gap
  const zeros = 8 - groups;
  // INVARIANT: 0 <= gap <= groups <= 7, all offsets below stay within out[0..16).
  memory.copy(out + <usize>((gap + zeros) * 2), out + <usize>(gap * 2), <usize>(tail * 2));
  memory.fill(out + <usize>(gap * 2), 0, <usize>(zeros * 2));
  return true;
}

/**
 * Parse an IP address (no prefix) into 16 bytes at `out`.
 * Returns 4 for IPv4 (stored IPv4-mapped), 6 for IPv6, 0 when invalid.
 */
export function parseIp(ptr: usize, len: i32, out: usize): i32 {
  if (len <= 0 || len > 45) return 0; // 45 = longest IPv6 text with embedded IPv4
  // An IPv4 address has no ':' at all.
  let colon = false;
  for (let i: i32 = 0; i < len; i++) {
    if (byteAt(ptr, i, len) == 0x3a) {
      colon = true;
      break;
    }
  }
  if (!colon) {
    // INVARIANT: out has 16 bytes; we write 0..11 here and 12..15 in parseV4.
    memory.fill(out, 0, 10);
    store<u8>(out + 10, 0xff);
    store<u8>(out + 11, 0xff);
    return parseV4(ptr, 0, len, out + 12) ? 4 : 0;
  }
  return parseV6(ptr, len, out) ? 6 : 0;
}

/**
 * Parse `address[/prefix]` into 16 bytes at `out`. Returns the prefix length
 * in the 128-bit space (IPv4 /n -> 96+n, no prefix -> 128 i.e. /32 resp.
 * /128), or -1 when invalid. IPv4 prefixes must be 0-32, IPv6 0-128.
 */
export function parseCidr(ptr: usize, len: i32, out: usize): i32 {
  if (len <= 0) return -1;
  let slash: i32 = -1;
  for (let i: i32 = 0; i < len; i++) {
    if (byteAt(ptr, i, len) == 0x2f /* / */) {
      slash = i;
      break;
    }
  }
  const addrLen = slash < 0 ? len : slash;
  const kind = parseIp(ptr, addrLen, out);
  if (kind == 0) return -1;
  if (slash < 0) return 128;

  let v: i32 = 0;
  let n: i32 = 0;
  let i = slash + 1;
  while (i < len && n < 4) {
    const c = byteAt(ptr, i, len);
    if (!isDigit(c)) return -1;
    v = v * 10 + <i32>(c - 0x30);
    n++;
    i++;
  }
  if (n == 0 || n > 3 || i != len) return -1;
  if (kind == 4) return v <= 32 ? 96 + v : -1;
  return v <= 128 ? v : -1;
}

/**
 * Do the first `prefixBits` bits of the 16-byte addresses at `addr` and `net`
 * agree? prefixBits outside 0-128 is not a network: false.
 */
export function ipInNetwork(addr: usize, net: usize, prefixBits: i32): bool {
  if (prefixBits < 0 || prefixBits > 128) return false;
  const full = prefixBits >> 3;
  for (let k: i32 = 0; k < full; k++) {
    // INVARIANT: k < full <= 16, inside both 16-byte buffers.
    if (load<u8>(addr + <usize>k) != load<u8>(net + <usize>k)) return false;
  }
  const rest = prefixBits & 7;
  if (rest == 0) return true;
  // INVARIANT: rest != 0 implies prefixBits < 128, so full <= 15 is in bounds.
  const mask = <u32>(0xff00 >> rest) & 0xff;
  const a = <u32>load<u8>(addr + <usize>full);
  // INVARIANT: same index, net is also 16 bytes.
  const b = <u32>load<u8>(net + <usize>full);
  return ((a ^ b) & mask) == 0;
}
