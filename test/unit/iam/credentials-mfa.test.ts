/**
 * Virtual MFA (js/iam/ops/mfa.ts): CreateVirtualMFADevice, EnableMFADevice (two consecutive
 * TOTP codes), DeactivateMFADevice, DeleteVirtualMFADevice, ListMFADevices,
 * ListVirtualMFADevices and the internal verifyMfaCode (codes usable once); quotas, errors,
 * seeds shown once, and failed operations changing nothing.
 */
import { describe, expect, it } from "vitest";
import { base32Decode } from "../../../js/iam/base32.ts";
import { hotp, timeStep } from "../../../js/iam/totp.ts";

import { ACCOUNT, credentialsFixture } from "./credentials-fixture.ts";

const f = credentialsFixture();

/** The device's code `offset` steps from now. */
async function codeAt(seed: string, offset = 0): Promise<string> {
  return hotp(base32Decode(seed), timeStep(f.clock) + offset);
}

async function createDevice(name: string, path?: string): Promise<{ serial: string; seed: string }> {
  const { VirtualMFADevice } = await f.account.createVirtualMFADevice({ VirtualMFADeviceName: name, Path: path });
  return { serial: VirtualMFADevice.SerialNumber, seed: VirtualMFADevice.Base32StringSeed! };
}

/** Creates a device and enables it for `userName` with the previous and the current code. */
async function enabledDevice(userName: string, name: string): Promise<{ serial: string; seed: string }> {
  const d = await createDevice(name);
  await f.account.enableMFADevice({ UserName: userName, SerialNumber: d.serial, AuthenticationCode1: await codeAt(d.seed, -1), AuthenticationCode2: await codeAt(d.seed, 0) });
  return d;
}

const later = (seconds: number) => { f.clock = new Date(f.clock.getTime() + seconds * 1000); };

describe("createVirtualMFADevice", () => {
  it("creates an unassigned device with an ARN serial and a 64-character base32 seed", async () => {
    const before = f.account.version;
    const { VirtualMFADevice } = await f.account.createVirtualMFADevice({ VirtualMFADeviceName: "alice-phone" });
    expect(VirtualMFADevice.SerialNumber).toBe(`arn:aws:iam::${ACCOUNT}:mfa/alice-phone`);
    expect(VirtualMFADevice.Base32StringSeed).toMatch(/^[A-Z2-7]{64}$/);
    expect(base32Decode(VirtualMFADevice.Base32StringSeed!)).toHaveLength(40);
    expect(Object.keys(VirtualMFADevice).sort()).toEqual(["Base32StringSeed", "SerialNumber"]);
    expect(f.account.version).toBeGreaterThan(before);
    const list = await f.account.listVirtualMFADevices();
    expect(list.VirtualMFADevices).toEqual([{ SerialNumber: VirtualMFADevice.SerialNumber }]);
  });

  it("puts the path in the serial number and keeps tags", async () => {
    const tags = [{ Key: "team", Value: "eng" }];
    const { VirtualMFADevice } = await f.account.createVirtualMFADevice({ VirtualMFADeviceName: "tok", Path: "/division/", Tags: tags });
    expect(VirtualMFADevice.SerialNumber).toBe(`arn:aws:iam::${ACCOUNT}:mfa/division/tok`);
    expect(VirtualMFADevice.Tags).toEqual(tags);
  });

  it("fails with EntityAlreadyExists for the same path and name, ignoring case", async () => {
    await createDevice("alice-phone");
    await f.expectUnchanged(() => f.account.createVirtualMFADevice({ VirtualMFADeviceName: "Alice-Phone" }), "EntityAlreadyExists", /same path and name/);
  });

  it("validates the name, the path and the tags", async () => {
    await f.expectUnchanged(() => f.account.createVirtualMFADevice({ VirtualMFADeviceName: "" }), "ValidationError");
    await f.expectUnchanged(() => f.account.createVirtualMFADevice({ VirtualMFADeviceName: "has space" }), "ValidationError", /virtualMFADeviceName/);
    await f.expectUnchanged(() => f.account.createVirtualMFADevice({ VirtualMFADeviceName: "x".repeat(227) }), "ValidationError", /226/);
    await f.expectUnchanged(() => f.account.createVirtualMFADevice({ VirtualMFADeviceName: "ok", Path: "nope" }), "ValidationError", /path/);
    await f.expectUnchanged(() => f.account.createVirtualMFADevice({ VirtualMFADeviceName: "ok", Tags: [{ Key: "aws:x", Value: "" }] }), "InvalidInput");
  });

  it("is authorized as iam:CreateVirtualMFADevice on the serial number", async () => {
    const caller = f.account.store.users.get("alice")!.Arn;
    await f.account.createVirtualMFADevice({ VirtualMFADeviceName: "d1", Path: "/p/" }, { caller });
    expect(f.calls).toEqual([[caller, "iam:CreateVirtualMFADevice", `arn:aws:iam::${ACCOUNT}:mfa/p/d1`]]);
    f.denied.add("iam:CreateVirtualMFADevice");
    await f.expectUnchanged(() => f.account.createVirtualMFADevice({ VirtualMFADeviceName: "d2" }, { caller }), "AccessDenied");
  });
});

