/**
 * @module sts
 * STS operations installed on Account (module augmentation). Imported by js/iam/index.ts so
 * they come with the model. A plain list of side-effect imports.
 */
import "./token.ts";
import "./credentials.ts";
import "./resolve-session.ts";
import "./assume-role.ts";
import "./session-token.ts";
import "./caller-identity.ts";
import "./web-identity.ts";
