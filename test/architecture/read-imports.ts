/**
 * @module test/architecture/read-imports
 * Lists every module a source file names, with its line: static imports (type-only too),
 * `export ... from`, dynamic `import()`, type queries `import("x").T`, `import x = require()`,
 * `require()`, and in JavaScript files the JSDoc types and `@import` tags that TypeScript reads.
 * Parsed with the TypeScript compiler, not a regex, so a multi-line import or an import inside a
 * string or comment is read as the compiler reads it. AssemblyScript is TypeScript syntax.
 */
import ts from "typescript";

export type ImportKind = "import" | "import type" | "export from" | "dynamic import" | "import type query" | "require" | "jsdoc import";

export interface ImportRef {
  /** The specifier as written; null for a dynamic import whose argument is not a literal. */
  specifier: string | null;
  /** 1-based line of the specifier (of the call, for a computed one). */
  line: number;
  kind: ImportKind;
}

const JS_FILE = /\.(?:[cm]?js|jsx)$/;

/** The imports of one file, in source order. */
export function readImports(path: string, text: string): ImportRef[] {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
  const out: ImportRef[] = [];
  const add = (at: ts.Node, kind: ImportKind, specifier: string | null): void => {
    out.push({ specifier, line: sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1, kind });
  };
  const visit = (node: ts.Node): void => {
    readNode(node, add);
    if (JS_FILE.test(path)) for (const doc of (node as { jsDoc?: ts.Node[] }).jsDoc ?? []) visit(doc);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

type Add = (at: ts.Node, kind: ImportKind, specifier: string | null) => void;

/** Records the import `node` makes, if it makes one. */
function readNode(node: ts.Node, add: Add): void {
  if (ts.isImportDeclaration(node) || ts.isJSDocImportTag(node)) {
    const typeOnly = ts.isJSDocImportTag(node) || node.importClause?.isTypeOnly === true;
    const kind: ImportKind = ts.isJSDocImportTag(node) ? "jsdoc import" : typeOnly ? "import type" : "import";
    if (ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier, kind, node.moduleSpecifier.text);
  } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
    add(node.moduleSpecifier, "export from", node.moduleSpecifier.text);
  } else if (ts.isImportTypeNode(node)) {
    const arg = node.argument;
    if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) add(arg.literal, "import type query", arg.literal.text);
  } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const expr = node.moduleReference.expression;
    add(expr, "require", ts.isStringLiteralLike(expr) ? expr.text : null);
  } else if (ts.isCallExpression(node)) {
    readCall(node, add);
  }
}

/** `import(x)` and `require(x)`; a computed specifier is recorded as null (it cannot be checked). */
function readCall(node: ts.CallExpression, add: Add): void {
  const dynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
  const required = ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments.length === 1;
  if (!dynamic && !required) return;
  const arg = node.arguments[0];
  const literal = arg !== undefined && ts.isStringLiteralLike(arg);
  add(literal ? arg : node, dynamic ? "dynamic import" : "require", literal ? arg.text : null);
}

function scriptKind(path: string): ts.ScriptKind {
  if (/\.[cm]?js$/.test(path)) return ts.ScriptKind.JS;
  if (/\.tsx$/.test(path)) return ts.ScriptKind.TSX;
  if (/\.jsx$/.test(path)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.TS;
}
