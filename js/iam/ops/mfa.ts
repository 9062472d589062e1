/**
 * @module iam/ops/mfa
 * Virtual MFA devices: CreateVirtualMFADevice, EnableMFADevice, DeactivateMFADevice,
 * DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices, plus the internal
 * verifyMfaCode that STS uses for `SerialNumber` + `TokenCode`.
 *
 * Codes are RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30-second steps, one step of drift either
 * way), computed with WebCrypto (totp.ts). Every accepted code moves the device's
 * `LastUsedStep` forward, so a code is usable once (RFC 6238 section 5.2): a replay, or an
 * older code, fails. Enabling takes two consecutive codes, as IAM requires. At most 8 MFA
 * devices per user ("IAM and AWS STS quotas").
 *
 * The seed is 40 random bytes, returned once by CreateVirtualMFADevice as `Base32StringSeed`
 * (base32 text, 64 characters; the SDKs carry it as a blob of that text). `QRCodePNG` is not
 * produced: build the `otpauth://totp/...?secret=SEED` URI from the seed instead.
 *
 * Devices are kept in `store.mfaDevices` keyed by lowercased serial number.
 *
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateVirtualMFADevice.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableMFADevice.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeactivateMFADevice.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteVirtualMFADevice.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListMFADevices.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListVirtualMFADevices.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html
 */
import { Account, type OperationOptions } from "../account.ts";
import { IamError } from "../errors.ts";
import { base32Decode, base32Encode } from "../base32.ts";
import { hotp, timeStep, verifyTotp, constantTimeEqualString } from "../totp.ts";
import { checkPath, checkTags } from "../validate.ts";
import type { Tag, UserEntity, VirtualMfaDeviceEntity } from "../store.ts";
import { checkExistingUserName, checkString, paginate, resolveCredentialTarget, targetUser, type PageInput, type PageOutput } from "./access-keys.ts";

/** "IAM and AWS STS quotas": MFA devices in use per user. */
export const MFA_DEVICES_PER_USER = 8;
/** Seed length in bytes (64 base32 characters, as AWS's seeds are). */
export const MFA_SEED_BYTES = 40;

export interface VirtualMFADevice {
  SerialNumber: string;
  /** Only in CreateVirtualMFADevice's answer. */
  Base32StringSeed?: string;
  User?: { Path: string; UserName: string; UserId: string; Arn: string; CreateDate: string; PasswordLastUsed?: string };
  EnableDate?: string;
  Tags?: Tag[];
}

export interface MFADevice {
  UserName: string;
  SerialNumber: string;
  EnableDate: string;
}

declare module "../account.ts" {
  interface Account {
    /**
     * Creates an unassigned virtual MFA device; its seed is in this answer only.
     * @example
     * const { VirtualMFADevice } = await account.createVirtualMFADevice({ VirtualMFADeviceName: "alice-phone" });
     * // VirtualMFADevice.SerialNumber "arn:aws:iam::111122223333:mfa/alice-phone"
     */
    createVirtualMFADevice(input: { VirtualMFADeviceName: string; Path?: string; Tags?: Tag[] }, options?: OperationOptions): Promise<{ VirtualMFADevice: VirtualMFADevice }>;
    /** Assigns a device to a user after two consecutive codes from it (InvalidAuthenticationCode otherwise). */
    enableMFADevice(input: { UserName: string; SerialNumber: string; AuthenticationCode1: string; AuthenticationCode2: string }, options?: OperationOptions): Promise<Record<string, never>>;
    /** Unassigns a device from the user (UserName defaults to the calling user); the device remains, unassigned. */
    deactivateMFADevice(input: { UserName?: string; SerialNumber: string }, options?: OperationOptions): Promise<Record<string, never>>;
    /** Deletes an unassigned virtual device (DeleteConflict while it is enabled). */
    deleteVirtualMFADevice(input: { SerialNumber: string }, options?: OperationOptions): Promise<Record<string, never>>;
    /** The MFA devices enabled for the user (UserName defaults to the calling user). */
    listMFADevices(input?: { UserName?: string } & PageInput, options?: OperationOptions): Promise<{ MFADevices: MFADevice[] } & PageOutput>;
    /** The account's virtual devices (never their seeds), filtered by AssignmentStatus (default Any). */
    listVirtualMFADevices(input?: { AssignmentStatus?: "Assigned" | "Unassigned" | "Any" } & PageInput, options?: OperationOptions): Promise<{ VirtualMFADevices: VirtualMFADevice[] } & PageOutput>;
    /**
     * @internal For STS (`SerialNumber` + `TokenCode`): true when `code` is the current TOTP
     * code of an enabled device (± one 30-second step) that has not been accepted before, and,
     * when `userName` is given, the device is that user's. An accepted code is spent.
     */
    verifyMfaCode(serialNumber: string, code: string, userName?: string): Promise<boolean>;
  }
}

