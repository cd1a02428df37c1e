/**
 * Statistical disclosure control for the public tracker (DESIGN §2.6): a table of counts (rows ×
 * columns, e.g. counties × months) published with its row totals, column totals and grand total.
 *
 * - **Primary suppression**: every cell or total of 1–4 is shown as "<5".
 * - **Complementary suppression**: more cells are hidden (shown as "x") until nobody can work a hidden
 *   value out of what is published. "Working out" is checked by an attacker that knows everything the
 *   page says — the published numbers, that "<5" means 1–4, that "x" means 0 or at least 5 — and
 *   narrows every hidden value with the table's sums until nothing moves (interval propagation). While
 *   the attacker can pin any hidden value to one number, one more cell of that value's sums is hidden.
 *
 * Pure: the same counts always publish the same table.
 */

export type Published = { kind: 'count'; value: number } | { kind: 'small' } | { kind: 'hidden' };

export interface PublishedTable {
  cells: Published[][];
  rowTotals: Published[];
  columnTotals: Published[];
  total: Published;
}

export const SMALL_MIN = 1;
export const SMALL_MAX = 4;

/** Variables: cells first (row-major), then row totals, column totals, the grand total. */
interface Layout {
  rows: number;
  cols: number;
  cell(i: number, j: number): number;
  rowTotal(i: number): number;
  colTotal(j: number): number;
  grand: number;
  size: number;
  /** Each equation: the parts, then the whole they add up to. */
  equations: { parts: number[]; whole: number }[];
}

function layout(rows: number, cols: number): Layout {
  const cell = (i: number, j: number) => i * cols + j;
  const rowTotal = (i: number) => rows * cols + i;
  const colTotal = (j: number) => rows * cols + rows + j;
  const grand = rows * cols + rows + cols;
  const equations: Layout['equations'] = [];
  for (let i = 0; i < rows; i += 1)
    equations.push({ parts: Array.from({ length: cols }, (_, j) => cell(i, j)), whole: rowTotal(i) });
  for (let j = 0; j < cols; j += 1)
    equations.push({ parts: Array.from({ length: rows }, (_, i) => cell(i, j)), whole: colTotal(j) });
  equations.push({ parts: Array.from({ length: rows }, (_, i) => rowTotal(i)), whole: grand });
  equations.push({ parts: Array.from({ length: cols }, (_, j) => colTotal(j)), whole: grand });
  return { rows, cols, cell, rowTotal, colTotal, grand, size: grand + 1, equations };
}

function flatten(counts: number[][], l: Layout): number[] {
  const values = new Array<number>(l.size).fill(0);
  let grand = 0;
  for (let i = 0; i < l.rows; i += 1) {
    for (let j = 0; j < l.cols; j += 1) {
      const v = counts[i]![j]!;
      if (!Number.isInteger(v) || v < 0) throw new Error('counts must be non-negative integers');
      values[l.cell(i, j)] = v;
      values[l.rowTotal(i)]! += v;
      values[l.colTotal(j)]! += v;
      grand += v;
    }
  }
  values[l.grand] = grand;
  return values;
}

export interface Bounds {
  lo: number;
  hi: number;
}

/**
 * What an attacker can learn about each value from a published table: the tightest [lo, hi] interval
 * that interval propagation through every sum reaches. A hidden value with lo === hi has been
 * recomputed. Exported so tests can attack published tables with it (and with a brute force of their own).
 */
