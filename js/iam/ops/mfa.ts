/**
 * @module iam/ops/mfa
 * Virtual MFA devices: CreateVirtualMFADevice, EnableMFADevice, DeactivateMFADevice,
 * DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices, plus the internal
 * verifyMfaCode that STS uses for `SerialNumber` + `TokenCode`.
 *
 * Codes are RFC 6238 TOTP (HMAC-SHA-1, 6 digits, 30-second steps, one step of drift either
 * way), computed with WebCrypto (totp.ts). Every accepted code moves the device's
 * `LastUsedStep` forward, so a code is usable once (RFC 6238 section 5.2): a replay, or an
 * older code, fails. Failed codes are limited per device and per user (attempt-limits.ts,
 * ops/attempts.ts). Enabling takes two consecutive codes, as IAM requires. At most 8 MFA
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
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { base32Encode } from "../base32.ts";
import { decodeBase32 } from "../rfc4648.ts";
import { hotp, timeStep, verifyTotp, constantTimeEqualString } from "../totp.ts";
import { checkPath, checkTags } from "../validate.ts";
import type { Tag, UserEntity, VirtualMfaDeviceEntity } from "../store.ts";
import { checkExistingUserName, checkString, resolveCredentialTarget, targetUser } from "./credential-target.ts";
import { paginateInOrder, type PaginatedResponse, type PaginationRequest } from "./shared.ts";
import { enableAttemptsExceeded, enableKeys, mfaKeys } from "./attempts.ts";

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

export interface CreateVirtualMFADeviceRequest { VirtualMFADeviceName: string; Path?: string; Tags?: Tag[] }
export interface CreateVirtualMFADeviceResponse { VirtualMFADevice: VirtualMFADevice }
export interface EnableMFADeviceRequest { UserName: string; SerialNumber: string; AuthenticationCode1: string; AuthenticationCode2: string }
export interface DeactivateMFADeviceRequest { UserName?: string; SerialNumber: string }
export interface DeleteVirtualMFADeviceRequest { SerialNumber: string }
export interface ListMFADevicesRequest extends PaginationRequest { UserName?: string }
export interface ListMFADevicesResponse extends PaginatedResponse { MFADevices: MFADevice[] }
export interface ListVirtualMFADevicesRequest extends PaginationRequest { AssignmentStatus?: "Assigned" | "Unassigned" | "Any" }
export interface ListVirtualMFADevicesResponse extends PaginatedResponse { VirtualMFADevices: VirtualMFADevice[] }


const SERIAL = /^[\w+=/:,.@-]+$/;

function checkSerial(value: unknown): string {
  return checkString(value, "SerialNumber", 9, 256, SERIAL, "[\\w+=/:,.@-]+");
}

function checkCode(value: unknown, field: string): string {
  return checkString(value, field, 6, 6, /^\d+$/, "[\\d]+");
}

/** The device's seed bytes: the stored seed is canonical base32 (rfc4648.ts), as CreateVirtualMFADevice wrote it. */
function seedOf(device: VirtualMfaDeviceEntity): Uint8Array {
  const key = decodeBase32(device.Base32StringSeed);
  if (!key) throw new Error(`the stored seed of ${device.SerialNumber} is not canonical base32`);
  return key;
}

function noSuchDevice(serial: string): IamError {
  return new IamError("NoSuchEntity", `VirtualMFADevice with serial number ${serial} does not exist.`);
}

function userSummary(user: UserEntity): NonNullable<VirtualMFADevice["User"]> {
  const out: NonNullable<VirtualMFADevice["User"]> = { Path: user.Path, UserName: user.UserName, UserId: user.UserId, Arn: user.Arn, CreateDate: user.CreateDate };
  if (user.PasswordLastUsed) out.PasswordLastUsed = user.PasswordLastUsed;
  return out;
}

export async function createVirtualMFADevice(account: AccountState, input: CreateVirtualMFADeviceRequest, options?: OperationOptions): Promise<CreateVirtualMFADeviceResponse> {
  const name = checkString(input?.VirtualMFADeviceName, "VirtualMFADeviceName", 1, 226, /^[\w+=,.@-]+$/, "[\\w+=,.@-]+");
  const path = checkPath(input?.Path);
  const tags = checkTags(input?.Tags);
  const serial = account.arn(`mfa${path}${name}`);
  await account.authorizeOperation(options, "iam:CreateVirtualMFADevice", serial);
  if (account.store.mfaDevices.has(serial.toLowerCase())) throw new IamError("EntityAlreadyExists", "MFADevice entity at the same path and name already exists.");
  const seed = new Uint8Array(MFA_SEED_BYTES);
  crypto.getRandomValues(seed);
  const device: VirtualMfaDeviceEntity = { SerialNumber: serial, Base32StringSeed: base32Encode(seed, false), Tags: tags.map((t) => ({ ...t })), LastUsedStep: -1 };
  account.store.mfaDevices.set(serial.toLowerCase(), device);
  account.touch();
  const out: VirtualMFADevice = { SerialNumber: serial, Base32StringSeed: device.Base32StringSeed };
  if (tags.length) out.Tags = tags.map((t) => ({ ...t }));
  return { VirtualMFADevice: out };
}

