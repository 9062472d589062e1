/**
 * @module edge/s3-api/auth/policy-cache
 * Bucket policies compiled once per isolate: keyed by the bucket's id and the policy's text, so a
 * new policy (or a bucket created again under the same name) is compiled afresh. Bounded: the
 * least recently used policy is disposed past `max`. Take a policy and decide with it without
 * awaiting in between: a later request may evict (and dispose) it.
 */
import type { CompiledPolicy, Engine } from "../../../engine/engine.ts";
import type { BucketInfo } from "../buckets.ts";

export class BucketPolicyCache {
  readonly #entries = new Map<string, CompiledPolicy>();

  constructor(readonly engine: Engine, readonly max = 256) {}

  /** The bucket's policy, compiled (undefined when it has none). */
  get(bucket: BucketInfo, partition = "aws"): CompiledPolicy | undefined {
    if (bucket.policy === undefined) return undefined;
    const key = `${bucket.id}\n${bucket.policy}`;
    let policy = this.#entries.get(key);
    if (policy) this.#entries.delete(key);
    else policy = this.engine.compile(bucket.policy, { kind: "resource", id: `arn:${partition}:s3:::${bucket.name}` });
    this.#entries.set(key, policy);
    while (this.#entries.size > this.max) {
      const [oldest, p] = this.#entries.entries().next().value as [string, CompiledPolicy];
      this.#entries.delete(oldest);
      p.dispose();
    }
    return policy;
  }
}