const SERIAL = /^[\w+=/:,.@-]+$/;

function checkSerial(value: unknown): string {
  return checkString(value, "SerialNumber", 9, 256, SERIAL, "[\\w+=/:,.@-]+");
}

function checkCode(value: unknown, field: string): string {
  return checkString(value, field, 6, 6, /^\d+$/, "[\\d]+");
}

function noSuchDevice(serial: string): IamError {
  return new IamError("NoSuchEntity", `VirtualMFADevice with serial number ${serial} does not exist.`);
}

function userSummary(user: UserEntity): NonNullable<VirtualMFADevice["User"]> {
  const out: NonNullable<VirtualMFADevice["User"]> = { Path: user.Path, UserName: user.UserName, UserId: user.UserId, Arn: user.Arn, CreateDate: user.CreateDate };
  if (user.PasswordLastUsed) out.PasswordLastUsed = user.PasswordLastUsed;
  return out;
}

Account.prototype.createVirtualMFADevice = async function (this: Account, input, options) {
  const name = checkString(input?.VirtualMFADeviceName, "VirtualMFADeviceName", 1, 226, /^[\w+=,.@-]+$/, "[\\w+=,.@-]+");
  const path = checkPath(input?.Path);
  const tags = checkTags(input?.Tags);
  const serial = this.arn(`mfa${path}${name}`);
  await this.authorizeOperation(options, "iam:CreateVirtualMFADevice", serial);
  if (this.store.mfaDevices.has(serial.toLowerCase())) throw new IamError("EntityAlreadyExists", "MFADevice entity at the same path and name already exists.");
  const seed = new Uint8Array(MFA_SEED_BYTES);
  crypto.getRandomValues(seed);
  const device: VirtualMfaDeviceEntity = { SerialNumber: serial, Base32StringSeed: base32Encode(seed, false), Tags: tags.map((t) => ({ ...t })), LastUsedStep: -1 };
  this.store.mfaDevices.set(serial.toLowerCase(), device);
  this.touch();
  const out: VirtualMFADevice = { SerialNumber: serial, Base32StringSeed: device.Base32StringSeed };
  if (tags.length) out.Tags = tags.map((t) => ({ ...t }));
  return { VirtualMFADevice: out };
};

Account.prototype.enableMFADevice = async function (this: Account, input, options) {
  const userName = checkExistingUserName(input?.UserName);
  const serial = checkSerial(input?.SerialNumber);
  const code1 = checkCode(input?.AuthenticationCode1, "AuthenticationCode1");
  const code2 = checkCode(input?.AuthenticationCode2, "AuthenticationCode2");
  const existing = this.store.users.get(userName.toLowerCase());
  await this.authorizeOperation(options, "iam:EnableMFADevice", existing?.Arn ?? this.arn(`user/${userName}`));
  // Checked before the codes are computed and again after (the computation awaits), so the
  // mutation below runs against the state that was checked.
  const check = () => {
    const user = this.store.users.get(userName.toLowerCase());
    if (!user) throw new IamError("NoSuchEntity", `The user with name ${userName} cannot be found.`);
    const device = this.store.mfaDevices.get(serial.toLowerCase());
    if (!device) throw noSuchDevice(serial);
    if (device.UserName !== undefined) throw new IamError("EntityAlreadyExists", `MFA device ${device.SerialNumber} is already in use.`);
    if (user.MFADevices.length >= MFA_DEVICES_PER_USER) throw new IamError("LimitExceeded", `Cannot exceed quota for MFADevicesInUsePerUser: ${MFA_DEVICES_PER_USER}`);
    return { user, device };
  };
  const { device } = check();
  // Two consecutive codes: code1 at step s, code2 at s + 1, with s + 1 within one step of now.
  const key = base32Decode(device.Base32StringSeed);
  const now = timeStep(this.now());
  const codes = new Map<number, string>();
  for (let s = now - 2; s <= now + 1; s++) if (s >= 0) codes.set(s, await hotp(key, s));
  let matched: number | undefined;
  for (let s = now - 2; s <= now; s++) {
    const a = codes.get(s), b = codes.get(s + 1);
    if (a && b && constantTimeEqualString(a, code1) && constantTimeEqualString(b, code2) && s + 1 > device.LastUsedStep && matched === undefined) matched = s + 1;
  }
  const after = check();
  if (matched === undefined || after.device !== device || matched <= device.LastUsedStep) {
    throw new IamError("InvalidAuthenticationCode", "Authentication code for device is not valid.");
  }
  const enableDate = this.timestamp();
  device.UserName = after.user.UserName;
  device.EnableDate = enableDate;
  device.LastUsedStep = matched;
  after.user.MFADevices.push({ SerialNumber: device.SerialNumber, EnableDate: enableDate });
  this.touch();
  return {};
};

