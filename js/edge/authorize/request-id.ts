/**
 * @module edge/authorize/request-id
 * Request ids in S3's shape (16 upper-case hex characters, as `x-amz-request-id` and
 * `<RequestId>` carry them): random, so one cannot be guessed to fetch another's explanation.
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
}
