/**
 * @module sts/saml/attributes
 * The AWS attributes of a verified assertion ("Configuring SAML assertions for the authentication
 * response"; "Passing session tags using AssumeRoleWithSAML"), each name compared exactly (AWS:
 * "The value of the Name attribute in the Attribute tag is case-sensitive"):
 * - `https://aws.amazon.com/SAML/Attributes/Role`: one or more `role ARN,provider ARN` pairs
 *   (AWS accepts the two ARNs in either order);
 * - `.../RoleSessionName`: required, 2-64 characters of `[\w+=,.@-]` (InvalidIdentityToken
 *   "RoleSessionName is required in AuthnResponse" / "... must match [a-zA-Z_0-9+=,.@-]{2,64}");
 * - `.../SessionDuration`: optional, 900-43200 seconds; for the API it can only shorten the session;
 * - `.../PrincipalTag:KEY` (one value each) and `.../TransitiveTagKeys` (keys of those tags): session tags;
 * - `.../SourceIdentity`: 2-64 characters of `[\w+=,.@-]`, not beginning with `aws:`.
 */
import type { Tag } from "../../iam/store.ts";
import { SamlResponseError } from "./response.ts";

export const AWS_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/";
export const ROLE_ATTRIBUTE = `${AWS_ATTRIBUTE}Role`;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN = /^arn:[a-z][a-z0-9-]*:iam::\d{12}:role\/\S+$/;
const PROVIDER_ARN = /^arn:[a-z][a-z0-9-]*:iam::\d{12}:saml-provider\/[\w+=,.@-]{1,128}$/;

const invalid = (message: string) => new SamlResponseError("InvalidIdentityToken", message);

export interface RolePair { roleArn: string; principalArn: string }

/** The role and provider pairs of the Role attribute. */
export function rolePairs(attributes: ReadonlyMap<string, string[]>): RolePair[] {
  const values = attributes.get(ROLE_ATTRIBUTE) ?? [];
  const out: RolePair[] = [];
  for (const v of values) {
    const parts = v.split(",").map((p) => p.trim());
    if (parts.length !== 2) continue;
    const role = parts.find((p) => ROLE_ARN.test(p));
    const provider = parts.find((p) => PROVIDER_ARN.test(p));
    if (role && provider) out.push({ roleArn: role, principalArn: provider });
  }
  return out;
}

function single(attributes: ReadonlyMap<string, string[]>, name: string): string | undefined {
  const values = attributes.get(`${AWS_ATTRIBUTE}${name}`);
  if (values === undefined) return undefined;
  if (values.length !== 1) throw invalid(`The ${name} attribute must have exactly one AttributeValue`);
  return values[0].trim();
}

export function roleSessionName(attributes: ReadonlyMap<string, string[]>): string {
  const name = single(attributes, "RoleSessionName");
  if (name === undefined) throw invalid("RoleSessionName is required in AuthnResponse");
  if (!SESSION_NAME.test(name)) throw invalid("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
  return name;
}

/** SessionDuration in seconds, when given. */
export function sessionDuration(attributes: ReadonlyMap<string, string[]>): number | undefined {
  const text = single(attributes, "SessionDuration");
  if (text === undefined) return undefined;
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 900 && n <= 43200)) throw invalid("SessionDuration in AuthnResponse must be an integer between 900 and 43200");
  return n;
}

export function sourceIdentity(attributes: ReadonlyMap<string, string[]>): string | undefined {
  const v = single(attributes, "SourceIdentity");
  if (v === undefined) return undefined;
  if (!SESSION_NAME.test(v) || v.toLowerCase().startsWith("aws:")) throw invalid('Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"');
  return v;
}

/** Session tags from `PrincipalTag:KEY` and the transitive keys from `TransitiveTagKeys` ("Session tags": at most 50, keys 1-128, values 0-256). */
export function sessionTags(attributes: ReadonlyMap<string, string[]>): { tags: Tag[]; transitive: string[] } {
  const prefix = `${AWS_ATTRIBUTE}PrincipalTag:`;
  const tags: Tag[] = [];
  const seen = new Set<string>();
  for (const [name, values] of attributes) {
    if (!name.startsWith(prefix)) continue;
    const key = name.slice(prefix.length);
    if (values.length !== 1) throw invalid(`The session tag ${key} must have exactly one AttributeValue`);
    const value = values[0];
    if (key.length < 1 || key.length > 128 || value.length > 256) throw invalid(`The session tag ${key}: keys are 1-128 and values 0-256 characters`);
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(key) || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(value)) throw invalid(`The session tag ${key} has characters tags may not hold`);
    if (key.toLowerCase().startsWith("aws:")) throw invalid(`Session tag keys may not begin with aws: (${key})`);
    if (seen.has(key.toLowerCase())) throw invalid(`The session tag ${key} appears twice (keys are compared ignoring case)`);
    seen.add(key.toLowerCase());
    tags.push({ Key: key, Value: value });
  }
  if (tags.length > 50) throw invalid("More than 50 session tags");
  const transitive = attributes.get(`${AWS_ATTRIBUTE}TransitiveTagKeys`) ?? [];
  for (const k of transitive) if (!seen.has(k.toLowerCase())) throw invalid(`TransitiveTagKeys names ${k}, which is not a session tag of this assertion`);
  return { tags, transitive: [...transitive] };
}
