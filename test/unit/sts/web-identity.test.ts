/**
 * Web-identity federation: the OIDC provider entity and its IAM operations
 * (js/iam/ops/oidc-providers.ts) and AssumeRoleWithWebIdentity (js/sts/web-identity.ts) with a
 * GitHub-Actions-style trust policy, keys generated here (RSA 2048 and P-256), tokens signed
 * here, and every refusal with its AWS error code.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import type { CloudTrailRecord } from "../../../js/iam/audit.ts";
import type { Engine } from "../../../js/engine/engine.ts";
import { base64urlEncode, base64urlDecode } from "../../../js/sts/jwt.ts";
import * as credentialsModule from "../../../js/sts/credentials.ts";

const ACCOUNT = "111122223333";
const GITHUB = "token.actions.githubusercontent.com";
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${GITHUB}`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/ci/GitHubDeploy`;
const MAIN = "repo:octo-org/octo-repo:ref:refs/heads/main";

// issueCredentials comes from the STS core (js/sts/credentials.ts); the credential checks below
// need it, everything up to the trust decision does not.
const haveIssue = typeof (credentialsModule as Record<string, unknown>).issueCredentials === "function";
const verifySessionToken = (credentialsModule as Record<string, unknown>).verifySessionToken as
  ((account: Account, accessKeyId: string, token: string) => Promise<Record<string, unknown>>) | undefined;

const utf8 = new TextEncoder();
const b64 = (bytes: ArrayBuffer | Uint8Array) => base64urlEncode(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
const b64json = (value: unknown) => b64(utf8.encode(JSON.stringify(value)));

let engine: Engine;
let rsa: CryptoKeyPair;
let ec: CryptoKeyPair;
let jwks: { keys: JsonWebKey[] };
let clock: Date;
let account: Account;
const now = () => Math.floor(clock.getTime() / 1000);

const githubTrust = {
  Version: "2012-10-17",
  Statement: [{
    Effect: "Allow",
    Principal: { Federated: PROVIDER_ARN },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" },
      StringLike: { [`${GITHUB}:sub`]: MAIN },
    },
  }],
};

async function sign(alg: "RS256" | "ES256", payload: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
  const input = `${b64json({ alg, typ: "JWT", kid: alg === "RS256" ? "rsa-1" : "ec-1", ...header })}.${b64json(payload)}`;
  const sig = alg === "RS256"
    ? await crypto.subtle.sign("RSASSA-PKCS1-v1_5", rsa.privateKey, utf8.encode(input))
    : await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, ec.privateKey, utf8.encode(input));
  return `${input}.${b64(sig)}`;
}

/** Claims as GitHub Actions issues them (abridged). */
function githubClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: `https://${GITHUB}`, aud: "sts.amazonaws.com", sub: MAIN, repository: "octo-org/octo-repo", ref: "refs/heads/main",
    iat: now() - 5, nbf: now() - 5, exp: now() + 300, ...extra,
  };
}

async function assume(token: string, extra: Record<string, unknown> = {}) {
  return await account.assumeRoleWithWebIdentity({ RoleArn: ROLE_ARN, RoleSessionName: "gha-run-42", WebIdentityToken: token, ...extra });
}

async function failure(p: Promise<unknown>): Promise<IamError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IamError);
    return e as IamError;
  }
  throw new Error("expected a failure");
}

beforeAll(async () => {
  engine = await createEngine();
  rsa = await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"]);
  ec = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  jwks = {
    keys: [
      { ...(await crypto.subtle.exportKey("jwk", rsa.publicKey)), kid: "rsa-1", use: "sig", alg: "RS256" } as JsonWebKey,
      { ...(await crypto.subtle.exportKey("jwk", ec.publicKey)), kid: "ec-1", use: "sig", alg: "ES256" } as JsonWebKey,
    ],
  };
});

