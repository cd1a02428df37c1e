/**
 * Statistical disclosure control for the public tracker (DESIGN §2.6): a table of counts (rows ×
 * columns, e.g. counties × months) published with its row totals, column totals and grand total.
 *
 * - **Primary suppression**: every cell or total of 1–4 is shown as "<5".
 * - **Complementary suppression**: more cells are hidden (shown as "x") so that nobody can work a hidden
 *   value out of what is published, knowing everything the page says (the numbers, that "<5" means
 *   1–4 and "x" means 0 or at least 5): see `suppress` for why that holds. `attack` is a quick attacker
 *   (interval propagation through the sums) for checks and tests.
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
  for (let i = 0; i < rows; i += 1)
    for (let j = 0; j < cols; j += 1) shown[l.cell(i, j)] = published.cells[i]![j]!;
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
        const othersHi =
          infinite - (selfInfinite ? 1 : 0) > 0
            ? Number.POSITIVE_INFINITY
            : finiteHi - (selfInfinite ? 0 : v.hi);
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
    cells: Array.from({ length: l.rows }, (_, i) =>
      Array.from({ length: l.cols }, (_, j) => at(l.cell(i, j))),
    ),
    rowTotals: Array.from({ length: l.rows }, (_, i) => at(l.rowTotal(i))),
    columnTotals: Array.from({ length: l.cols }, (_, j) => at(l.colTotal(j))),
    total: at(l.grand),
  };
}

/**
 * Publish `counts` (rows × columns of non-negative integers) with its totals, suppressed.
 *
 * Complementary cells are chosen so that safety can be proved rather than hoped for: the table with its
 * totals is read as one (rows+1) × (cols+1) matrix in which every row and column adds up to zero (totals
 * negated, the grand total positive). Adding +1 and −1 alternately round the corners of any rectangle
 * keeps every published sum. Every hidden value is made a corner of such a rectangle whose other corners
 * are hidden too and where the shift keeps each corner within what its label allows ("<5": 1–4; "x": 0
 * or at least 5). That shifted table is a second table consistent with everything published, so no
 * attacker, however clever, can tell which of the two is true. Where no rectangle can be found, the
 * table is not published at all (`withheld`).
 */
export function suppress(counts: number[][]): PublishedTable & { withheld: boolean } {
  const rows = counts.length;
  const cols = rows > 0 ? counts[0]!.length : 0;
  const l = layout(rows, cols);
  const values = flatten(counts, l);
  const state: Published['kind'][] = values.map((v) =>
    v >= SMALL_MIN && v <= SMALL_MAX ? 'small' : 'count',
  );

  // The augmented matrix: position (i, j) with i = rows for the column totals, j = cols for row totals.
  const index = (i: number, j: number) =>
    i < rows && j < cols ? l.cell(i, j) : i < rows ? l.rowTotal(i) : j < cols ? l.colTotal(j) : l.grand;
  // In the zero-sum matrix totals are negated (the grand total negated twice).
  const sign = (i: number, j: number) => (i < rows !== j < cols ? -1 : 1);
  /** Can the value at (i, j) move by `delta` in the matrix and still read as its label says? */
  const canShift = (i: number, j: number, delta: number, kind: Published['kind']) => {
    const v = values[index(i, j)]! + sign(i, j) * delta;
    if (kind === 'small') return v >= SMALL_MIN && v <= SMALL_MAX;
    return v === 0 || v >= SMALL_MAX + 1; // a hidden "x" (a published count would become hidden)
  };
  const protectedBy = new Set<number>();

  const protect = (i: number, j: number): boolean => {
    let best: [number, number] | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let i2 = 0; i2 <= rows; i2 += 1) {
      if (i2 === i) continue;
      for (let j2 = 0; j2 <= cols; j2 += 1) {
        if (j2 === j) continue;
        const corners: [number, number, number][] = [
          [i, j, 1],
          [i, j2, -1],
          [i2, j, -1],
          [i2, j2, 1],
        ];
        let cost = 0;
        for (const [a, b] of corners) {
          const k = index(a, b);
          if (state[k] === 'count')
            cost += values[k]! === 0 ? Number.POSITIVE_INFINITY : values[k]! + (k >= rows * cols ? 1000 : 0);
        }
        if (cost >= bestCost) continue;
        const works = (t: number) =>
          corners.every(([a, b, s]) => {
            const kind = state[index(a, b)] === 'small' ? 'small' : 'hidden';
            return canShift(a, b, s * t, kind);
          });
        if (works(1) || works(-1)) {
          best = [i2, j2];
          bestCost = cost;
        }
      }
    }
    if (!best) return false;
    const [i2, j2] = best;
    for (const [a, b] of [
      [i, j],
      [i, best[1]],
      [best[0], j],
      [i2, j2],
    ] as const) {
      const k = index(a, b);
      if (state[k] === 'count') state[k] = 'hidden';
      protectedBy.add(k);
    }
    return true;
  };

  // Protect every suppressed value, the ones added along the way included.
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i <= rows; i += 1) {
      for (let j = 0; j <= cols; j += 1) {
        const k = index(i, j);
        if (state[k] === 'count' || protectedBy.has(k)) continue;
        if (!protect(i, j)) {
          for (let m = 0; m < l.size; m += 1) state[m] = 'hidden';
          return { ...build(values, state, l), withheld: true };
        }
        changed = true;
      }
    }
  }
  return { ...build(values, state, l), withheld: false };
}

/** How a published value reads in a table or a CSV cell. */
export function showPublished(p: Published): string {
  return p.kind === 'count' ? String(p.value) : p.kind === 'small' ? '<5' : 'x';
}
