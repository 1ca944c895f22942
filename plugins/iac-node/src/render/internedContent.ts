/*
 * Rendered file contents, interned: the same rendered text gives the same
 * Buffer object. A live preview re-renders a payload that changed in one
 * field, so most files come out as the text of the previous render; with
 * the same Buffer, everything kept per content Buffer (the content digest of
 * the content hash, a preview's per-file JSON) is computed once, as for the
 * files a tree copies verbatim. Callers never write into a content Buffer
 * (copied files already share the tree's).
 *
 * Bounded by bytes (text and Buffer), least recently used out first; each
 * thread (HTTP thread, preview workers) has its own.
 */

/** Bytes of rendered text (and their Buffers) kept, per thread. */
export const INTERNED_CONTENT_BYTES = 8 * 1024 * 1024;

/** Texts longer than this are not kept (one would evict too many others). */
const MAX_ENTRY_BYTES = 1024 * 1024;

const interned = new Map<string, Buffer>();
let used = 0;

/** The UTF-8 bytes of a rendered text: the same Buffer for the same text. */
export function internContent(text: string): Buffer {
  const hit = interned.get(text);
  if (hit) {
    // most recently used last
    interned.delete(text);
    interned.set(text, hit);
    return hit;
  }
  const content = Buffer.from(text, 'utf8');
  const cost = text.length + content.length;
  if (cost > MAX_ENTRY_BYTES) {
    return content;
  }
  while (used + cost > INTERNED_CONTENT_BYTES && interned.size > 0) {
    const [oldText, old] = interned.entries().next().value!;
    interned.delete(oldText);
    used -= oldText.length + old.length;
  }
  interned.set(text, content);
  used += cost;
  return content;
}

/** What the cache holds now (for tests and benchmarks). */
export function internedContentStats(): { entries: number; bytes: number } {
  return { entries: interned.size, bytes: used };
}
