/**
 * @module __tests__/ip
 * Tests for assembly/conditions/ip.ts (IpAddress / NotIpAddress values).
 * Examples from "IAM JSON policy elements: Condition operators" (IP section).
 */
import { parseIp, parseCidr, ipInNetwork } from "../conditions/ip";
import { utf8, ptr, len, hex } from "./bytes.include";

/** parseIp return code for text `s`. */
function kind(s: string): i32 {
  const b = utf8(s);
  const out = new ArrayBuffer(16);
  return parseIp(ptr(b), len(b), ptr(out));
}

/** 16-byte hex of a successfully parsed address, or "invalid". */
function ipHex(s: string): string {
  const b = utf8(s);
  const out = new ArrayBuffer(16);
  return parseIp(ptr(b), len(b), ptr(out)) == 0 ? "invalid" : hex(out);
}

function prefix(s: string): i32 {
  const b = utf8(s);
  const out = new ArrayBuffer(16);
  return parseCidr(ptr(b), len(b), ptr(out));
}

/** Is address `a` inside CIDR `c`? false when either is invalid. */
function inNet(a: string, c: string): bool {
  const ab = utf8(a);
  const cb = utf8(c);
  const addr = new ArrayBuffer(16);
  const net = new ArrayBuffer(16);
  if (parseIp(ptr(ab), len(ab), ptr(addr)) == 0) return false;
  const bits = parseCidr(ptr(cb), len(cb), ptr(net));
  if (bits < 0) return false;
  return ipInNetwork(ptr(addr), ptr(net), bits);
}

describe("parseIp: IPv4", () => {
  it("parses dotted quads into the IPv4-mapped form", () => {
    expect(kind("203.0.113.5")).toBe(4);
    expect(ipHex("203.0.113.5")).toBe("00000000000000000000ffffcb007105");
    expect(ipHex("0.0.0.0")).toBe("00000000000000000000ffff00000000");
    expect(ipHex("255.255.255.255")).toBe("00000000000000000000ffffffffffff");
  });
  it("reads leading zeros as decimal", () => {
    expect(ipHex("010.001.000.009")).toBe("00000000000000000000ffff0a010009");
  });
  it("rejects malformed IPv4", () => {
    expect(kind("1.2.3.256")).toBe(0);
    expect(kind("1.2.3")).toBe(0);
    expect(kind("1.2.3.4.5")).toBe(0);
    expect(kind("1..3.4")).toBe(0);
    expect(kind("1.2.3.4.")).toBe(0);
    expect(kind(".1.2.3.4")).toBe(0);
    expect(kind("0001.2.3.4")).toBe(0);
    expect(kind("+1.2.3.4")).toBe(0);
    expect(kind("1.2.3.-4")).toBe(0);
    expect(kind("1.2.3.4 ")).toBe(0);
    expect(kind("a.b.c.d")).toBe(0);
    expect(kind("")).toBe(0);
    expect(kind("1.2.3.4/32")).toBe(0);
  });
});

describe("parseIp: IPv6", () => {
  it("parses the full form, case-insensitively", () => {
    expect(kind("2001:DB8:1234:5678:9abc:DEF0:0:1")).toBe(6);
    expect(ipHex("2001:DB8:1234:5678:9abc:DEF0:0:1")).toBe("20010db8123456789abcdef000000001");
    expect(ipHex("2001:0db8:0000:0000:0000:0000:0000:0001")).toBe("20010db8000000000000000000000001");
  });
  it("parses compressed forms", () => {
    expect(ipHex("::")).toBe("00000000000000000000000000000000");
    expect(ipHex("::1")).toBe("00000000000000000000000000000001");
    expect(ipHex("1::")).toBe("00010000000000000000000000000000");
    expect(ipHex("2001:db8::1")).toBe("20010db8000000000000000000000001");
    expect(ipHex("2001:db8:1234:5678::1")).toBe("20010db8123456780000000000000001");
    expect(ipHex("1:2:3:4:5:6:7::")).toBe("00010002000300040005000600070000");
    expect(ipHex("::2:3:4:5:6:7:8")).toBe("00000002000300040005000600070008");
    expect(ipHex("1:2:3::6:7:8")).toBe("00010002000300000000000600070008");
  });
  it("parses embedded IPv4", () => {
    expect(kind("::ffff:1.2.3.4")).toBe(6);
    expect(ipHex("::ffff:1.2.3.4")).toBe(ipHex("1.2.3.4"));
    expect(ipHex("::1.2.3.4")).toBe("00000000000000000000000001020304");
    expect(ipHex("64:ff9b::192.0.2.33")).toBe("0064ff9b0000000000000000c0000221");
    expect(ipHex("1:2:3:4:5:6:1.2.3.4")).toBe("00010002000300040005000601020304");
    expect(ipHex("0000:0000:0000:0000:0000:ffff:255.255.255.255")).toBe("00000000000000000000ffffffffffff");
  });
  it("rejects malformed IPv6", () => {
    expect(kind("1:2:3:4:5:6:7:8:9")).toBe(0);
    expect(kind("1:2:3:4:5:6:7")).toBe(0);
    expect(kind("1:2:3:4::5:6:7:8")).toBe(0);
    expect(kind("1::2::3")).toBe(0);
    expect(kind(":::")).toBe(0);
    expect(kind(":1::")).toBe(0);
    expect(kind("1:")).toBe(0);
    expect(kind(":1")).toBe(0);
    expect(kind("1::2:")).toBe(0);
    expect(kind("12345::")).toBe(0);
    expect(kind("g::")).toBe(0);
    expect(kind("::1.2.3")).toBe(0);
    expect(kind("::1.2.3.4:5")).toBe(0);
    expect(kind("1.2.3.4::")).toBe(0);
    expect(kind("1:2:3:4:5:6:7:1.2.3.4")).toBe(0);
    expect(kind("fe80::1%eth0")).toBe(0);
    expect(kind(" ::1")).toBe(0);
    expect(kind("::1/128")).toBe(0);
  });
});

