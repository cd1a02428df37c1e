import { describe, expect, it } from 'vitest';
import { attack, showPublished, suppress, type Published, type PublishedTable } from './suppression.js';

/** A small seeded generator: the same tables every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Sparse counts like a tracker's: mostly zero, some small, a few larger. */
function randomTable(rows: number, cols: number, r: () => number, big = 8, small = 0.3): number[][] {
  return Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => {
      const x = r();
      return x < 0.5 ? 0 : x < 0.5 + small ? 1 + Math.floor(r() * 4) : 5 + Math.floor(r() * big);
    }),
  );
}

const fits = (p: Published, v: number) =>
  p.kind === 'count' ? p.value === v : p.kind === 'small' ? v >= 1 && v <= 4 : v === 0 || v >= 5;

/**
 * An attacker of its own, independent of the module's: enumerate every table of hidden values that is
 * consistent with everything published (cells, "<5" = 1–4, "x" = 0 or ≥ 5, every total), and collect
 * the values each hidden cell takes. A hidden cell with one possible value has been re-identified.
 */
function bruteForce(t: PublishedTable): Map<string, Set<number>> {
  const rows = t.cells.length;
  const cols = t.columnTotals.length;
  const hiddenCells: [number, number][] = [];
  for (let i = 0; i < rows; i += 1)
    for (let j = 0; j < cols; j += 1) if (t.cells[i]![j]!.kind !== 'count') hiddenCells.push([i, j]);
  // An upper bound for any cell: the grand total if shown, else the sum of shown cells' room.
  const cap = t.total.kind === 'count' ? t.total.value : 40;
  const grid = t.cells.map((r) => r.map((p) => (p.kind === 'count' ? p.value : 0)));
  const seen = new Map<string, Set<number>>();
  const consistent = () => {
    let grand = 0;
    for (let i = 0; i < rows; i += 1) {
      const s = grid[i]!.reduce((a, b) => a + b, 0);
      if (!fits(t.rowTotals[i]!, s)) return false;
      grand += s;
    }
    for (let j = 0; j < cols; j += 1) {
      let s = 0;
      for (let i = 0; i < rows; i += 1) s += grid[i]![j]!;
      if (!fits(t.columnTotals[j]!, s)) return false;
    }
    return fits(t.total, grand);
  };
  // Each hidden cell is at most its shown row, column or grand total; rows are checked as soon as they
  // are complete (cells go row by row), so the walk stays small.
  const capOf = (i: number, j: number) =>
    Math.min(
      ...[t.rowTotals[i]!, t.columnTotals[j]!, t.total].map((p) => (p.kind === 'count' ? p.value : cap)),
    );
  const rowFits = (i: number) =>
    fits(
      t.rowTotals[i]!,
      grid[i]!.reduce((a, b) => a + b, 0),
    );
  const walk = (k: number) => {
    if (k === hiddenCells.length) {
      if (!consistent()) return;
      for (const [i, j] of hiddenCells) {
        const key = `${i},${j}`;
        if (!seen.has(key)) seen.set(key, new Set());
        seen.get(key)!.add(grid[i]![j]!);
      }
      return;
    }
    const [i, j] = hiddenCells[k]!;
    const lastOfRow = hiddenCells[k + 1]?.[0] !== i;
    for (let v = 0; v <= capOf(i, j); v += 1) {
      if (!fits(t.cells[i]![j]!, v)) continue;
      grid[i]![j] = v;
      if (lastOfRow && !rowFits(i)) continue;
      walk(k + 1);
    }
    grid[i]![j] = 0;
  };
  walk(0);
  return seen;
}

describe('tracker suppression', () => {
  it('shows every count of 1–4 as "<5", in cells and in totals', () => {
    const t = suppress([
      [0, 3, 12],
      [7, 0, 9],
      [6, 8, 0],
    ]);
    expect(showPublished(t.cells[0]![1]!)).toBe('<5');
    for (const [i, row] of [
      [0, 3, 12],
      [7, 0, 9],
      [6, 8, 0],
    ].entries())
      for (const [j, v] of row.entries()) if (v >= 1 && v <= 4) expect(t.cells[i]![j]!.kind).toBe('small');
    // Whatever is published is the truth.
    t.cells.flat().forEach((p, k) => {
      if (p.kind === 'count') expect(p.value).toBe([0, 3, 12, 7, 0, 9, 6, 8, 0][k]);
    });
    expect(t.total).toEqual({ kind: 'count', value: 45 });
  });

  it('hides complementary cells so that no total gives a "<5" back', () => {
    const t = suppress([
      [0, 3, 12],
      [7, 0, 9],
      [6, 8, 0],
    ]);
    // Row 0 alone: 0 + <5 + 12 = total would give the 3 back unless something else is hidden.
    const hiddenInRow0 = [...t.cells[0]!, t.rowTotals[0]!].filter((p) => p.kind !== 'count').length;
    expect(hiddenInRow0).toBeGreaterThanOrEqual(2);
    const bounds = attack(t);
    expect(
      bounds.some((b, k) => k < 9 && b.lo === b.hi && t.cells[Math.floor(k / 3)]![k % 3]!.kind !== 'count'),
    ).toBe(false);
  });

  it('no suppressed value of 100 random small tables can be recomputed from what is published (brute force)', () => {
    const r = rng(20261206);
    let suppressedCells = 0;
    let walked = 0;
    for (let n = 0; n < 100; n += 1) {
      const counts = randomTable(4, 4, r, 4, 0.12);
      const t = suppress(counts);
      // A withheld table publishes nothing: nothing to attack.
      if (t.withheld) continue;
      walked += 1;
      const seen = bruteForce(t);
      for (const [key, values] of seen) {
        suppressedCells += 1;
        const [i, j] = key.split(',').map(Number) as [number, number];
        expect(
          values.has(counts[i]![j]!),
          `table ${n} cell ${key}: the truth is among the possibilities`,
        ).toBe(true);
        expect(
          values.size,
          `table ${n} cell ${key} (${JSON.stringify(counts)}) is recoverable`,
        ).toBeGreaterThan(1);
      }
    }
    expect(walked).toBeGreaterThan(50);
    expect(suppressedCells).toBeGreaterThan(100);
  });

  it('a county × month table (47 × 12) stays unrecoverable to interval propagation, and keeps most cells', () => {
    const r = rng(7);
    const counts = randomTable(47, 12, r);
    const t = suppress(counts);
    const bounds = attack(t);
    const flat = t.cells.flat();
    flat.forEach((p, k) => {
      if (p.kind !== 'count') expect(bounds[k]!.lo, `cell ${k}`).toBeLessThan(bounds[k]!.hi);
    });
    expect(t.withheld).toBe(false);
    const hidden = flat.filter((p) => p.kind === 'hidden').length;
    expect(hidden / flat.length).toBeLessThan(0.4);
  });
});
