/**
 * @module match/scratch
 * One grow-only buffer the linear glob matcher works in: a decoded literal run and its KMP
 * table (literal-search.ts), or the state masks of a segment with `?` (shift-and.ts). It grows
 * to the largest need seen and is then reused, so matching allocates only when a segment longer
 * than any before reaches the linear path. Its size is linear in the segment (and the segment is
 * never longer than the text it could match: callers check that first), so a request within the
 * binding's limits needs at most a few hundred KiB (docs/matching.md).
 */
import { grow } from "../memory";

let buffer: usize = 0;
let capacity: usize = 0;

/** At least `size` bytes of scratch; the contents of earlier calls are kept when it grows. */
export function scratch(size: usize): usize {
  if (size > capacity) {
    buffer = grow(buffer, size);
    capacity = size;
  }
  return buffer;
}