describe("parseCidr", () => {
  it("maps IPv4 prefixes into the 128-bit space", () => {
    expect(prefix("203.0.113.0/24")).toBe(120);
    expect(prefix("0.0.0.0/0")).toBe(96);
    expect(prefix("1.2.3.4/32")).toBe(128);
    expect(prefix("1.2.3.4")).toBe(128);
  });
  it("keeps IPv6 prefixes", () => {
    expect(prefix("2001:DB8:1234:5678::/64")).toBe(64);
    expect(prefix("::/0")).toBe(0);
    expect(prefix("::1/128")).toBe(128);
    expect(prefix("::1")).toBe(128);
  });
  it("rejects bad prefixes and addresses", () => {
    expect(prefix("1.2.3.4/33")).toBe(-1);
    expect(prefix("::/129")).toBe(-1);
    expect(prefix("1.2.3.4/")).toBe(-1);
    expect(prefix("1.2.3.4/-1")).toBe(-1);
    expect(prefix("1.2.3.4/+8")).toBe(-1);
    expect(prefix("1.2.3.4/0008")).toBe(-1);
    expect(prefix("1.2.3.4/8/8")).toBe(-1);
    expect(prefix("1.2.3.4/ 8")).toBe(-1);
    expect(prefix("1.2.3.256/24")).toBe(-1);
    expect(prefix("/24")).toBe(-1);
    expect(prefix("")).toBe(-1);
  });
});

describe("ipInNetwork", () => {
  it("IPv4 examples", () => {
    expect(inNet("203.0.113.5", "203.0.113.0/24")).toBe(true);
    expect(inNet("203.0.114.5", "203.0.113.0/24")).toBe(false);
    expect(inNet("203.0.113.5", "203.0.113.5")).toBe(true);
    expect(inNet("203.0.113.6", "203.0.113.5")).toBe(false);
    expect(inNet("10.1.2.3", "0.0.0.0/0")).toBe(true);
    expect(inNet("192.168.1.130", "192.168.1.128/25")).toBe(true);
    expect(inNet("192.168.1.127", "192.168.1.128/25")).toBe(false);
    expect(inNet("172.31.255.255", "172.16.0.0/12")).toBe(true);
    expect(inNet("172.32.0.0", "172.16.0.0/12")).toBe(false);
  });
  it("host bits in the CIDR are ignored", () => {
    expect(inNet("203.0.113.200", "203.0.113.77/24")).toBe(true);
  });
  it("IPv6 examples", () => {
    expect(inNet("2001:db8:1234:5678::1", "2001:DB8:1234:5678::/64")).toBe(true);
    expect(inNet("2001:db8:1234:5679::1", "2001:DB8:1234:5678::/64")).toBe(false);
    expect(inNet("::1", "::1")).toBe(true);
    expect(inNet("::2", "::1/128")).toBe(false);
    expect(inNet("fe80::abcd", "fe80::/10")).toBe(true);
    expect(inNet("fec0::1", "fe80::/10")).toBe(false);
    expect(inNet("2001:db8::1", "::/0")).toBe(true);
  });
  it("IPv4 and IPv6 do not mix", () => {
    expect(inNet("203.0.113.5", "2001:db8::/32")).toBe(false);
    expect(inNet("2001:db8::1", "203.0.113.0/24")).toBe(false);
    expect(inNet("2001:db8::1", "0.0.0.0/0")).toBe(false);
    // ::/0 is "every IPv6 address", and the mapped IPv4 space is inside it.
    expect(inNet("203.0.113.5", "::/0")).toBe(true);
  });
  it("rejects prefix lengths outside 0-128", () => {
    const a = new ArrayBuffer(16);
    const n = new ArrayBuffer(16);
    expect(ipInNetwork(ptr(a), ptr(n), 0)).toBe(true);
    expect(ipInNetwork(ptr(a), ptr(n), 128)).toBe(true);
    expect(ipInNetwork(ptr(a), ptr(n), -1)).toBe(false);
    expect(ipInNetwork(ptr(a), ptr(n), 129)).toBe(false);
  });
  it("compares partial bytes bit by bit", () => {
    for (let bits = 97; bits <= 128; bits++) {
      // 255.255.255.255 vs 255.255.255.254 differ only in the last bit.
      expect(inNet("255.255.255.254", "255.255.255.255/" + (bits - 96).toString())).toBe(bits < 128);
    }
  });
});