describe("enableMFADevice", () => {
  it("assigns the device after two consecutive codes", async () => {
    const { serial, seed } = await createDevice("alice-phone");
    const before = f.account.version;
    expect(await f.account.enableMFADevice({ UserName: "alice", SerialNumber: serial, AuthenticationCode1: await codeAt(seed, -1), AuthenticationCode2: await codeAt(seed) })).toEqual({});
    expect(f.account.version).toBeGreaterThan(before);
    expect(await f.account.listMFADevices({ UserName: "alice" })).toEqual({
      MFADevices: [{ UserName: "alice", SerialNumber: serial, EnableDate: "2026-03-01T12:00:00Z" }], IsTruncated: false,
    });
    const [device] = (await f.account.listVirtualMFADevices({ AssignmentStatus: "Assigned" })).VirtualMFADevices;
    expect(device.SerialNumber).toBe(serial);
    expect(device.EnableDate).toBe("2026-03-01T12:00:00Z");
    expect(device.User).toMatchObject({ UserName: "alice", Path: "/", Arn: `arn:aws:iam::${ACCOUNT}:user/alice` });
  });

  it("accepts a pair one step either side of now, not two", async () => {
    const a = await createDevice("a");
    await f.account.enableMFADevice({ UserName: "alice", SerialNumber: a.serial, AuthenticationCode1: await codeAt(a.seed, -2), AuthenticationCode2: await codeAt(a.seed, -1) });
    const b = await createDevice("b");
    await f.account.enableMFADevice({ UserName: "alice", SerialNumber: b.serial, AuthenticationCode1: await codeAt(b.seed, 0), AuthenticationCode2: await codeAt(b.seed, 1) });
    const c = await createDevice("c");
    await f.expectUnchanged(async () => f.account.enableMFADevice({ UserName: "alice", SerialNumber: c.serial, AuthenticationCode1: await codeAt(c.seed, -3), AuthenticationCode2: await codeAt(c.seed, -2) }), "InvalidAuthenticationCode", /not valid/);
    await f.expectUnchanged(async () => f.account.enableMFADevice({ UserName: "alice", SerialNumber: c.serial, AuthenticationCode1: await codeAt(c.seed, 1), AuthenticationCode2: await codeAt(c.seed, 2) }), "InvalidAuthenticationCode");
  });

  it("refuses codes that are not consecutive, reversed, repeated or wrong", async () => {
    const { serial, seed } = await createDevice("alice-phone");
    const [m1, c0] = [await codeAt(seed, -1), await codeAt(seed, 0)];
    const enable = (c1: string, c2: string) => () => f.account.enableMFADevice({ UserName: "alice", SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 });
    await f.expectUnchanged(enable(c0, m1), "InvalidAuthenticationCode");
    await f.expectUnchanged(enable(c0, c0), "InvalidAuthenticationCode");
    await f.expectUnchanged(enable(await codeAt(seed, -2), c0), "InvalidAuthenticationCode");
    const wrong = String((Number(c0) + 1) % 1_000_000).padStart(6, "0");
    await f.expectUnchanged(enable(m1, wrong), "InvalidAuthenticationCode");
    // another device's codes
    const other = await createDevice("other");
    await f.expectUnchanged(enable(await codeAt(other.seed, -1), await codeAt(other.seed, 0)), "InvalidAuthenticationCode");
  });

  it("validates the arguments", async () => {
    const { serial } = await createDevice("alice-phone");
    const base = { UserName: "alice", SerialNumber: serial, AuthenticationCode1: "123456", AuthenticationCode2: "654321" };
    await f.expectUnchanged(() => f.account.enableMFADevice({ ...base, AuthenticationCode1: "12345" }), "ValidationError", /authenticationCode1/);
    await f.expectUnchanged(() => f.account.enableMFADevice({ ...base, AuthenticationCode2: "12345a" }), "ValidationError", /authenticationCode2/);
    await f.expectUnchanged(() => f.account.enableMFADevice({ ...base, SerialNumber: "short" }), "ValidationError", /serialNumber/);
    await f.expectUnchanged(() => f.account.enableMFADevice({ ...base, UserName: "" }), "ValidationError", /userName/);
  });

  it("fails with NoSuchEntity for an unknown user or device", async () => {
    const { serial, seed } = await createDevice("alice-phone");
    await f.expectUnchanged(async () => f.account.enableMFADevice({ UserName: "carol", SerialNumber: serial, AuthenticationCode1: await codeAt(seed, -1), AuthenticationCode2: await codeAt(seed) }), "NoSuchEntity", /carol/);
    await f.expectUnchanged(async () => f.account.enableMFADevice({ UserName: "alice", SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/none`, AuthenticationCode1: "123456", AuthenticationCode2: "234567" }), "NoSuchEntity", /does not exist/);
  });

  it("fails with EntityAlreadyExists when the device is in use", async () => {
    const { serial, seed } = await enabledDevice("alice", "alice-phone");
    later(60);
    await f.expectUnchanged(async () => f.account.enableMFADevice({ UserName: "bob", SerialNumber: serial, AuthenticationCode1: await codeAt(seed, -1), AuthenticationCode2: await codeAt(seed) }), "EntityAlreadyExists", /in use/);
  });

  it("allows at most 8 MFA devices per user (LimitExceeded)", async () => {
    for (let i = 0; i < 8; i++) await enabledDevice("alice", `d${i}`);
    expect((await f.account.listMFADevices({ UserName: "alice" })).MFADevices).toHaveLength(8);
    const { serial, seed } = await createDevice("d8");
    await f.expectUnchanged(async () => f.account.enableMFADevice({ UserName: "alice", SerialNumber: serial, AuthenticationCode1: await codeAt(seed, -1), AuthenticationCode2: await codeAt(seed) }), "LimitExceeded", /MFADevicesInUsePerUser: 8/);
    await f.account.enableMFADevice({ UserName: "bob", SerialNumber: serial, AuthenticationCode1: await codeAt(seed, -1), AuthenticationCode2: await codeAt(seed) });
  });

  it("is authorized as iam:EnableMFADevice on the user", async () => {
    const { serial, seed } = await createDevice("bob-phone");
    const caller = f.account.store.users.get("alice")!.Arn;
    f.denied.add("iam:EnableMFADevice");
    await f.expectUnchanged(async () => f.account.enableMFADevice({ UserName: "bob", SerialNumber: serial, AuthenticationCode1: await codeAt(seed, -1), AuthenticationCode2: await codeAt(seed) }, { caller }), "AccessDenied");
    expect(f.calls).toEqual([[caller, "iam:EnableMFADevice", `arn:aws:iam::${ACCOUNT}:user/eng/bob`]]);
  });
});

describe("verifyMfaCode (for STS)", () => {
  it("accepts each code once: a replay fails", async () => {
    const { serial, seed } = await enabledDevice("alice", "alice-phone");
    later(30);
    const code = await codeAt(seed);
    const version = f.account.version;
    expect(await f.account.verifyMfaCode(serial, code)).toBe(true);
    expect(await f.account.verifyMfaCode(serial, code)).toBe(false);
    expect(f.account.version).toBe(version); // spending a code is not an entity change
    later(30);
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed))).toBe(true);
  });

  it("refuses the codes used to enable the device, and codes older than the last accepted", async () => {
    const { serial, seed } = await enabledDevice("alice", "alice-phone");
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed, 0))).toBe(false);
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed, -1))).toBe(false);
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed, 1))).toBe(true); // one step of drift ahead
    later(30);
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed, -1))).toBe(false); // that step is spent
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed, 1))).toBe(true);
  });

  it("allows one step of drift either way, not two", async () => {
    const { serial, seed } = await enabledDevice("alice", "alice-phone");
    later(120);
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed, -2))).toBe(false);
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed, 2))).toBe(false);
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed, -1))).toBe(true);
  });

  it("lets exactly one of two concurrent uses of a code through", async () => {
    const { serial, seed } = await enabledDevice("alice", "alice-phone");
    later(30);
    const code = await codeAt(seed);
    const results = await Promise.all([f.account.verifyMfaCode(serial, code), f.account.verifyMfaCode(serial, code), f.account.verifyMfaCode(serial, code)]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("checks the owner when a user name is given, and refuses unassigned or unknown devices and malformed codes", async () => {
    const { serial, seed } = await enabledDevice("alice", "alice-phone");
    later(30);
    const code = await codeAt(seed);
    expect(await f.account.verifyMfaCode(serial, code, "bob")).toBe(false);
    expect(await f.account.verifyMfaCode(serial, "12345")).toBe(false);
    expect(await f.account.verifyMfaCode(serial, "abcdef")).toBe(false);
    expect(await f.account.verifyMfaCode(`arn:aws:iam::${ACCOUNT}:mfa/none`, code)).toBe(false);
    expect(await f.account.verifyMfaCode(serial, code, "ALICE")).toBe(true);
    const loose = await createDevice("loose");
    expect(await f.account.verifyMfaCode(loose.serial, await codeAt(loose.seed))).toBe(false);
  });
});

describe("deactivateMFADevice", () => {
  it("unassigns the device; it stays, unassigned, and stops verifying", async () => {
    const { serial, seed } = await enabledDevice("alice", "alice-phone");
    expect(await f.account.deactivateMFADevice({ UserName: "alice", SerialNumber: serial })).toEqual({});
    expect((await f.account.listMFADevices({ UserName: "alice" })).MFADevices).toEqual([]);
    expect((await f.account.listVirtualMFADevices({ AssignmentStatus: "Unassigned" })).VirtualMFADevices).toEqual([{ SerialNumber: serial }]);
    later(30);
    expect(await f.account.verifyMfaCode(serial, await codeAt(seed))).toBe(false);
  });

  it("fails with NoSuchEntity when the device is not enabled for that user", async () => {
    const { serial } = await enabledDevice("alice", "alice-phone");
    await f.expectUnchanged(() => f.account.deactivateMFADevice({ UserName: "bob", SerialNumber: serial }), "NoSuchEntity", /not enabled for user bob/);
    await f.expectUnchanged(() => f.account.deactivateMFADevice({ UserName: "carol", SerialNumber: serial }), "NoSuchEntity", /carol/);
    await f.expectUnchanged(() => f.account.deactivateMFADevice({ UserName: "alice", SerialNumber: "not an arn" }), "ValidationError", /serialNumber/);
    await f.expectUnchanged(() => f.account.deactivateMFADevice({ UserName: "alice", SerialNumber: "GAHT12345678" }), "NoSuchEntity"); // a hardware-style serial: valid, unknown
  });

  it("acts on the calling user without UserName, authorized as iam:DeactivateMFADevice", async () => {
    const { serial } = await enabledDevice("bob", "bob-phone");
    const bob = f.account.store.users.get("bob")!;
    f.denied.add("iam:DeactivateMFADevice");
    await f.expectUnchanged(() => f.account.deactivateMFADevice({ SerialNumber: serial }, { caller: bob.Arn }), "AccessDenied");
    expect(f.calls).toEqual([[bob.Arn, "iam:DeactivateMFADevice", bob.Arn]]);
    f.denied.clear();
    await f.account.deactivateMFADevice({ SerialNumber: serial }, { caller: bob.Arn });
    expect(bob.MFADevices).toEqual([]);
    await f.expectUnchanged(() => f.account.deactivateMFADevice({ SerialNumber: serial }), "ValidationError");
    await f.expectUnchanged(() => f.account.deactivateMFADevice({ SerialNumber: serial }, { caller: f.account.rootArn }), "ValidationError");
  });
});

describe("deleteVirtualMFADevice", () => {
  it("fails with DeleteConflict while enabled, then deletes once deactivated", async () => {
    const { serial } = await enabledDevice("alice", "alice-phone");
    await f.expectUnchanged(() => f.account.deleteVirtualMFADevice({ SerialNumber: serial }), "DeleteConflict", /deactivate it first/);
    await f.account.deactivateMFADevice({ UserName: "alice", SerialNumber: serial });
    expect(await f.account.deleteVirtualMFADevice({ SerialNumber: serial })).toEqual({});
    expect((await f.account.listVirtualMFADevices()).VirtualMFADevices).toEqual([]);
    await f.expectUnchanged(() => f.account.deleteVirtualMFADevice({ SerialNumber: serial }), "NoSuchEntity", /does not exist/);
    // the name is free again
    await createDevice("alice-phone");
  });

  it("is authorized as iam:DeleteVirtualMFADevice on the serial number", async () => {
    const { serial } = await createDevice("d");
    const caller = f.account.store.users.get("alice")!.Arn;
    f.denied.add("iam:DeleteVirtualMFADevice");
    await f.expectUnchanged(() => f.account.deleteVirtualMFADevice({ SerialNumber: serial }, { caller }), "AccessDenied");
    expect(f.calls).toEqual([[caller, "iam:DeleteVirtualMFADevice", serial]]);
  });
});

describe("listMFADevices and listVirtualMFADevices", () => {
  it("filter by AssignmentStatus, page, and never show seeds", async () => {
    const a = await enabledDevice("alice", "a");
    const b = await createDevice("b");
    const c = await createDevice("c", "/x/");
    const any = await f.account.listVirtualMFADevices();
    expect(any.VirtualMFADevices.map((d) => d.SerialNumber)).toEqual([a.serial, b.serial, c.serial]);
    expect((await f.account.listVirtualMFADevices({ AssignmentStatus: "Any" })).VirtualMFADevices).toHaveLength(3);
    expect((await f.account.listVirtualMFADevices({ AssignmentStatus: "Assigned" })).VirtualMFADevices.map((d) => d.SerialNumber)).toEqual([a.serial]);
    expect((await f.account.listVirtualMFADevices({ AssignmentStatus: "Unassigned" })).VirtualMFADevices.map((d) => d.SerialNumber)).toEqual([b.serial, c.serial]);
    const p1 = await f.account.listVirtualMFADevices({ MaxItems: 2 });
    expect(p1.IsTruncated).toBe(true);
    const p2 = await f.account.listVirtualMFADevices({ MaxItems: 2, Marker: p1.Marker });
    expect(p2.VirtualMFADevices.map((d) => d.SerialNumber)).toEqual([c.serial]);
    const text = JSON.stringify([any, await f.account.listMFADevices({ UserName: "alice" })]);
    for (const seed of [a.seed, b.seed, c.seed]) expect(text).not.toContain(seed);
    expect(text).not.toContain("Base32StringSeed");
    await f.expectIamError(f.account.listVirtualMFADevices({ AssignmentStatus: "Some" as "Any" }), "ValidationError", /assignmentStatus/);
  });

  it("listMFADevices acts on the caller without UserName; the root user has none here", async () => {
    const { serial } = await enabledDevice("bob", "bob-phone");
    const bob = f.account.store.users.get("bob")!;
    expect((await f.account.listMFADevices({}, { caller: bob.Arn })).MFADevices.map((d) => d.SerialNumber)).toEqual([serial]);
    expect(f.calls.at(-1)).toEqual([bob.Arn, "iam:ListMFADevices", bob.Arn]);
    expect(await f.account.listMFADevices({}, { caller: f.account.rootArn })).toEqual({ MFADevices: [], IsTruncated: false });
    await f.expectIamError(f.account.listMFADevices({ UserName: "carol" }), "NoSuchEntity");
    await f.expectIamError(f.account.listMFADevices(), "ValidationError");
  });

  it("seeds never leave the store after creation, nor in the GAAD export", async () => {
    const { seed } = await enabledDevice("alice", "alice-phone");
    expect(JSON.stringify(f.account.toAuthorizationDetails())).not.toContain(seed);
  });
});