beforeEach(async () => {
  clock = new Date("2026-03-01T12:00:00.000Z");
  account = await Account.create({ accountId: ACCOUNT, engine, now: () => clock });
  const { OpenIDConnectProviderArn } = await account.createOpenIDConnectProvider({
    Url: `https://${GITHUB}`, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: ["6938fd4d98bab03faadb97b34396831e3780aea1"],
  });
  expect(OpenIDConnectProviderArn).toBe(PROVIDER_ARN);
  await account.setOpenIDConnectProviderKeys({ OpenIDConnectProviderArn: PROVIDER_ARN, Jwks: jwks });
  await account.createRole({ RoleName: "GitHubDeploy", Path: "/ci/", AssumeRolePolicyDocument: githubTrust, MaxSessionDuration: 7200 });
});

describe("OIDC provider operations", () => {
  it("creates, reads and lists providers in IAM's shapes", async () => {
    const got = await account.getOpenIDConnectProvider({ OpenIDConnectProviderArn: PROVIDER_ARN });
    expect(got).toEqual({ Url: GITHUB, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: ["6938fd4d98bab03faadb97b34396831e3780aea1"], CreateDate: "2026-03-01T12:00:00Z" });
    const created = await account.createOpenIDConnectProvider({ Url: "https://auth.example.com/realms/dev/", ClientIDList: ["a", "b", "a"], Tags: [{ Key: "team", Value: "ci" }] });
    expect(created).toEqual({ OpenIDConnectProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/auth.example.com/realms/dev/`, Tags: [{ Key: "team", Value: "ci" }] });
    expect((await account.getOpenIDConnectProvider(created)).ClientIDList).toEqual(["a", "b"]);
    expect(await account.listOpenIDConnectProviders()).toEqual({
      OpenIDConnectProviderList: [{ Arn: created.OpenIDConnectProviderArn }, { Arn: PROVIDER_ARN }],
    });
    expect(await account.listOpenIDConnectProviderTags(created)).toEqual({ Tags: [{ Key: "team", Value: "ci" }], IsTruncated: false });
  });

  it("applies AWS's rules: https URL, one provider per URL, 100 client ids, 40-hex thumbprints", async () => {
    const version = account.version;
    expect((await failure(account.createOpenIDConnectProvider({ Url: `https://${GITHUB}` }))).code).toBe("EntityAlreadyExists");
    for (const Url of ["http://auth.example.com", "auth.example.com", "https://", "https://auth.example.com?x=1", "https://auth.example.com/#f", "https://user@auth.example.com"]) {
      expect((await failure(account.createOpenIDConnectProvider({ Url }))).code, Url).toBe("InvalidInput");
    }
    expect((await failure(account.createOpenIDConnectProvider({ Url: `https://a.example.com/${"p".repeat(240)}` }))).code).toBe("ValidationError");
    const ids = Array.from({ length: 101 }, (_, i) => `client-${i}`);
    expect((await failure(account.createOpenIDConnectProvider({ Url: "https://a.example.com", ClientIDList: ids }))).code).toBe("LimitExceeded");
    expect((await failure(account.createOpenIDConnectProvider({ Url: "https://a.example.com", ClientIDList: [""] }))).code).toBe("ValidationError");
    for (const ThumbprintList of [["abc"], ["g".repeat(40)], Array(6).fill("a".repeat(40))]) {
      expect((await failure(account.createOpenIDConnectProvider({ Url: "https://a.example.com", ThumbprintList }))).code).toBe("ValidationError");
    }
    expect(account.version).toBe(version);
    expect(account.store.oidcProviders.size).toBe(1);
  });

  it("adds and removes client ids (idempotently), updates thumbprints, deletes (idempotently)", async () => {
    const ref = { OpenIDConnectProviderArn: PROVIDER_ARN };
    await account.addClientIDToOpenIDConnectProvider({ ...ref, ClientID: "my-app" });
    await account.addClientIDToOpenIDConnectProvider({ ...ref, ClientID: "my-app" });
    expect((await account.getOpenIDConnectProvider(ref)).ClientIDList).toEqual(["sts.amazonaws.com", "my-app"]);
    await account.removeClientIDFromOpenIDConnectProvider({ ...ref, ClientID: "sts.amazonaws.com" });
    await account.removeClientIDFromOpenIDConnectProvider({ ...ref, ClientID: "never-there" });
    expect((await account.getOpenIDConnectProvider(ref)).ClientIDList).toEqual(["my-app"]);
    for (let i = 1; i < 100; i++) await account.addClientIDToOpenIDConnectProvider({ ...ref, ClientID: `c${i}` });
    expect((await failure(account.addClientIDToOpenIDConnectProvider({ ...ref, ClientID: "one-too-many" }))).code).toBe("LimitExceeded");
    await account.updateOpenIDConnectProviderThumbprint({ ...ref, ThumbprintList: ["A".repeat(40)] });
    expect((await account.getOpenIDConnectProvider(ref)).ThumbprintList).toEqual(["a".repeat(40)]);
    const missing = { OpenIDConnectProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/nowhere.example.com` };
    expect((await failure(account.getOpenIDConnectProvider(missing))).code).toBe("NoSuchEntity");
    expect((await failure(account.addClientIDToOpenIDConnectProvider({ ...missing, ClientID: "x" }))).code).toBe("NoSuchEntity");
    expect((await failure(account.getOpenIDConnectProvider({ OpenIDConnectProviderArn: "arn:aws:iam::111122223333:role/x" }))).code).toBe("InvalidInput");
    await account.deleteOpenIDConnectProvider(ref);
    await account.deleteOpenIDConnectProvider(ref);
    expect(await account.listOpenIDConnectProviders()).toEqual({ OpenIDConnectProviderList: [] });
  });

  it("stores public keys only, and authorizes each operation when a caller is given", async () => {
    const ref = { OpenIDConnectProviderArn: PROVIDER_ARN };
    const privateJwk = await crypto.subtle.exportKey("jwk", ec.privateKey);
    const err = await failure(account.setOpenIDConnectProviderKeys({ ...ref, Jwks: { keys: [privateJwk] } }));
    expect(err.code).toBe("InvalidInput");
    expect(err.message).not.toContain(privateJwk.d!);
    expect((await failure(account.setOpenIDConnectProviderKeys({ ...ref, Jwks: "not json" }))).code).toBe("InvalidInput");
    expect((await account.getOpenIDConnectProviderKeys(ref)).Jwks?.keys.map((k) => (k as { kid?: string }).kid)).toEqual(["rsa-1", "ec-1"]);

    await account.createUser({ UserName: "ops" });
    await account.putUserPolicy({
      UserName: "ops", PolicyName: "oidc",
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviders"], Resource: "*" }] },
    });
    const caller = { caller: `arn:aws:iam::${ACCOUNT}:user/ops` };
    await account.getOpenIDConnectProvider(ref, caller);
    await account.listOpenIDConnectProviders({}, caller);
    expect((await failure(account.createOpenIDConnectProvider({ Url: "https://x.example.com" }, caller))).code).toBe("AccessDenied");
    expect((await failure(account.setOpenIDConnectProviderKeys({ ...ref, Jwks: jwks }, caller))).code).toBe("AccessDenied");
    expect((await failure(account.deleteOpenIDConnectProvider(ref, caller))).code).toBe("AccessDenied");
  });

  it("is left out of the GAAD export", async () => {
    const gaad = await account.toAuthorizationDetails();
    expect(Object.keys(gaad).sort()).toEqual(["GroupDetailList", "IsTruncated", "Policies", "RoleDetailList", "UserDetailList"]);
    const text = JSON.stringify(gaad);
    expect(text).toContain("GitHubDeploy"); // its trust policy names the provider ARN, as in AWS
    for (const absent of ["ClientIDList", "ThumbprintList", "6938fd4d98bab03faadb97b34396831e3780aea1", '"kid"', '"kty"']) expect(text).not.toContain(absent);
    const back = await Account.fromAuthorizationDetails(gaad, { accountId: ACCOUNT, engine });
    expect(back.store.oidcProviders.size).toBe(0);
  });
});

describe("AssumeRoleWithWebIdentity", () => {
  it.skipIf(!haveIssue)("exchanges a GitHub Actions token (RS256 and ES256) for role credentials", async () => {
    for (const alg of ["RS256", "ES256"] as const) {
      const out = await assume(await sign(alg, githubClaims()), { DurationSeconds: 900 });
      expect(out).toMatchObject({
        SubjectFromWebIdentityToken: MAIN,
        AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/GitHubDeploy/gha-run-42` },
        Provider: PROVIDER_ARN,
        Audience: "sts.amazonaws.com",
      });
      expect(out.AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:gha-run-42$/);
      expect(out.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(out.Credentials.SecretAccessKey).toHaveLength(40);
      expect(out.Credentials.Expiration).toBe("2026-03-01T12:15:00Z");
      expect(out).not.toHaveProperty("PackedPolicySize");
      expect(out).not.toHaveProperty("SourceIdentity");
      if (verifySessionToken) {
        const session = await verifySessionToken(account, out.Credentials.AccessKeyId, out.Credentials.SessionToken);
        expect(session).toMatchObject({
          kind: "AssumeRoleWithWebIdentity", roleArn: ROLE_ARN, sessionName: "gha-run-42", mfaAuthenticated: false, chained: false,
          expiresAt: now() + 900,
          webIdentity: {
            providerArn: PROVIDER_ARN,
            context: { [`${GITHUB}:aud`]: "sts.amazonaws.com", [`${GITHUB}:sub`]: MAIN, "aws:FederatedProvider": PROVIDER_ARN },
          },
        });
      }
    }
    expect((await account.getRole({ RoleName: "GitHubDeploy" })).Role.RoleLastUsed).toEqual({ LastUsedDate: "2026-03-01T12:00:00Z" });
  });

  it.skipIf(!haveIssue)("defaults to one hour and stops at the role's MaxSessionDuration", async () => {
    expect((await assume(await sign("ES256", githubClaims()))).Credentials.Expiration).toBe("2026-03-01T13:00:00Z");
    expect((await assume(await sign("ES256", githubClaims()), { DurationSeconds: 7200 })).Credentials.Expiration).toBe("2026-03-01T14:00:00Z");
  });

  it("refuses a duration beyond MaxSessionDuration or outside 900-43200, and malformed arguments", async () => {
    const token = await sign("ES256", githubClaims());
    const err = await failure(assume(token, { DurationSeconds: 7201 }));
    expect([err.code, err.message]).toEqual(["ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."]);
    for (const DurationSeconds of [899, 43201, 1000.5, "3600"]) expect((await failure(assume(token, { DurationSeconds }))).code).toBe("ValidationError");
    for (const RoleSessionName of ["x", "a".repeat(65), "has space", undefined]) expect((await failure(assume(token, { RoleSessionName }))).code).toBe("ValidationError");
    expect((await failure(assume(token, { RoleArn: "nope" }))).code).toBe("ValidationError");
    expect((await failure(assume(token, { ProviderId: "www.amazon.com" }))).code).toBe("ValidationError");
    expect((await failure(assume(""))).code).toBe("ValidationError");
  });

  it("refuses alg none, HS256 with the public key as secret, an altered payload or signature and an unknown kid: InvalidIdentityToken", async () => {
    const payload = b64json(githubClaims());
    const none = `${b64json({ alg: "none", typ: "JWT" })}.${payload}.`;
    const noneSigned = `${b64json({ alg: "none", typ: "JWT" })}.${payload}.${b64(new Uint8Array(32))}`;
    const hmacInput = `${b64json({ alg: "HS256", kid: "rsa-1" })}.${payload}`;
    const hmacKey = await crypto.subtle.importKey("raw", utf8.encode(JSON.stringify(jwks.keys[0])), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const hs256 = `${hmacInput}.${b64(await crypto.subtle.sign("HMAC", hmacKey, utf8.encode(hmacInput)))}`;
    const good = await sign("RS256", githubClaims());
    const [h, , s] = good.split(".");
    const alteredPayload = `${h}.${b64json(githubClaims({ sub: "repo:octo-org/octo-repo:ref:refs/heads/evil" }))}.${s}`;
    const sig = base64urlDecode(s)!;
    sig[100] ^= 4;
    const alteredSignature = `${good.split(".").slice(0, 2).join(".")}.${b64(sig)}`;
    const unknownKid = await sign("ES256", githubClaims(), { kid: "ec-rotated" });
    const garbage = "eyJhbGciOiJSUzI1NiJ9.not-json.c2ln";
    const reasons = {
      none: /unsigned/, noneSigned: /alg none/, hs256: /HS256 \(HMAC\) is not accepted/, alteredPayload: /Couldn't verify the token signature/,
      alteredSignature: /Couldn't verify the token signature/, unknownKid: /kid "ec-rotated"/, garbage: /not UTF-8 JSON|not base64url/,
    };
    for (const [name, token] of Object.entries({ none, noneSigned, hs256, alteredPayload, alteredSignature, unknownKid, garbage })) {
      const err = await failure(assume(token));
      expect(err.code, name).toBe("InvalidIdentityToken");
      expect(err.status, name).toBe(400);
      expect(err.message, name).toMatch(reasons[name as keyof typeof reasons]);
    }
  });

  it("refuses a token from an issuer with no provider in the account: InvalidIdentityToken", async () => {
    const other = await sign("RS256", githubClaims({ iss: "https://accounts.example.com" }));
    const err = await failure(assume(other));
    expect([err.code, err.message]).toEqual(["InvalidIdentityToken", "No OpenIDConnect provider found in your account for https://accounts.example.com"]);
    // Same host, other spelling: the issuer must equal the provider URL exactly.
    expect((await failure(assume(await sign("RS256", githubClaims({ iss: `https://${GITHUB}/` }))))).code).toBe("InvalidIdentityToken");
    expect((await failure(assume(await sign("RS256", githubClaims({ iss: `http://${GITHUB}` }))))).code).toBe("InvalidIdentityToken");
  });

  it("refuses a wrong audience (IDPRejectedClaim), an expired token (ExpiredTokenException) and nbf in the future", async () => {
    const aud = await failure(assume(await sign("RS256", githubClaims({ aud: "https://github.com/octo-org" }))));
    expect([aud.code, aud.status]).toEqual(["IDPRejectedClaim", 403]);
    const token = await sign("ES256", githubClaims());
    clock = new Date(clock.getTime() + 361_000); // exp (now + 300) plus the 60 s leeway, plus one
    expect((await failure(assume(token))).code).toBe("ExpiredTokenException");
    clock = new Date("2026-03-01T12:00:00.000Z");
    expect((await failure(assume(await sign("ES256", githubClaims({ nbf: now() + 600 }))))).code).toBe("InvalidIdentityToken");
    expect((await failure(assume(await sign("ES256", githubClaims({ iat: now() + 600 }))))).code).toBe("InvalidIdentityToken");
    expect((await failure(assume(await sign("ES256", githubClaims({ sub: undefined }))))).code).toBe("InvalidIdentityToken");
  });

  it("refuses a token the trust policy does not allow: AccessDenied", async () => {
    const branch = await failure(assume(await sign("RS256", githubClaims({ sub: "repo:octo-org/octo-repo:ref:refs/heads/feature" }))));
    expect([branch.code, branch.message, branch.status]).toEqual(["AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", 403]);
    expect((await failure(assume(await sign("RS256", githubClaims({ sub: "repo:octo-org/other-repo:ref:refs/heads/main" }))))).code).toBe("AccessDenied");
    // A second client id the provider accepts but the trust condition does not.
    await account.addClientIDToOpenIDConnectProvider({ OpenIDConnectProviderArn: PROVIDER_ARN, ClientID: "my-app" });
    expect((await failure(assume(await sign("RS256", githubClaims({ aud: "my-app" }))))).code).toBe("AccessDenied");
    // Roles that do not exist, at another path, or that trust only other principals.
    const token = await sign("RS256", githubClaims());
    expect((await failure(assume(token, { RoleArn: `arn:aws:iam::${ACCOUNT}:role/ci/Missing` }))).code).toBe("AccessDenied");
    expect((await failure(assume(token, { RoleArn: `arn:aws:iam::${ACCOUNT}:role/GitHubDeploy` }))).code).toBe("AccessDenied");
    expect((await failure(assume(token, { RoleArn: `arn:aws:iam::444455556666:role/ci/GitHubDeploy` }))).code).toBe("AccessDenied");
    await account.createRole({
      RoleName: "Ec2Only",
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] },
    });
    expect((await failure(assume(token, { RoleArn: `arn:aws:iam::${ACCOUNT}:role/Ec2Only` }))).code).toBe("AccessDenied");
    // An explicit deny wins over the allow.
    await account.updateAssumeRolePolicy({
      RoleName: "GitHubDeploy",
      PolicyDocument: { ...githubTrust, Statement: [...githubTrust.Statement, { Effect: "Deny", Principal: { Federated: PROVIDER_ARN }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { [`${GITHUB}:sub`]: "repo:octo-org/*" } } }] },
    });
    expect((await failure(assume(token))).code).toBe("AccessDenied");
  });

  it("its audit record carries the trust policy's deciding statements, as AssumeRole's does", async () => {
    const records: CloudTrailRecord[] = [];
    account.audit = (r) => void records.push(r);
    await assume(await sign("RS256", githubClaims()));
    await failure(assume(await sign("RS256", githubClaims({ sub: "repo:octo-org/octo-repo:ref:refs/heads/feature" }))));
    account.audit = undefined;
    const [allowed, denied] = records.filter((r) => r.eventName === "AssumeRoleWithWebIdentity");
    expect(allowed.additionalEventData).toMatchObject({
      decision: "Allow",
      matchedStatements: [expect.objectContaining({ policyId: `${ROLE_ARN}#trust`, statementIndex: 0, effect: "Allow" })],
    });
    expect(denied.errorCode).toBe("AccessDenied");
    expect(denied.additionalEventData).toMatchObject({ decision: "ImplicitDeny", matchedStatements: [] });
  });

  it("refuses when the provider has no keys (IDPCommunicationError) or the keys rotated away", async () => {
    const token = await sign("RS256", githubClaims());
    await account.setOpenIDConnectProviderKeys({ OpenIDConnectProviderArn: PROVIDER_ARN, Jwks: { keys: [jwks.keys[1]] } });
    expect((await failure(assume(token))).code).toBe("InvalidIdentityToken");
    await account.setOpenIDConnectProviderKeys({ OpenIDConnectProviderArn: PROVIDER_ARN, Jwks: { keys: [] } });
    expect((await failure(assume(token))).code).toBe("IDPCommunicationError");
  });

  it.skipIf(!haveIssue)("puts :amr (multivalued) and :azp in the trust policy's context", async () => {
    const url = "auth.example.com/realms/dev";
    const { OpenIDConnectProviderArn } = await account.createOpenIDConnectProvider({ Url: `https://${url}`, ClientIDList: ["web-app"] });
    await account.setOpenIDConnectProviderKeys({ OpenIDConnectProviderArn, Jwks: jwks });
    await account.createRole({
      RoleName: "MfaUsers",
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [{
          Effect: "Allow", Principal: { Federated: OpenIDConnectProviderArn }, Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: { [`${url}:aud`]: "web-app", [`${url}:azp`]: "web-app", "aws:FederatedProvider": OpenIDConnectProviderArn },
            "ForAnyValue:StringEquals": { [`${url}:amr`]: "mfa" },
          },
        }],
      },
    });
    const claims = (extra: Record<string, unknown>) => ({ iss: `https://${url}`, aud: ["web-app", "account"], sub: "user-1", exp: now() + 60, ...extra });
    const RoleArn = `arn:aws:iam::${ACCOUNT}:role/MfaUsers`;
    const ok = await account.assumeRoleWithWebIdentity({ RoleArn, RoleSessionName: "user-1", WebIdentityToken: await sign("ES256", claims({ amr: ["pwd", "mfa"], azp: "web-app" })) });
    expect(ok).toMatchObject({ Audience: "web-app", SubjectFromWebIdentityToken: "user-1", Provider: OpenIDConnectProviderArn });
    for (const extra of [{ amr: ["pwd"], azp: "web-app" }, { amr: ["pwd", "mfa"] }, { amr: ["mfa"], azp: "other" }]) {
      const err = await failure(account.assumeRoleWithWebIdentity({ RoleArn, RoleSessionName: "user-1", WebIdentityToken: await sign("ES256", claims(extra)) }));
      expect(err.code, JSON.stringify(extra)).toBe("AccessDenied");
    }
  });

  it.skipIf(!haveIssue)("takes session policies as AssumeRole does", async () => {
    const token = await sign("RS256", githubClaims());
    const Policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::artifacts/*" }] });
    const out = await assume(token, { Policy, PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }] });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    expect(out.PackedPolicySize).toBeLessThanOrEqual(100);
    if (verifySessionToken) {
      const session = await verifySessionToken(account, out.Credentials.AccessKeyId, out.Credentials.SessionToken);
      expect(session).toMatchObject({ policy: Policy, policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] });
    }
    expect((await failure(assume(token, { Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}' }))).code).toBe("MalformedPolicyDocument");
    expect((await failure(assume(token, { Policy: "{not json" }))).code).toBe("MalformedPolicyDocument");
    const big = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: Array.from({ length: 80 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] });
    expect((await failure(assume(token, { Policy: big }))).code).toBe("PackedPolicyTooLarge");
    const arns = Array.from({ length: 11 }, () => ({ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    expect((await failure(assume(token, { PolicyArns: arns }))).code).toBe("ValidationError");
    expect((await failure(assume(token, { PolicyArns: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/Nope` }] }))).code).toBe("InvalidParameterValue");
  });

  it.skipIf(!haveIssue)("turns the session-tag and source-identity claims into the session's, when the trust policy allows them", async () => {
    const tagged = githubClaims({
      "https://aws.amazon.com/tags": { principal_tags: { Project: ["Deploy"], Team: ["Ops"] }, transitive_tag_keys: ["Project"] },
      "https://aws.amazon.com/source_identity": "octocat",
    });
    const token = await sign("RS256", tagged);
    expect((await failure(assume(token))).message).toBe("Not authorized to perform sts:TagSession");
    const allowAll: { Version: string; Statement: Record<string, unknown>[] } = {
      Version: "2012-10-17",
      Statement: [
        githubTrust.Statement[0],
        { Effect: "Allow", Principal: { Federated: PROVIDER_ARN }, Action: "sts:TagSession", Condition: { StringEquals: { "aws:RequestTag/Project": "Deploy" } } },
      ],
    };
    await account.updateAssumeRolePolicy({ RoleName: "GitHubDeploy", PolicyDocument: allowAll });
    expect((await failure(assume(token))).message).toBe("Not authorized to perform sts:SetSourceIdentity");
    allowAll.Statement.push({ Effect: "Allow", Principal: { Federated: PROVIDER_ARN }, Action: "sts:SetSourceIdentity", Condition: { StringEquals: { "sts:SourceIdentity": "octocat" } } });
    await account.updateAssumeRolePolicy({ RoleName: "GitHubDeploy", PolicyDocument: allowAll });
    const out = await assume(token);
    expect(out.SourceIdentity).toBe("octocat");
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    if (verifySessionToken) {
      const session = await verifySessionToken(account, out.Credentials.AccessKeyId, out.Credentials.SessionToken);
      expect(session).toMatchObject({ sourceIdentity: "octocat", tags: [{ Key: "Project", Value: "Deploy" }, { Key: "Team", Value: "Ops" }], transitiveTagKeys: ["Project"] });
    }
    const badTags = await sign("RS256", githubClaims({ "https://aws.amazon.com/tags": { principal_tags: { "aws:x": ["y"] } } }));
    expect((await failure(assume(badTags))).code).toBe("InvalidIdentityToken");
  });

  it("reports nothing secret and changes nothing when refused", async () => {
    const version = account.version;
    await failure(assume(await sign("RS256", githubClaims({ aud: "nope" }))));
    await failure(assume(await sign("RS256", githubClaims({ sub: "repo:x/y:ref:refs/heads/main" }))));
    expect(account.version).toBe(version);
    expect((await account.getRole({ RoleName: "GitHubDeploy" })).Role.RoleLastUsed).toEqual({});
  });
});
