/**
 * @module iam/audit/names
 * Name casing: an operation's EventName from its camelCase method, CloudTrail's lowerCamelCase
 * keys from the API's PascalCase fields.
 */

export const ucFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const lcFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
