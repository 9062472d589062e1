/**
 * @module playground/editor
 * One JSON policy editor (CodeMirror 6): syntax, bracket matching, history, the engine's
 * diagnostics as lint marks at their line and column, and decorations over the statements that
 * decided (or that the user picked in the explanation). Tab is left to move focus (no tab
 * trapping), so every control on the page stays reachable from the keyboard.
 */
import { EditorState, StateEffect, StateField, type Extension, type Text } from "@codemirror/state";
import {
  Decoration, type DecorationSet, EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter,
  keymap, lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import type { Diagnostic, Span } from "../entries/api.ts";

export interface Highlight {
  span: Span;
  /** `allow`, `deny` (deciding statements) or `focus` (picked in the explanation). */
  tone: "allow" | "deny" | "focus";
}

const setHighlights = StateEffect.define<DecorationSet>();
const highlightField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const e of tr.effects) if (e.is(setHighlights)) value = e.value;
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  "&": { fontSize: "13px", border: "1px solid var(--border)", borderRadius: "6px", background: "var(--editor-bg)" },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "1px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.45", maxHeight: "26rem", overflow: "auto" },
  ".cm-content": { minHeight: "4.5rem" },
  ".cm-gutters": { background: "var(--gutter-bg)", borderRight: "1px solid var(--border)", color: "var(--muted)" },
  ".cm-line.cm-decided-allow": { background: "var(--allow-bg)", boxShadow: "inset 3px 0 var(--allow)" },
  ".cm-line.cm-decided-deny": { background: "var(--deny-bg)", boxShadow: "inset 3px 0 var(--deny)" },
  ".cm-line.cm-decided-focus": { background: "var(--focus-bg)", boxShadow: "inset 3px 0 var(--focus)" },
});

/** Maps line/column spans to CodeMirror offsets, clamped to the document. */
function range(doc: Text, span: Span): { from: number; to: number } {
  const len = doc.length;
  const pos = (p: Span["start"]): number => {
    if (p.line >= 1 && p.line <= doc.lines) {
      const line = doc.line(p.line);
      return Math.min(line.from + p.column, len);
    }
    return Math.min(Math.max(p.offset, 0), len);
  };
  const from = pos(span.start);
  return { from, to: Math.max(from, pos(span.end)) };
}

const severity = (s: Diagnostic["severity"]): CmDiagnostic["severity"] =>
  s === "error" ? "error" : s === "suggestion" ? "info" : "warning";

/** The engine's diagnostics as CodeMirror lint marks on a document. */
function lintMarks(doc: Text, diagnostics: Diagnostic[]): CmDiagnostic[] {
  return diagnostics.map((d) => {
    const r = d.span ? range(doc, d.span) : { from: 0, to: 0 };
    // A zero-width range at the end of a line still gets an underline from CodeMirror.
    return { from: r.from, to: r.to, severity: severity(d.severity), source: d.code, message: d.message };
  });
}

/** An analyzer finding as a lint mark (js/playground/findings.ts makes them). */
export interface FindingMark {
  span: Span;
  severity: CmDiagnostic["severity"];
  code: string;
  message: string;
  /** Tells a security warning from a warning: CodeMirror has no such severity. */
  markClass: string;
}

function findingMarks(doc: Text, findings: FindingMark[]): CmDiagnostic[] {
  return findings.map((f) => ({ ...range(doc, f.span), severity: f.severity, source: f.code, message: f.message, markClass: f.markClass }));
}

export interface EditorOptions {
  /** The editor's accessible name. */
  label: string;
  onChange: (text: string) => void;
  extra?: Extension[];
  /** Shown from the start. */
  diagnostics?: Diagnostic[];
}

function extensions(options: EditorOptions): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    json(),
    lintGutter(),
    highlightField,
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ "aria-label": options.label, "aria-multiline": "true" }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) options.onChange(u.state.doc.toString());
    }),
    theme,
    ...(options.extra ?? []),
  ];
}