export function attack(published: PublishedTable): Bounds[] {
  const rows = published.cells.length;
  const cols = published.columnTotals.length;
  const l = layout(rows, cols);
  const shown: Published[] = new Array(l.size);
  for (let i = 0; i < rows; i += 1) for (let j = 0; j < cols; j += 1) shown[l.cell(i, j)] = published.cells[i]![j]!;
  for (let i = 0; i < rows; i += 1) shown[l.rowTotal(i)] = published.rowTotals[i]!;
  for (let j = 0; j < cols; j += 1) shown[l.colTotal(j)] = published.columnTotals[j]!;
  shown[l.grand] = published.total;

  const b: Bounds[] = shown.map((p) =>
    p.kind === 'count'
      ? { lo: p.value, hi: p.value }
      : p.kind === 'small'
        ? { lo: SMALL_MIN, hi: SMALL_MAX }
        : { lo: 0, hi: Number.POSITIVE_INFINITY },
  );
  // A hidden ("x") value is never 1–4: 0, or at least 5.
  const tightenHidden = (k: number): void => {
    if (shown[k]!.kind !== 'hidden') return;
    const v = b[k]!;
    if (v.lo >= SMALL_MIN && v.lo <= SMALL_MAX) v.lo = SMALL_MAX + 1;
    if (v.hi >= SMALL_MIN && v.hi <= SMALL_MAX) v.hi = 0;
  };
  for (let changed = true, rounds = 0; changed && rounds < 1000; rounds += 1) {
    changed = false;
    for (const { parts, whole } of l.equations) {
      // Sums of the parts' bounds; upper bounds may be infinite (a hidden value with nothing on it yet).
      let sumLo = 0;
      let finiteHi = 0;
      let infinite = 0;
      for (const p of parts) {
        sumLo += b[p]!.lo;
        if (b[p]!.hi === Number.POSITIVE_INFINITY) infinite += 1;
        else finiteHi += b[p]!.hi;
      }
      const sumHi = infinite > 0 ? Number.POSITIVE_INFINITY : finiteHi;
      const w = b[whole]!;
      const wLo = Math.max(w.lo, sumLo);
      const wHi = Math.min(w.hi, sumHi);
      if (wLo !== w.lo || wHi !== w.hi) {
        w.lo = wLo;
        w.hi = wHi;
        tightenHidden(whole);
        changed = true;
      }
      for (const p of parts) {
        const v = b[p]!;
        const selfInfinite = v.hi === Number.POSITIVE_INFINITY;
        const othersLo = sumLo - v.lo;
        const othersHi = infinite - (selfInfinite ? 1 : 0) > 0 ? Number.POSITIVE_INFINITY : finiteHi - (selfInfinite ? 0 : v.hi);
        const lo = Math.max(v.lo, w.lo - othersHi);
        const hi = Math.min(v.hi, w.hi - othersLo);
        if (lo !== v.lo || hi !== v.hi) {
          v.lo = lo;
          v.hi = hi;
          tightenHidden(p);
          changed = true;
        }
      }
    }
  }
  return b;
}

function build(values: number[], state: Published['kind'][], l: Layout): PublishedTable {
  const at = (k: number): Published =>
    state[k] === 'count' ? { kind: 'count', value: values[k]! } : { kind: state[k] as 'small' | 'hidden' };
  return {
    cells: Array.from({ length: l.rows }, (_, i) => Array.from({ length: l.cols }, (_, j) => at(l.cell(i, j)))),
    rowTotals: Array.from({ length: l.rows }, (_, i) => at(l.rowTotal(i))),
    columnTotals: Array.from({ length: l.cols }, (_, j) => at(l.colTotal(j))),
    total: at(l.grand),
  };
}

/** Publish `counts` (rows × columns of non-negative integers) with its totals, suppressed. */
export function suppress(counts: number[][]): PublishedTable {
  const rows = counts.length;
  const cols = rows > 0 ? counts[0]!.length : 0;
  const l = layout(rows, cols);
  const values = flatten(counts, l);
  const state: Published['kind'][] = values.map((v) => (v >= SMALL_MIN && v <= SMALL_MAX ? 'small' : 'count'));
  const isCell = (k: number) => k < rows * cols;

  for (let guard = 0; guard < l.size; guard += 1) {
    const bounds = attack(build(values, state, l));
    const exposed = state.findIndex((s, k) => s !== 'count' && bounds[k]!.lo === bounds[k]!.hi);
    if (exposed < 0) break;
    // Hide one more published value among the sums the exposed one is in: the smallest non-zero cell,
    // else a zero cell, else a total — the least information lost for the most protection.
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const { parts, whole } of l.equations) {
      const members = [...parts, whole];
      if (!members.includes(exposed)) continue;
      for (const k of members) {
        if (state[k] !== 'count') continue;
        const v = values[k]!;
        const score = (isCell(k) ? 0 : 1e9) + (v === 0 ? 1e6 : 0) + v;
        if (score < bestScore) {
          bestScore = score;
          best = k;
        }
      }
    }
    if (best < 0) {
      // Every neighbour is hidden already yet the value is still pinned (e.g. all of a row and its
      // total): hide everything left rather than publish a recoverable value.
      for (let k = 0; k < l.size; k += 1) if (state[k] === 'count') state[k] = 'hidden';
      break;
    }
    state[best] = 'hidden';
  }
  return build(values, state, l);
}

/** How a published value reads in a table or a CSV cell. */
export function showPublished(p: Published): string {
  return p.kind === 'count' ? String(p.value) : p.kind === 'small' ? '<5' : 'x';
}
