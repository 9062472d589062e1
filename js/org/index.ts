/**
 * @module org
 * The organization layer (js/org/README.md): AWS Organizations' model and what it imposes on the
 * accounts of an organization.
 */
export { Organization, type OrganizationOptions, type CreateOrganizationInput } from "./organization.ts";
export { OrganizationsError, type OrganizationsErrorCode } from "./errors.ts";
export { guardrailsOf, type AccountGuardrailDocs, type GuardrailLevel } from "./guardrails.ts";
export { GuardrailCompiler, RCP_SERVICES, rcpApplies } from "./compiled.ts";
export { organizationAccountAccessRole, type ProvisionedRole } from "./access-role.ts";
export { FULL_AWS_ACCESS_ID, RCP_FULL_AWS_ACCESS_ID } from "./aws-managed.ts";
export type * from "./shapes.ts";
export { applyOrganization } from "./apply.ts";
