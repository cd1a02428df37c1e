import { ARREST_LIMIT_HOURS, ARREST_WARNING_HOURS } from '../../../shared/workflow.js';
import type { ArrestView } from '../../../shared/contracts/response.js';
import type { ArrestRow } from './response.repo.js';

const HOUR = 3_600_000;

/** The running arrests: neither produced in court nor released. */
const isRunning = (a: ArrestRow) => !a.producedInCourtAt && !a.releasedAt;

/**
 * An arrest and its constitutional clock (Art. 49(1)(f): in court within 24 hours, with a warning at
 * 18): the clock stops at the first of production in court and release, and is breached if it ran out
 * before that (or is still running after the limit).
 */
export function arrestView(a: ArrestRow, now: Date): ArrestView {
  const deadline = a.arrestedAt.getTime() + ARREST_LIMIT_HOURS * HOUR;
  const warningAt = a.arrestedAt.getTime() + ARREST_WARNING_HOURS * HOUR;
  const stops = [a.producedInCourtAt, a.releasedAt].filter((d): d is Date => Boolean(d));
  const stoppedAt = stops.length ? Math.min(...stops.map((d) => d.getTime())) : null;
  const running = stoppedAt === null;
  const msLeft = running ? deadline - now.getTime() : null;
  return {
    id: a.id,
    caseId: a.caseId,
    personId: a.personId,
    arrestedAt: a.arrestedAt.toISOString(),
    policeStation: a.policeStation,
    obNumber: a.obNumber,
    producedInCourtAt: a.producedInCourtAt ? a.producedInCourtAt.toISOString() : null,
    releasedAt: a.releasedAt ? a.releasedAt.toISOString() : null,
    missingSince: a.missingSince ? a.missingSince.toISOString() : null,
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    deadline: new Date(deadline).toISOString(),
    warningAt: new Date(warningAt).toISOString(),
    running,
    msLeft,
    warning: running && now.getTime() >= warningAt,
    breached: running ? msLeft! <= 0 : stoppedAt >= deadline,
  };
}

/**
 * The case's arrest clocks (one 18 h warning and one 24 h limit per case) follow the running arrest
 * whose deadline comes first and is still ahead, or failing that the earliest running one. `rows` are
 * in arrest order (earliest first), as the repository returns them.
 */
export function clockTarget(rows: readonly ArrestRow[], now: Date): ArrestRow | undefined {
  const running = rows.filter(isRunning);
  const ahead = running.filter((a) => a.arrestedAt.getTime() + ARREST_LIMIT_HOURS * HOUR > now.getTime());
  return ahead[0] ?? running[0];
}
