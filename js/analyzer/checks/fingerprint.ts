/**
 * @module analyzer/checks/fingerprint
 * A 32-bit number per JSON value that values of equal canonical text (./redundancy.ts: object
 * members and list items in any order, a one-item list as its item) always share. Redundant
 * statements are looked for among statements of equal fingerprint only, so the canonical text,
 * which sorts every list, is built for few statements: AWS's service-role policies have dozens
 * of statements alike in shape.
 */
import { stringifyNode, type JsonNode } from "../../policy/json.ts";

/** FNV-1a over the UTF-16 code units of `text`, from `seed`. */
function hashText(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

const STRING = 0x811c9dc5;
const OTHER = 0x2c9277b5;
const KEY = 0x6b43a9b5;

/**
 * Order-independent where the canonical text sorts (members, items): parts are combined by
 * addition, which does not depend on their order. `top`: leave out the statement's Sid, as the
 * canonical text does.
 */
export function fingerprint(node: JsonNode, top = false): number {
  switch (node.type) {
    case "object": {
      let sum = 0x3a8f05c5;
      for (const m of node.members) {
        if (top && m.key === "Sid") continue;
        sum = (sum + Math.imul(hashText(m.key, KEY) ^ fingerprint(m.value), 0x9e3779b1)) | 0;
      }
      return sum;
    }
    case "array": {
      if (node.items.length === 1) return fingerprint(node.items[0]);
      let sum = Math.imul(node.items.length, 0x27d4eb2f);
      for (const item of node.items) sum = (sum + fingerprint(item)) | 0;
      return sum;
    }
    case "string":
      return hashText(node.value, STRING);
    default:
      return hashText(stringifyNode(node), OTHER);
  }
}
