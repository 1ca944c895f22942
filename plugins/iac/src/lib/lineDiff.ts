/*
 * A line diff (Myers, O((N+M)·D)) for the preview's "changes since the
 * previous form state" view. Generated files are small; a diff with more
 * than MAX_EDITS edits is reported as a full replacement.
 */

export type DiffLine =
  | { type: 'same'; text: string; oldLine: number; newLine: number }
  | { type: 'del'; text: string; oldLine: number }
  | { type: 'add'; text: string; newLine: number };

/** A run of unchanged lines left out of a compact diff. */
export type DiffGap = { type: 'gap'; count: number };

const MAX_EDITS = 4000;

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line diff of two texts. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // common prefix / suffix: cheap and keeps the core small
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start++;
  }
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) {
    out.push({ type: 'same', text: a[i], oldLine: i + 1, newLine: i + 1 });
  }
  out.push(...myers(a, b, start, endA, start, endB));
  for (let i = 0; endA + i < a.length; i++) {
    out.push({
      type: 'same',
      text: a[endA + i],
      oldLine: endA + i + 1,
      newLine: endB + i + 1,
    });
  }
  return out;
}

function myers(
  a: string[],
  b: string[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): DiffLine[] {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 && m === 0) return [];
  const max = n + m;
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && d <= MAX_EDITS; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) {
        x = v[offset + k + 1];
      } else {
        x = v[offset + k - 1] + 1;
      }
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
    if (found) {
      trace.push(v);
      break;
    }
  }
  if (!found) {
    // too different: everything replaced
    return [
      ...a
        .slice(a0, a1)
        .map(
          (text, i): DiffLine => ({ type: 'del', text, oldLine: a0 + i + 1 }),
        ),
      ...b
        .slice(b0, b1)
        .map(
          (text, i): DiffLine => ({ type: 'add', text, newLine: b0 + i + 1 }),
        ),
    ];
  }
  // backtrack
  const edits: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d];
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1])) {
      prevK = k + 1;
    } else {
      prevK = k - 1;
    }
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({
        type: 'same',
        text: a[a0 + x],
        oldLine: a0 + x + 1,
        newLine: b0 + y + 1,
      });
    }
    if (d > 0) {
      if (x === prevX) {
        y--;
        edits.push({ type: 'add', text: b[b0 + y], newLine: b0 + y + 1 });
      } else {
        x--;
        edits.push({ type: 'del', text: a[a0 + x], oldLine: a0 + x + 1 });
      }
    }
  }
  return edits.reverse();
}

/** Counts of added and removed lines. */
export function diffStats(lines: DiffLine[]): {
  added: number;
  removed: number;
} {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.type === 'add') added++;
    else if (line.type === 'del') removed++;
  }
  return { added, removed };
}

/** Keeps `context` unchanged lines around each change; the rest become gaps. */
export function compactDiff(
  lines: DiffLine[],
  context = 3,
): Array<DiffLine | DiffGap> {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((line, i) => {
    if (line.type !== 'same') {
      for (
        let j = Math.max(0, i - context);
        j <= Math.min(lines.length - 1, i + context);
        j++
      ) {
        keep[j] = true;
      }
    }
  });
  const out: Array<DiffLine | DiffGap> = [];
  let gap = 0;
  lines.forEach((line, i) => {
    if (keep[i]) {
      if (gap) out.push({ type: 'gap', count: gap });
      gap = 0;
      out.push(line);
    } else {
      gap++;
    }
  });
  if (gap) out.push({ type: 'gap', count: gap });
  return out;
}