Account.prototype.deactivateMFADevice = async function (this: Account, input, options) {
  const serial = checkSerial(input?.SerialNumber);
  const target = resolveCredentialTarget(this, input?.UserName, options, false);
  if (target.kind !== "user") throw new IamError("ValidationError", "Must specify userName: root MFA devices are not modelled");
  await this.authorizeOperation(options, "iam:DeactivateMFADevice", target.arn);
  const user = targetUser(target);
  const i = user.MFADevices.findIndex((d) => d.SerialNumber.toLowerCase() === serial.toLowerCase());
  if (i < 0) throw new IamError("NoSuchEntity", `MFA Device with serial number ${serial} is not enabled for user ${user.UserName}.`);
  user.MFADevices.splice(i, 1);
  const device = this.store.mfaDevices.get(serial.toLowerCase());
  if (device) {
    delete device.UserName;
    delete device.EnableDate;
  }
  this.touch();
  return {};
};

Account.prototype.deleteVirtualMFADevice = async function (this: Account, input, options) {
  const serial = checkSerial(input?.SerialNumber);
  const device = this.store.mfaDevices.get(serial.toLowerCase());
  await this.authorizeOperation(options, "iam:DeleteVirtualMFADevice", device?.SerialNumber ?? serial);
  if (!device) throw noSuchDevice(serial);
  if (device.UserName !== undefined) {
    throw new IamError("DeleteConflict", `MFA device ${device.SerialNumber} is enabled for user ${device.UserName}: deactivate it first (DeactivateMFADevice).`);
  }
  this.store.mfaDevices.delete(serial.toLowerCase());
  this.touch();
  return {};
};

Account.prototype.listMFADevices = async function (this: Account, input = {}, options) {
  const target = resolveCredentialTarget(this, input?.UserName, options, true);
  await this.authorizeOperation(options, "iam:ListMFADevices", target.arn);
  // Root MFA devices are not modelled: the root user has none here.
  const devices = target.kind === "root" ? [] : targetUser(target).MFADevices.map((d) => ({ UserName: target.userName, SerialNumber: d.SerialNumber, EnableDate: d.EnableDate }));
  const { page, ...rest } = paginate(devices, input);
  return { MFADevices: page, ...rest };
};

Account.prototype.listVirtualMFADevices = async function (this: Account, input = {}, options) {
  const status = input?.AssignmentStatus ?? "Any";
  if (status !== "Assigned" && status !== "Unassigned" && status !== "Any") {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(status)}' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Assigned, Unassigned, Any]`);
  }
  await this.authorizeOperation(options, "iam:ListVirtualMFADevices", "*");
  const devices: VirtualMFADevice[] = [];
  for (const d of this.store.mfaDevices.values()) {
    const assigned = d.UserName !== undefined;
    if ((status === "Assigned" && !assigned) || (status === "Unassigned" && assigned)) continue;
    const out: VirtualMFADevice = { SerialNumber: d.SerialNumber };
    const user = assigned ? this.store.users.get(d.UserName!.toLowerCase()) : undefined;
    if (user) out.User = userSummary(user);
    if (d.EnableDate) out.EnableDate = d.EnableDate;
    if (d.Tags.length) out.Tags = d.Tags.map((t) => ({ ...t }));
    devices.push(out);
  }
  const { page, ...rest } = paginate(devices, input);
  return { VirtualMFADevices: page, ...rest };
};

Account.prototype.verifyMfaCode = async function (this: Account, serialNumber: string, code: string, userName?: string) {
  if (typeof serialNumber !== "string" || typeof code !== "string" || !/^\d{6}$/.test(code)) return false;
  const device = this.store.mfaDevices.get(serialNumber.toLowerCase());
  const usable = () =>
    device !== undefined && this.store.mfaDevices.get(serialNumber.toLowerCase()) === device && device.UserName !== undefined &&
    (userName === undefined || device.UserName.toLowerCase() === userName.toLowerCase());
  if (!usable()) return false;
  const step = await verifyTotp(base32Decode(device!.Base32StringSeed), code, this.now(), { window: 1, lastUsedStep: device!.LastUsedStep });
  // Re-checked after the await: two concurrent uses of one code cannot both pass.
  if (step === undefined || !usable() || step <= device!.LastUsedStep) return false;
  device!.LastUsedStep = step;
  return true;
};
