import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../shared/locale.js';
import { wellbeingRules } from '../../../shared/network.js';
import type { WellbeingRowView } from '../../../shared/contracts/network.js';
import { aad } from '../../security/aad.js';
import type { Actor } from '../../security/policy.js';
import type { NetworkDeps } from './network.deps.js';
import type { NetworkKit } from './network.kit.js';
import type { MissionRow, ResponderRow, WellbeingRow } from './network.repo.js';
import { networkText } from './network.text.js';
import { DAY, localeOf } from './network.views.js';

/** A wellbeing answer in an SMS: a digit 1–5, then an optional note ("2 tired, saw a body"). */
const answerPattern = /^([1-5])(?![\d])[\s,.:;-]*(.*)$/s;

/**
 * One responder's line on the supervisors' wellbeing view, from their missions of the last 90 days,
 * their answers of the last 30 (newest first) and their current caseload. Pure: the name comes in.
 */
export function wellbeingRow(input: {
  responder: ResponderRow;
  name: string;
  missions: readonly MissionRow[];
  checks: readonly WellbeingRow[];
  activeMissions: number;
  now: Date;
}): WellbeingRowView {
  const { responder: r, name, missions, checks, activeMissions, now } = input;
  const within = (days: number) =>
    missions.filter((m) => now.getTime() - m.startedAt.getTime() <= days * DAY);
  const exposures = { death: 0, sexual_violence: 0 };
  for (const m of missions)
    for (const e of m.exposures) if (e === 'death' || e === 'sexual_violence') exposures[e] += 1;
  const last = checks[0];
  const avg = checks.length ? checks.reduce((s, c) => s + c.score, 0) / checks.length : null;
  const debriefed = new Set(checks.map((c) => c.missionId).filter(Boolean));
  const debriefsPending = missions.filter(
    (m) =>
      m.status === 'done' && !debriefed.has(m.id) && now.getTime() - (m.endedAt?.getTime() ?? 0) <= 30 * DAY,
  ).length;
  const recentExposures = within(30).reduce((s, m) => s + m.exposures.length, 0);
  const concerns: string[] = [];
  if (last && last.score <= wellbeingRules.lowScore) concerns.push('low_score');
  if (recentExposures >= wellbeingRules.exposuresIn30Days) concerns.push('exposures');
  if (within(7).length >= wellbeingRules.missionsIn7Days) concerns.push('busy');
  if (activeMissions >= r.caseloadLimit) concerns.push('at_limit');
  if (debriefsPending > 0) concerns.push('no_debrief');
  return {
    responderId: r.id,
    name,
    homeCentre: r.homeCentre,
    activeMissions,
    caseloadLimit: r.caseloadLimit,
    missions30d: within(30).length,
    missions7d: within(7).length,
    exposures90d: exposures,
    lastScore: last?.score ?? null,
    lastScoreAt: last?.at.toISOString() ?? null,
    averageScore30d: avg === null ? null : Math.round(avg * 10) / 10,
    debriefsPending,
    concerns,
  };
}

/** Responders' wellbeing: answers and debriefs, the weekly prompt, and the supervisors' view. */
export function createWellbeingService(
  deps: Pick<NetworkDeps, 'db' | 'repo' | 'vault' | 'audit' | 'clock' | 'messages'>,
  kit: NetworkKit,
) {
  const { db, repo, vault, audit, clock, messages } = deps;

  /** An answer 1–5; within a day of finishing a mission not yet debriefed, it is that mission's debrief. */
  async function recordWellbeing(
    r: ResponderRow,
    score: number,
    note: string | undefined,
    source: 'sms' | 'console',
  ): Promise<'low' | 'ok'> {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const last = await repo.lastDoneMission(r.id, new Date(now.getTime() - DAY), tx);
      const debriefOf = last && !(await repo.hasDebrief(last.id, tx)) ? last.id : null;
      const id = randomUUID();
      await repo.insertWellbeing(
        {
          id,
          responderId: r.id,
          missionId: debriefOf,
          score,
          noteEnc: note ? await vault.encrypt(r.dataKeyId, note, aad('wellbeing', 'note', id), tx) : null,
          source,
          at: now,
        },
        tx,
      );
    });
    return score <= wellbeingRules.lowScore ? 'low' : 'ok';
  }

  /** Text from a registered responder that starts with 1–5: a wellbeing answer or a debrief. */
  async function responderText(input: { phone: string; text: string; locale: Locale }) {
    const answer = answerPattern.exec(input.text.trim());
    if (!answer) return null;
    const r = await repo.responderByPhone(vault.blindIndex('phone', input.phone));
    if (!r) return null;
    const level = await recordWellbeing(r, Number(answer[1]), answer[2]?.trim() || undefined, 'sms');
    return {
      reply: networkText(level === 'low' ? 'wellbeingLow' : 'wellbeingThanks', localeOf(r, input.locale)),
    };
  }

  /** The periodic "how are you, 1–5" SMS, at most once a week per responder. */
  async function promptWellbeing(): Promise<number> {
    const now = clock.now();
    let sent = 0;
    for (const r of await repo.activeResponders()) {
      if (r.wellbeingPromptedAt && now.getTime() - r.wellbeingPromptedAt.getTime() < 6 * DAY) continue;
      await messages.enqueue({
        channel: 'sms',
        to: await kit.phoneOf(r),
        body: networkText('wellbeingPrompt', localeOf(r)),
        idempotencyKey: `wellbeing:${r.id}:${now.toISOString().slice(0, 10)}`,
      });
      await repo.updateResponder(r.id, { wellbeingPromptedAt: now });
      sent += 1;
    }
    return sent;
  }

  /** The supervisor view: who may need rest or psychosocial support. Never part of any analytics. */
  async function wellbeingView(actor: Actor): Promise<WellbeingRowView[]> {
    const now = clock.now();
    const all = await repo.responders({ activeOnly: true });
    const loads = await repo.activeMissionCounts();
    const missions = await repo.missionsSince(new Date(now.getTime() - 90 * DAY));
    const checks = await repo.wellbeingSince(new Date(now.getTime() - 30 * DAY));
    const out: WellbeingRowView[] = [];
    for (const r of all) {
      out.push(
        wellbeingRow({
          responder: r,
          name: await kit.nameOf(r),
          missions: missions.filter((m) => m.responderId === r.id),
          checks: checks.filter((c) => c.responderId === r.id),
          activeMissions: loads.get(r.id) ?? 0,
          now,
        }),
      );
    }
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'wellbeing.viewed',
      subjectType: 'responder',
      meta: { count: out.length },
    });
    return out.sort((a, b) => b.concerns.length - a.concerns.length || a.name.localeCompare(b.name));
  }

  return { recordWellbeing, responderText, promptWellbeing, wellbeingView };
}
export type WellbeingService = ReturnType<typeof createWellbeingService>;