/** EnableMFADevice: two consecutive current codes of an unassigned device assign it to the user. */
export async function enableMFADevice(account: AccountState, input: EnableMFADeviceRequest, options?: OperationOptions): Promise<Record<string, never>> {
  const userName = checkExistingUserName(input?.UserName);
  const serial = checkSerial(input?.SerialNumber);
  const code1 = checkCode(input?.AuthenticationCode1, "AuthenticationCode1");
  const code2 = checkCode(input?.AuthenticationCode2, "AuthenticationCode2");
  const existing = account.store.users.get(userName.toLowerCase());
  await account.authorizeOperation(options, "iam:EnableMFADevice", existing?.Arn ?? account.arn(`user/${userName}`));
  // Checked before the codes are computed and again after (the computation awaits), so the
  // mutation below runs against the state that was checked.
  const { device } = enableTarget(account, userName, serial);
  const keys = enableKeys(serial, userName);
  const gate = account.attempts.begin(keys);
  if (!gate.allowed) throw enableAttemptsExceeded(gate.lockedUntil);
  const matched = await consecutiveCodesStep(device, timeStep(account.now()), code1, code2);
  const after = enableTarget(account, userName, serial);
  if (matched === undefined || after.device !== device || matched <= device.LastUsedStep) {
    throw new IamError("InvalidAuthenticationCode", "Authentication code for device is not valid.");
  }
  account.attempts.succeeded(keys);
  const enableDate = account.timestamp();
  device.UserName = after.user.UserName;
  device.EnableDate = enableDate;
  device.LastUsedStep = matched;
  after.user.MFADevices.push({ SerialNumber: device.SerialNumber, EnableDate: enableDate });
  account.touch();
  return {};
}

/** The user and the unassigned device EnableMFADevice names, within the user's quota. */
function enableTarget(account: AccountState, userName: string, serial: string): { user: UserEntity; device: VirtualMfaDeviceEntity } {
  const user = account.store.users.get(userName.toLowerCase());
  if (!user) throw new IamError("NoSuchEntity", `The user with name ${userName} cannot be found.`);
  const device = account.store.mfaDevices.get(serial.toLowerCase());
  if (!device) throw noSuchDevice(serial);
  if (device.UserName !== undefined) throw new IamError("EntityAlreadyExists", `MFA device ${device.SerialNumber} is already in use.`);
  if (user.MFADevices.length >= MFA_DEVICES_PER_USER) throw new IamError("LimitExceeded", `Cannot exceed quota for MFADevicesInUsePerUser: ${MFA_DEVICES_PER_USER}`);
  return { user, device };
}

/**
 * Two consecutive codes: code1 at step s, code2 at s + 1, with s + 1 within one step of `now`
 * and after the device's last used step. Answers s + 1, or undefined.
 */
async function consecutiveCodesStep(device: VirtualMfaDeviceEntity, now: number, code1: string, code2: string): Promise<number | undefined> {
  const key = seedOf(device);
  const codes = new Map<number, string>();
  for (let s = now - 2; s <= now + 1; s++) if (s >= 0) codes.set(s, await hotp(key, s));
  let matched: number | undefined;
  for (let s = now - 2; s <= now; s++) {
    const a = codes.get(s), b = codes.get(s + 1);
    if (a && b && constantTimeEqualString(a, code1) && constantTimeEqualString(b, code2) && s + 1 > device.LastUsedStep && matched === undefined) matched = s + 1;
  }
  return matched;
}

export async function deactivateMFADevice(account: AccountState, input: DeactivateMFADeviceRequest, options?: OperationOptions): Promise<Record<string, never>> {
  const serial = checkSerial(input?.SerialNumber);
  const target = resolveCredentialTarget(account, input?.UserName, options, false);
  if (target.kind !== "user") throw new IamError("ValidationError", "Must specify userName: root MFA devices are not modelled");
  await account.authorizeOperation(options, "iam:DeactivateMFADevice", target.arn);
  const user = targetUser(target);
  const i = user.MFADevices.findIndex((d) => d.SerialNumber.toLowerCase() === serial.toLowerCase());
  if (i < 0) throw new IamError("NoSuchEntity", `MFA Device with serial number ${serial} is not enabled for user ${user.UserName}.`);
  user.MFADevices.splice(i, 1);
  const device = account.store.mfaDevices.get(serial.toLowerCase());
  if (device) {
    delete device.UserName;
    delete device.EnableDate;
  }
  account.touch();
  return {};
}

