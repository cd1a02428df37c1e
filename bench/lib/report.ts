import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The generated part of docs/PERFORMANCE.md: the latest run's numbers against the DESIGN §7 targets,
 * between two markers. Everything outside the markers (the analysis) is left as it is.
 */
const marks = (mode: string) => [`<!-- bench:${mode}:start -->`, `<!-- bench:${mode}:end -->`] as const;

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const fmt = (x: unknown, unit = '') =>
  typeof x === 'number' && Number.isFinite(x) ? `${x.toLocaleString('en')}${unit}` : '—';
/** A view whose requests failed does not meet its bar, however fast the others were. */
const failures = (...xs: (R | undefined)[]) => {
  const failed = xs.reduce((n, x) => n + (x?.failed ?? 0), 0);
  const total = xs.reduce((n, x) => n + (x?.requests ?? 0), 0);
  return failed ? `; **${failed} of ${total} requests failed**` : '';
};
const met = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? '**met**' : '**not met**');

export function renderLatest(r: R, resultPath: string): string {
  const m = r.machine ?? {};
  const lines: string[] = [];
  lines.push(
    `Run \`${r.runId}\` (${r.mode}), ${String(m.date ?? '')
      .slice(0, 16)
      .replace('T', ' ')} UTC — ` +
      `${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, PostgreSQL ${m.postgres ?? '?'}; ` +
      `server run from ${r.serverMode === 'dist' ? 'dist/ (compiled)' : 'the sources via tsx'}; ` +
      `${r.profile?.runs} runs × ${r.profile?.durationS} s per intake figure, ${r.profile?.connections} connections; ` +
      `total ${r.totalSeconds} s. Raw: \`${resultPath}\`.`,
  );
  const loads: number[] = [];
  for (const x of Object.values(r.intake ?? {}) as R[])
    for (const k of ['baseline', 'publicForm', 'staff', 'sms'])
      for (const q of x?.[k]?.runs ?? []) if (typeof q.loadAvg1m === 'number') loads.push(q.loadAvg1m);
  if (loads.length)
    lines.push(
      '',
      `The machine was shared: its 1-minute load average during the intake runs was ` +
        `${Math.min(...loads)}–${Math.max(...loads)} on ${m.cores} cores.`,
    );
  lines.push('');

  const ig = r.intake?.postgres;
  const il = r.intake?.pglite;
  const v = r.views;
  const ds = r.dataset;
  const cl = r.clocks;
  const pages: R[] = r.publicPages ?? [];
  const worstPage = pages.length ? Math.max(...pages.map((p) => p.totalKb)) : NaN;
  const pageScripts = pages.reduce((s, p) => s + (p.scripts ?? 0), 0);
  const scale = ds ? `${fmt(ds.cases)} cases / ${fmt(ds.events)} events` : '';
  const fullScale = ds && ds.cases >= 1_000_000 && ds.events >= 10_000_000;

  lines.push('| Target (DESIGN §7) | Result | |');
  lines.push('| --- | --- | --- |');
  if (ig) {
    const p = ig.publicForm;
    lines.push(
      `| Intake on PostgreSQL ≥ 1,000 reports/s, p99 < 100 ms | public form ${fmt(p.acceptedPerSec)}/s, p99 ${fmt(p.p99Ms, ' ms')} | ` +
        `${met(p.acceptedPerSec >= 1000 && p.p99Ms < 100)} |`,
    );
    lines.push(
      `| … at least half the bare Fastify + INSERT baseline (PostgreSQL) | ${fmt(p.ratioToBaseline)} × (baseline ${fmt(ig.baseline.acceptedPerSec)}/s) | ${met(p.ratioToBaseline >= 0.5)} |`,
    );
  }
  if (il) {
    const p = il.publicForm;
    lines.push(
      `| Intake on PGlite ≥ 300 reports/s | public form ${fmt(p.acceptedPerSec)}/s, p99 ${fmt(p.p99Ms, ' ms')} | ${met(p.acceptedPerSec >= 300)} |`,
    );
    lines.push(
      `| … at least half the baseline (PGlite) | ${fmt(p.ratioToBaseline)} × (baseline ${fmt(il.baseline.acceptedPerSec)}/s) | ${met(p.ratioToBaseline >= 0.5)} |`,
    );
  }
  if (v) {
    lines.push(
      `| Queue p95 < 100 ms at 1M cases / 10M events | p95 ${fmt(v.queue?.p95Ms, ' ms')} (1 client), ${fmt(v.queue4?.p95Ms, ' ms')} (4 clients)${failures(v.queue, v.queue4)} at ${scale} | ` +
        `${met((v.queue?.p95Ms ?? Infinity) < 100 && !failures(v.queue, v.queue4))}${fullScale ? '' : ' (smaller data set)'} |`,
    );
    lines.push(
      `| Case page p95 < 100 ms at 1M / 10M | p95 ${fmt(v.casePage?.p95Ms, ' ms')} (1 client), ${fmt(v.casePage4?.p95Ms, ' ms')} (4 clients)${failures(v.casePage, v.casePage4)} at ${scale} | ` +
        `${met((v.casePage?.p95Ms ?? Infinity) < 100 && !failures(v.casePage, v.casePage4))}${fullScale ? '' : ' (smaller data set)'} |`,
    );
  }
  if (pages.length)
    lines.push(
      `| Public form ≤ 30 KB, no JavaScript | ${pages.map((p) => `${p.path} ${fmt(p.totalKb, ' KB')}`).join(', ')}; ${pageScripts} script tags | ` +
        `${met(worstPage <= 30 && pageScripts === 0)} |`,
    );
  if (r.console)
    lines.push(
      `| Console initial JS ≤ 250 KB gzipped | ${fmt(r.console.initialJsGzipKb, ' KB')} gzipped (${fmt(r.console.initialJsKb, ' KB')} raw, ${r.console.files?.length} file(s)) | ${met(r.console.initialJsGzipKb <= 250)} |`,
    );
  const slow = r.consoleSlowLine;
  if (slow?.compressed)
    lines.push(
      `| Console sign-in usable < 5 s on 2G (250 kbit/s, 300 ms RTT), Chromium, cold cache | median ${fmt(slow.compressed.medianUsableMs, ' ms')} over ${slow.runs} runs, ${fmt(slow.compressed.medianTransferredKb, ' KB')} transferred in ${slow.compressed.requests} requests (baseline, same run, no compression: ${fmt(slow.identity?.medianUsableMs, ' ms')}, ${fmt(slow.identity?.medianTransferredKb, ' KB')}) | ${met(slow.compressed.medianUsableMs < 5000)} |`,
    );
  const lh = r.lighthouse;
  if (lh?.pages?.length)
    lines.push(
      `| Lighthouse mobile: performance ≥ 90, accessibility 100 (sign-in, queue, case) | ${(lh.pages as R[]).map((p) => `${p.page} ${p.performance} / ${p.accessibility}`).join('; ')} (median of ${lh.runs}; load average ${fmt(lh.loadAvgAtStart?.[0])}) | ${met((lh.pages as R[]).every((p) => p.performance >= 90 && p.accessibility === 100))} |`,
    );
  if (ig?.memory)
    lines.push(
      `| Server memory ≤ 300 MB under the intake load (PostgreSQL) | peak RSS ${fmt(ig.memory.peakRssMb, ' MB')} | ${met(ig.memory.peakRssMb <= 300)} |`,
    );
  if (il?.memory)
    lines.push(
      `| … (PGlite: the database runs inside the server process) | peak RSS ${fmt(il.memory.peakRssMb, ' MB')} | ${met(il.memory.peakRssMb <= 300)} |`,
    );
  if (cl)
    lines.push(
      `| A timer fires within 1 s of due with 10,000 pending | ${fmt(cl.fired)} of ${fmt(cl.clocks)} fired within ${fmt(cl.secondsObserved, ' s')}; ${fmt(cl.firedWithin1s)} within 1 s; lateness of fired p50 ${fmt(cl.firedLateMs?.p50, ' ms')}, p99 ${fmt(cl.firedLateMs?.p99, ' ms')}; all (unfired as lower bound) p50 ≥ ${fmt(cl.allLateMsLowerBound?.p50, ' ms')} | ${met((cl.unfired ?? 1) === 0 && (cl.firedLateMs?.p99 ?? Infinity) <= 1000)} |`,
    );
  for (const [kind, x] of [
    ['PostgreSQL', ig],
    ['PGlite', il],
  ] as const) {
    const a = x?.alertLatency;
    if (!a) continue;
    lines.push(
      `| Alert latency (report accepted → notification handed to the channel adapter) p99 ≤ 1 s, ${kind} | ` +
        `at ${fmt(a.ratePerSec)} urgent reports/s (${fmt(a.urgentCases)} cases): adapter p50 ${fmt(a.acceptedByAdapter?.p50Ms, ' ms')}, p99 ${fmt(a.acceptedByAdapter?.p99Ms, ' ms')} ` +
        `(${fmt(a.acceptedByAdapter?.count)} of ${fmt(a.urgentCases)}); first page recorded p99 ${fmt(a.paged?.p99Ms, ' ms')} | ` +
        `${met(a.acceptedByAdapter?.count === a.urgentCases && (a.acceptedByAdapter?.p99Ms ?? Infinity) <= 1000)} |`,
    );
  }
  lines.push('');

  const intakeRows: string[] = [];
  for (const [kind, x] of [
    ['PostgreSQL', ig],
    ['PGlite', il],
  ] as const) {
    if (!x) continue;
    for (const [label, s] of [
      ['baseline (bare Fastify + 1 INSERT)', x.baseline],
      ['public form `POST /report`', x.publicForm],
      ['staff intake `POST /api/cases`', x.staff],
      ["SMS callback (Africa's Talking form)", x.sms],
    ] as const) {
      if (!s) continue;
      intakeRows.push(
        `| ${kind} | ${label} | ${fmt(s.acceptedPerSec)} | ${fmt(s.p50Ms)} | ${fmt(s.p99Ms)} | ${s.ratioToBaseline === undefined ? '1' : fmt(s.ratioToBaseline)} | ${fmt(s.serverCpuMsPerRequest)} | ${s.runs.map((q: R) => fmt(q.acceptedPerSec)).join(' / ')} |`,
      );
    }
  }
  if (intakeRows.length) {
    lines.push('Intake (medians of the runs; accepted = 2xx, each one checked against the rows stored):');
    lines.push('');
    lines.push(
      '| Database | Path | Accepted/s | p50 ms | p99 ms | × baseline | Server CPU ms/req | Runs (/s) |',
    );
    lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
    lines.push(...intakeRows);
    lines.push('');
  }
  if (v) {
    lines.push(
      `Views on PostgreSQL at ${scale} (${fmt(ds?.openCases)} open; built in ${fmt(ds?.totalSeconds, ' s')}):`,
    );
    lines.push('');
    lines.push('| Request | Clients | OK | Failed | p50 ms | p95 ms | p99 ms | max ms |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [label, conc, x] of [
      ['queue `GET /api/cases`', 1, v.queue],
      ['queue `GET /api/cases`', 4, v.queue4],
      ['case page `GET /api/cases/:id`', 1, v.casePage],
      ['case page `GET /api/cases/:id`', 4, v.casePage4],
      ['queue `?status=closed` (most of the table)', 1, v.queueClosed],
    ] as const) {
      if (x)
        lines.push(
          `| ${label} | ${conc} | ${fmt(x.ok)} | ${fmt(x.failed)} | ${fmt(x.p50Ms)} | ${fmt(x.p95Ms)} | ${fmt(x.p99Ms)} | ${fmt(x.maxMs)} |`,
        );
    }
    lines.push('');
  }
  if (r.findings?.length) {
    lines.push('Problems seen in the product during this run:');
    lines.push('');
    for (const f of r.findings) lines.push(`- ${String(f).slice(0, 400)}`);
    lines.push('');
  }
  if (r.errors?.length) {
    lines.push('Errors in this run:');
    lines.push('');
    for (const e of r.errors) lines.push(`- ${String(e).slice(0, 400)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Replace the block of this run's mode (quick or full), so a quick run leaves the full-size numbers. */
export function writeReport(results: R, file: string, resultPath: string): void {
  const mode = results.mode === 'full' ? 'full' : 'quick';
  const [start, end] = marks(mode);
  const block = `${start}\n${renderLatest(results, resultPath)}\n${end}`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Performance\n';
  if (doc.includes(start) && doc.includes(end)) {
    doc = doc.slice(0, doc.indexOf(start)) + block + doc.slice(doc.indexOf(end) + end.length);
  } else {
    doc = `${doc.trimEnd()}\n\n## Latest ${mode} run\n\n${block}\n`;
  }
  writeFileSync(file, doc);
}
