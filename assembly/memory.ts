/**
 * @module memory
 * Raw allocation for the binding: images and the scratch buffer live in blocks from the
 * runtime's TLSF heap, so disposing a policy returns its memory (no growth under churn).
 */
export function alloc(size: usize): usize {
  return heap.alloc(size);
}

export function free(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}

/** Grows `ptr` (which may be 0) to at least `size` bytes, keeping its contents. */
export function grow(ptr: usize, size: usize): usize {
  return ptr == 0 ? heap.alloc(size) : heap.realloc(ptr, size);
}
