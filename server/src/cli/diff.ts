// Unified line diff (Myers' O(ND) algorithm), printed the way `diff -u` does, 3 lines of context.

type Op = { kind: ' ' | '-' | '+'; text: string };

/** Splits into lines that keep their "\n" (the last one may lack it). */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((l) => `${l}\n`);
  const last = lines[lines.length - 1] as string;
  if (last === '\n') lines.pop();
  else lines[lines.length - 1] = last.slice(0, -1);
  return lines;
}

/** The shortest edit script from a to b, as a list of kept, removed and added lines. */
function myers(a: string[], b: string[]): Op[] {
  // Trim the common prefix and suffix: fixes touch small parts of a file.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
        ? (v[offset + k + 1] as number)
        : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Backtrack through the saved frontiers.
  const middle: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] as number) < (vd[offset + k + 1] as number));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) middle.push({ kind: ' ', text: A[--x] as string }), y--;
    if (d > 0) {
      if (down) middle.push({ kind: '+', text: B[--y] as string });
      else middle.push({ kind: '-', text: A[--x] as string });
    }
  }
  middle.reverse();
  return [
    ...a.slice(0, pre).map((text): Op => ({ kind: ' ', text })),
    ...middle,
    ...a.slice(a.length - suf).map((text): Op => ({ kind: ' ', text })),
  ];
}

function range(start: number, count: number): string {
  // diff -u: a count of 1 is omitted; an empty range names the line before it.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

export interface DiffColors {
  removed(s: string): string;
  added(s: string): string;
  hunk(s: string): string;
  header(s: string): string;
}

const PLAIN: DiffColors = { removed: (s) => s, added: (s) => s, hunk: (s) => s, header: (s) => s };

/** A unified diff of two texts; "" when they are equal. */
export function unifiedDiff(oldPath: string, newPath: string, oldText: string, newText: string, context = 3, colors: DiffColors = PLAIN): string {
  if (oldText === newText) return '';
  const ops = myers(splitLines(oldText), splitLines(newText));
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const out: string[] = [colors.header(`--- ${oldPath}`), colors.header(`+++ ${newPath}`)];
  // Line numbers (1-based) of each op in the old and new text.
  const oldNo: number[] = [];
  const newNo: number[] = [];
  let o = 1;
  let n = 1;
  for (const op of ops) {
    oldNo.push(o);
    newNo.push(n);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') n++;
  }
  let i = 0;
  while (i < changed.length) {
    const first = changed[i] as number;
    let last = first;
    while (i + 1 < changed.length && (changed[i + 1] as number) - last <= 2 * context + 1) last = changed[++i] as number;
    i++;
    const start = Math.max(0, first - context);
    const end = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(start, end + 1);
    const oldCount = slice.filter((s) => s.kind !== '+').length;
    const newCount = slice.filter((s) => s.kind !== '-').length;
    out.push(colors.hunk(`@@ -${range(oldNo[start] as number, oldCount)} +${range(newNo[start] as number, newCount)} @@`));
    for (const op of slice) {
      const body = op.text.endsWith('\n') ? op.text.slice(0, -1) : op.text;
      const line = `${op.kind}${body}`;
      out.push(op.kind === '-' ? colors.removed(line) : op.kind === '+' ? colors.added(line) : line);
      if (!op.text.endsWith('\n')) out.push('\\ No newline at end of file');
    }
  }
  return `${out.join('\n')}\n`;
}