/** The marks last dispatched (as text) and the document they were made for. */
interface Shown {
  key: string;
  doc: Text;
}

export class PolicyEditor {
  readonly view: EditorView;
  /**
   * What the marks shown were made from (the document and the marks, as text): setting the same
   * marks on the same document again dispatches nothing. Each dispatch reads the DOM selection,
   * which forces a layout of the page, so with many editors the dispatches that changed nothing
   * were most of an evaluation's time.
   */
  readonly #diagnostics: Shown;
  readonly #highlights: Shown;
  /** The last marks of each source: setDiagnostics replaces all marks, so both go in each dispatch. */
  #engineMarks: Diagnostic[] = [];
  #findingMarks: FindingMark[] = [];

  constructor(parent: HTMLElement, text: string, options: EditorOptions) {
    let state = EditorState.create({ doc: text, extensions: extensions(options) });
    // Diagnostics known at creation go into the first state: no dispatch, so no forced layout.
    const marks = lintMarks(state.doc, options.diagnostics ?? []);
    if (marks.length) state = state.update(setDiagnostics(state, marks)).state;
    this.view = new EditorView({ parent, state });
    this.#engineMarks = options.diagnostics ?? [];
    this.#diagnostics = { key: JSON.stringify(marks), doc: state.doc };
    this.#highlights = { key: "[]", doc: state.doc };
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  set text(value: string) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: value } });
  }

  /** Shows the engine's diagnostics inline (underline, gutter marker, tooltip). */
  showDiagnostics(diagnostics: Diagnostic[]): void {
    this.#engineMarks = diagnostics;
    this.#showMarks();
  }

  /** Shows the analyzer's findings inline, beside the engine's diagnostics. */
  showFindings(findings: FindingMark[]): void {
    this.#findingMarks = findings;
    this.#showMarks();
  }

  #showMarks(): void {
    const doc = this.view.state.doc;
    const marks = [...lintMarks(doc, this.#engineMarks), ...findingMarks(doc, this.#findingMarks)];
    if (this.#unchanged(this.#diagnostics, marks)) return;
    this.view.dispatch(setDiagnostics(this.view.state, marks));
  }

  /** Replaces the statement highlights. */
  highlight(list: Highlight[]): void {
    // Whole lines, from the statement's first line to its last: easier to see than a mark
    // broken at every line end. Several tones on one line: the later one wins (focus last).
    const doc = this.view.state.doc;
    const byLine = new Map<number, Highlight["tone"]>();
    for (const h of list) {
      const r = range(doc, h.span);
      if (r.to <= r.from) continue;
      for (let n = doc.lineAt(r.from).number; n <= doc.lineAt(r.to).number; n++) byLine.set(n, h.tone);
    }
    const lines = [...byLine.entries()].sort((a, b) => a[0] - b[0]);
    if (this.#unchanged(this.#highlights, lines)) return;
    const marks = lines
      .map(([n, tone]) => Decoration.line({ class: `cm-decided-${tone}`, attributes: { "data-decided": tone } }).range(doc.line(n).from));
    this.view.dispatch({ effects: setHighlights.of(Decoration.set(marks, true)) });
  }

  /** True when these marks are already shown (none, or the same on the same document); else records them. */
  #unchanged(shown: Shown, marks: unknown[]): boolean {
    const key = JSON.stringify(marks);
    const doc = this.view.state.doc;
    if (key === shown.key && (key === "[]" || doc === shown.doc)) return true;
    shown.key = key;
    shown.doc = doc;
    return false;
  }

  /** Scrolls a span into view and puts the cursor at its start. */
  reveal(span: Span, focus = true): void {
    const r = range(this.view.state.doc, span);
    this.view.dispatch({ selection: { anchor: r.from }, effects: EditorView.scrollIntoView(r.from, { y: "center" }) });
    if (focus) this.view.focus();
  }

  destroy(): void {
    this.view.destroy();
  }
}