export async function deleteVirtualMFADevice(account: AccountState, input: DeleteVirtualMFADeviceRequest, options?: OperationOptions): Promise<Record<string, never>> {
  const serial = checkSerial(input?.SerialNumber);
  const device = account.store.mfaDevices.get(serial.toLowerCase());
  await account.authorizeOperation(options, "iam:DeleteVirtualMFADevice", device?.SerialNumber ?? serial);
  if (!device) throw noSuchDevice(serial);
  if (device.UserName !== undefined) {
    throw new IamError("DeleteConflict", `MFA device ${device.SerialNumber} is enabled for user ${device.UserName}: deactivate it first (DeactivateMFADevice).`);
  }
  account.store.mfaDevices.delete(serial.toLowerCase());
  account.touch();
  return {};
}

export async function listMFADevices(account: AccountState, input: ListMFADevicesRequest = {}, options?: OperationOptions): Promise<ListMFADevicesResponse> {
  const target = resolveCredentialTarget(account, input?.UserName, options, true);
  await account.authorizeOperation(options, "iam:ListMFADevices", target.arn);
  // Root MFA devices are not modelled: the root user has none here.
  const devices = target.kind === "root" ? [] : targetUser(target).MFADevices.map((d) => ({ UserName: target.userName, SerialNumber: d.SerialNumber, EnableDate: d.EnableDate }));
  const { page, ...rest } = paginateInOrder(devices, input);
  return { MFADevices: page, ...rest };
}

export async function listVirtualMFADevices(account: AccountState, input: ListVirtualMFADevicesRequest = {}, options?: OperationOptions): Promise<ListVirtualMFADevicesResponse> {
  const status = input?.AssignmentStatus ?? "Any";
  if (status !== "Assigned" && status !== "Unassigned" && status !== "Any") {
    throw new IamError("ValidationError", `1 validation error detected: Value '${String(status)}' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Assigned, Unassigned, Any]`);
  }
  // Decided on the devices' ARN prefix, `arn:aws:iam::ACCOUNT:mfa/`, the resource AWS's denial names.
  await account.authorizeOperation(options, "iam:ListVirtualMFADevices", account.arn("mfa/"));
  const devices: VirtualMFADevice[] = [];
  for (const d of account.store.mfaDevices.values()) {
    const assigned = d.UserName !== undefined;
    if ((status === "Assigned" && !assigned) || (status === "Unassigned" && assigned)) continue;
    const out: VirtualMFADevice = { SerialNumber: d.SerialNumber };
    const user = assigned ? account.store.users.get(d.UserName!.toLowerCase()) : undefined;
    if (user) out.User = userSummary(user);
    if (d.EnableDate) out.EnableDate = d.EnableDate;
    if (d.Tags.length) out.Tags = d.Tags.map((t) => ({ ...t }));
    devices.push(out);
  }
  const { page, ...rest } = paginateInOrder(devices, input);
  return { VirtualMFADevices: page, ...rest };
}

/** A seed no device has, of a real seed's length: unusable devices cost what usable ones do. */
const DUMMY_SEED = new Uint8Array(MFA_SEED_BYTES);

/** What an MFA code check found: a valid code (now spent), or not, and until when the keys are locked out when refused unchecked. */
export interface MfaCheck {
  valid: boolean;
  /** Epoch ms: the attempt was refused unchecked (too many failures, attempt-limits.ts). */
  lockedUntil?: number;
}

/**
 * STS's check of `SerialNumber` + `TokenCode` (see Account.verifyMfaCode), within the attempt
 * limits (ops/attempts.ts keys). An unknown, unassigned or other user's device runs the same TOTP
 * computations (over a dummy seed) as a usable one, so the time of a refusal does not tell which
 * devices exist or whose they are.
 */
export async function checkMfaCode(account: AccountState, serialNumber: string, code: string, userName?: string): Promise<MfaCheck> {
  if (typeof serialNumber !== "string" || typeof code !== "string" || !/^\d{6}$/.test(code)) return { valid: false };
  if (userName !== undefined && typeof userName !== "string") return { valid: false };
  const keys = mfaKeys(account, serialNumber, userName);
  const gate = account.attempts.begin(keys);
  if (!gate.allowed) return { valid: false, lockedUntil: gate.lockedUntil };
  const device = account.store.mfaDevices.get(serialNumber.toLowerCase());
  const usable = () =>
    device !== undefined && account.store.mfaDevices.get(serialNumber.toLowerCase()) === device && device.UserName !== undefined &&
    (userName === undefined || device.UserName.toLowerCase() === userName.toLowerCase());
  const real = usable();
  const step = await verifyTotp(real ? seedOf(device!) : DUMMY_SEED, code, account.now(), { window: 1, lastUsedStep: real ? device!.LastUsedStep : undefined });
  // Re-checked after the await: two concurrent uses of one code cannot both pass.
  if (!real || step === undefined || !usable() || step <= device!.LastUsedStep) return { valid: false };
  device!.LastUsedStep = step;
  account.attempts.succeeded(keys);
  return { valid: true };
}

/** `checkMfaCode` as a yes or no (Account.verifyMfaCode). */
export async function verifyMfaCode(account: AccountState, serialNumber: string, code: string, userName?: string): Promise<boolean> {
  return (await checkMfaCode(account, serialNumber, code, userName)).valid;
}
