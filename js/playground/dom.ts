/**
 * @module playground/dom
 * The two DOM helpers every pane uses. Text given as a child always becomes a text node, and
 * attribute values go through `setAttribute`: nothing the user typed (policy text, share-link
 * state, GAAD names) is ever parsed as HTML.
 */

export type Child = Node | string | null | undefined | false;

/** An element with attributes, `on...` listeners and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) setAttr(el, k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

function setAttr(el: HTMLElement, k: string, v: unknown): void {
  if (v === undefined || v === null || v === false) return;
  if (k.startsWith("on")) {
    // Only functions: an `on...` attribute with a string would be inline script.
    if (typeof v === "function") el.addEventListener(k.slice(2), v as EventListener);
  } else if (k === "class") el.className = String(v);
  else if (k === "value") (el as HTMLInputElement).value = String(v);
  else if (k === "checked") (el as HTMLInputElement).checked = Boolean(v);
  else el.setAttribute(k, v === true ? "" : String(v));
}

/** The element with this id (the page's static skeleton is in index.html). */
export const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** The value of an input, select or textarea event's target. */
export const valueOf = (e: Event): string => (e.target as HTMLInputElement).value;
