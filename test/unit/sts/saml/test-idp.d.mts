/** Types of test-idp.mjs (plain JavaScript so the edge end-to-end test can import it too). */
export const SAML: string;
export const SAMLP: string;
export const DS: string;
export const MD: string;
export const AWS_RECIPIENT: string;
export const ROLE_ATTR: string;
export const SESSION_NAME_ATTR: string;
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array;
export function seq(...content: Uint8Array[]): Uint8Array;
export function oid(text: string): Uint8Array;
export function extension(id: string, value?: Uint8Array): Uint8Array;
export function makeCertificate(o: { keys: CryptoKeyPair; cn?: string; notAfter?: Date; extensions?: Uint8Array[]; spki?: Uint8Array }): Promise<Uint8Array>;
export function base64(bytes: Uint8Array): string;
export function base64Text(text: string): string;
export function generateKeys(): Promise<CryptoKeyPair>;
export function metadataXml(o: { entityId: string; certificates: Uint8Array[]; validUntil?: string }): string;
export interface TestIdp { entityId: string; keys: CryptoKeyPair; certificate: Uint8Array; metadata: string }
export function createTestIdp(entityId?: string): Promise<TestIdp>;
export function newId(): string;
export interface AssertionOptions {
  now: Date;
  issuer?: string;
  id?: string;
  nameId?: string;
  nameIdFormat?: string | null;
  recipient?: string;
  validFor?: number;
  notBeforeOffset?: number;
  audiences?: string[];
  attributes?: [string, string[]][];
  sessionNotOnOrAfter?: Date;
}
export function assertionXml(o: AssertionOptions & { issuer: string }): { id: string; xml: string };
export function responseXml(o: { now: Date; issuer: string; assertion: string; id?: string; destination?: string | null; status?: string }): { id: string; xml: string };
export function signElement(xml: string, id: string, privateKey: CryptoKey, bend?: { referenceUri?: string; signatureMethod?: string; digestMethod?: string; digestOver?: string }): Promise<string>;
export function signedResponse(idp: { keys: CryptoKeyPair; entityId: string }, o: AssertionOptions & { sign?: "assertion" | "response" | "both" | "none"; destination?: string | null }): Promise<{ xml: string; assertionId: string; responseId: string }>;
export function rolePair(roleArn: string, providerArn: string): string;
