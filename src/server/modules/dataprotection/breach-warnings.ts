import { breachWarningHours } from '../../../shared/contracts/dataprotection.js';
import { rolesAllow, type Role } from '../../../shared/permissions.js';
import type { DataProtectionDeps } from './dataprotection.deps.js';
import { NOTIFY_HOURS } from './breaches.js';

const HOUR = 3_600_000;

/** The warning's text in both languages: ids and times only, never the breach's summary. */
function warningText(hoursLeft: number, notifyBy: Date) {
  const at = (locale: string) =>
    notifyBy.toLocaleString(locale, {
      timeZone: 'Africa/Nairobi',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
  return {
    en: `Dharura: a data breach must be reported to the ODPC within ${hoursLeft} hours (by ${at('en-KE')} EAT). Open the breach register in the console.`,
    sw: `Dharura: uvunjaji wa data lazima uripotiwe kwa ODPC ndani ya saa ${hoursLeft} (kabla ya ${at('sw-KE')} EAT). Fungua rejista ya uvunjaji kwenye dashibodi.`,
  };
}

/**
 * Breach deadline warnings (Kenya DPA s. 43): while the ODPC has not been notified, everyone who manages
 * breaches is told, through their own notification rules (in-app, SMS …), when 48 hours and again when
 * 12 hours are left on the 72-hour clock — before it lapses, not after. Each warning's idempotency key is
 * the breach and the stage, and each stage is claimed on the breach row first (`warned_at_hours_left`),
 * so the job can run as often as it likes and sends each warning once. A stage already passed when the
 * breach is recorded is skipped in favour of the next one.
 */
export function createBreachWarnings(
  deps: Pick<DataProtectionDeps, 'repo' | 'audit' | 'clock' | 'notifier' | 'staff'>,
) {
  const { repo, audit, clock } = deps;

  return {
    /** Send the warnings now due; returns how many breaches were warned about. */
    async warnBreachDeadlines(): Promise<number> {
      const notifier = deps.notifier?.();
      if (!notifier || !deps.staff) return 0;
      const now = clock.now().getTime();
      let warned = 0;
      let recipients: string[] | null = null;
      for (const b of await repo.listBreaches()) {
        if (b.notifiedOdpcAt) continue;
        const notifyBy = new Date(b.discoveredAt.getTime() + NOTIFY_HOURS * HOUR);
        const left = (notifyBy.getTime() - now) / HOUR;
        if (left <= 0) continue;
        // The smallest stage reached: at 10 h left, the 12-hour warning (the 48-hour one is stale).
        const stage = [...breachWarningHours].reverse().find((h) => left <= h);
        if (stage === undefined || !(await repo.claimBreachWarning(b.id, stage))) continue;
        recipients ??= (await deps.staff())
          .filter((u) => !u.disabled && rolesAllow(u.roles as Role[], 'breaches:manage'))
          .map((u) => u.id);
        const text = warningText(Math.max(1, Math.floor(left)), notifyBy);
        for (const userId of recipients) {
          await notifier.notifyUser({
            userId,
            text,
            idempotencyKey: `breach:${b.id}:warn${stage}:${userId}`,
          });
        }
        await audit.record({
          actorLabel: 'system',
          action: 'breach.deadline_warned',
          subjectType: 'breach',
          subjectId: b.id,
          meta: { stage, recipients: recipients.length },
        });
        warned++;
      }
      return warned;
    },
  };
}
