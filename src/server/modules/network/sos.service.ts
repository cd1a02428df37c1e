import { isLocale, type Locale } from '../../../shared/locale.js';
import { eatWallClock } from '../../lib/clock.js';
import type { Area } from '../../../shared/contracts/network.js';
import { verifyPassword } from '../auth/passwords.js';
import type { NetworkDeps } from './network.deps.js';
import { sealedResponder, type NetworkKit } from './network.kit.js';
import type { ResponderRow } from './network.repo.js';

export type SosChannel = 'sms' | 'ussd' | 'console';

export interface RaiseSosInput {
  responder?: ResponderRow | undefined;
  userId?: string | null | undefined;
  channel: SosChannel;
  locale: Locale;
  detail?: string | undefined;
  location?: string | undefined;
}

export interface SosRaised {
  caseId: string;
  reference: string;
  joined: boolean;
}

export type SosCancelOutcome = 'cancelled' | 'wrong_pin' | 'none';

/** The narrative's lines, in English and Kiswahili. */
const narrativeText = {
  en: {
    from: (centre: string, channel: string) =>
      `SOS from a registered defender${centre ? ` (${centre})` : ''} by ${channel}.`,
    message: 'Message',
    location: 'Last known location',
    noLocation: 'Last known location: not given.',
    contacts: 'Emergency contacts',
    noContacts: 'Emergency contacts: none on record.',
  },
  sw: {
    from: (centre: string, channel: string) =>
      `SOS kutoka kwa mtetezi aliyesajiliwa${centre ? ` (${centre})` : ''} kwa ${channel}.`,
    message: 'Ujumbe',
    location: 'Mahali alipoonekana mwisho',
    noLocation: 'Mahali alipoonekana mwisho: hapajatajwa.',
    contacts: 'Watu wa kuwasiliana nao wakati wa dharura',
    noContacts: 'Watu wa kuwasiliana nao wakati wa dharura: hakuna walioandikwa.',
  },
} as const;

/** "2026-03-01 13:00 EAT": Nairobi time, as the team reads it. */
const nairobiTime = (at: Date) => `${eatWallClock(at).toISOString().slice(0, 16).replace('T', ' ')} EAT`;

/**
 * What the team reads in the case's (encrypted) narrative: who, where last known, whom to call — in the
 * defender's language (the organisation's default when unknown), with Nairobi times.
 */
export function defenderNarrative(input: {
  channel: SosChannel;
  homeCentre: string | null;
  detail?: string | undefined;
  /** Where they are now (given with the SOS) or were last (a check-in), if anywhere. */
  location: string | null;
  /** When the last known location was given, shown only when this SOS gave none. */
  locationAt: Date | null;
  contacts: string | null;
  locale?: Locale;
}): string {
  const { channel, homeCentre, detail, location, locationAt, contacts } = input;
  const w = narrativeText[input.locale ?? 'en'];
  return [
    w.from(homeCentre ?? '', channel.toUpperCase()),
    detail ? `${w.message}: ${detail}` : null,
    location
      ? `${w.location}: ${location}${locationAt ? ` (${nairobiTime(locationAt)})` : ''}`
      : w.noLocation,
    contacts ? `${w.contacts}: ${contacts}` : w.noContacts,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * A defender's SOS, with cancel and duress PINs (DESIGN §3). A registered defender (a responder, or
 * staff by their SMS number or the console) gets a P1 alert through the leadership policy with who they
 * are, where they were last and whom to call; another SOS while it is open joins the same alarm.
 */
export function createSosService(
  deps: Pick<NetworkDeps, 'db' | 'repo' | 'vault' | 'clock' | 'cases' | 'intake' | 'alerts' | 'escalations'>,
  kit: NetworkKit,
) {
  const { db, repo, vault, clock, cases, intake, alerts, escalations } = deps;

  /** The alarm is keyed by the responder, or by the staff account of a defender without one. */
  const personOf = (r: ResponderRow | undefined, userId: string | null | undefined) => ({
    responderId: r?.id ?? null,
    userId: r ? null : (userId ?? null),
  });

  async function raiseSos(input: RaiseSosInput): Promise<SosRaised> {
    const r = input.responder ?? (input.userId ? await repo.responderByUser(input.userId) : undefined);
    const who = personOf(r, input.userId);
    const now = clock.now();
    const joined = await joinOpenAlarm(who, input, now);
    if (joined) return { ...(await referenceOf(joined)), joined: true };
    const c = await intake.receive(
      {
        channel: input.channel === 'console' ? 'staff' : input.channel,
        ...(await defenderReport(r, input)),
        inDangerNow: true,
        violationTypes: ['attack_on_defender'],
        sos: true,
        reporter: { anonymous: true, locale: input.locale },
      },
      {
        userId: input.channel === 'console' ? (input.userId ?? null) : null,
        label: `${input.channel}-gateway`,
      },
    );
    const raced = await db.transaction(async (tx) => {
      await repo.lockPerson(who.responderId ?? who.userId!, tx);
      const open = await repo.lockOpenAlarm(who, tx);
      if (open) return open.caseId;
      await repo.insertAlarm(
        { ...who, caseId: c.id, status: 'active', channel: input.channel, raisedAt: now },
        tx,
      );
      await kit.caseLog(
        {
          caseId: c.id,
          at: now,
          actorId: input.userId ?? r?.userId ?? null,
          actorLabel: `${input.channel}-gateway`,
          type: 'sos.raised',
          data: { channel: input.channel, responderId: r?.id ?? null },
        },
        tx,
      );
      await escalations.request(
        { caseId: c.id, reason: 'sos', detail: { channel: input.channel, defender: true } },
        tx,
      );
      return null;
    });
    // Two SOS at the same instant: the other made the alarm; this case is its duplicate.
    if (raced) return { ...(await referenceOf(raced)), joined: true };
    return { caseId: c.id, reference: c.reference, joined: false };
  }

  async function referenceOf(caseId: string) {
    const c = (await cases.findById(caseId))!;
    return { caseId: c.id, reference: c.reference };
  }

  /** An alarm already open for this person: count the repeat, page again. Null: none is open. */
  async function joinOpenAlarm(who: ReturnType<typeof personOf>, input: RaiseSosInput, now: Date) {
    return db.transaction(async (tx) => {
      await repo.lockPerson(who.responderId ?? who.userId!, tx);
      const open = await repo.lockOpenAlarm(who, tx);
      if (!open) return null;
      await repo.updateAlarm(open.id, { triggerCount: open.triggerCount + 1 }, tx);
      await cases.addEvent(
        {
          caseId: open.caseId,
          at: now,
          actorId: input.userId ?? null,
          actorLabel: `${input.channel}-gateway`,
          type: 'sos.repeated',
          data: { channel: input.channel },
        },
        tx,
      );
      await escalations.request(
        { caseId: open.caseId, reason: 'sos', detail: { channel: input.channel, repeat: true } },
        tx,
      );
      return open.caseId;
    });
  }

  /** The intake fields of a defender's SOS: the narrative, their area, their place and identity. */
  async function defenderReport(r: ResponderRow | undefined, input: RaiseSosInput) {
    const open = (column: 'contacts' | 'location', sealed: string | null | undefined) =>
      r && sealed ? vault.decrypt(r.dataKeyId, sealed, sealedResponder(column, r.id)) : null;
    const name = r ? await kit.nameOf(r) : null;
    const phone = r ? await kit.phoneOf(r) : null;
    const contacts = await open('contacts', r?.emergencyContactsEnc);
    const location = input.location ?? (await open('location', r?.lastLocationEnc));
    const area = (r?.areas as Area[] | undefined)?.[0];
    return {
      narrative: defenderNarrative({
        channel: input.channel,
        homeCentre: r?.homeCentre ?? null,
        detail: input.detail,
        location,
        locationAt: !input.location ? (r?.lastLocationAt ?? null) : null,
        contacts,
        locale: r && isLocale(r.locale) ? r.locale : 'en',
      }),
      ...(area
        ? {
            county: area.county,
            ...(area.subCounty ? { subCounty: area.subCounty } : {}),
            ...(area.ward ? { ward: area.ward } : {}),
          }
        : {}),
      ...(location ? { place: location.slice(0, 300) } : {}),
      victim: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) },
    };
  }

  /**
   * SOS by SMS or USSD from a phone: a registered defender's SOS as above; from a number nobody
   * registered, an ordinary urgent report, as any member of the public's would be.
   */
  async function sosFromPhone(input: {
    phone: string;
    channel: 'sms' | 'ussd';
    locale: Locale;
    detail?: string | undefined;
  }) {
    const phoneBidx = vault.blindIndex('phone', input.phone);
    const responder = await repo.responderByPhone(phoneBidx);
    const userId = responder ? null : await repo.staffByPhone(phoneBidx);
    if (responder || userId) {
      const raised = await raiseSos({
        responder,
        userId,
        channel: input.channel,
        locale: input.locale,
        detail: input.detail,
      });
      return { defender: true as const, ...raised };
    }
    const detail = input.detail?.trim() ?? '';
    const c = await intake.receive(
      {
        channel: input.channel,
        narrative: detail.length >= 3 ? `SOS: ${detail}` : `SOS raised by ${input.channel.toUpperCase()}`,
        inDangerNow: true,
        violationTypes: [],
        sos: true,
        reporter: { anonymous: false, phone: input.phone, locale: input.locale },
      },
      { userId: null, label: `${input.channel}-gateway` },
    );
    return { defender: false as const, caseId: c.id, reference: c.publicReference };
  }

  /**
   * `CANCEL <PIN>`: the right PIN ends the alarm and resolves its alerts; the duress PIN answers exactly
   * the same but keeps the alarm running, marked as duress for the team; a wrong PIN changes nothing.
   */
  async function cancelSos(
    who: { responder?: ResponderRow | undefined; userId?: string | undefined },
    pin: string,
    channel: string,
  ): Promise<SosCancelOutcome> {
    const r = who.responder ?? (who.userId ? await repo.responderByUser(who.userId) : undefined);
    const person = personOf(r, who.userId);
    if (!person.responderId && !person.userId) return 'none';
    const [isCancel, isDuress] = await Promise.all([
      r?.cancelPinHash ? verifyPassword(r.cancelPinHash, pin) : false,
      r?.duressPinHash ? verifyPassword(r.duressPinHash, pin) : false,
    ]);
    return db.transaction(async (tx): Promise<SosCancelOutcome> => {
      await repo.lockPerson(person.responderId ?? person.userId!, tx);
      const open = await repo.lockOpenAlarm(person, tx);
      if (!open) return 'none';
      const entry = {
        caseId: open.caseId,
        at: clock.now(),
        actorId: null,
        actorLabel: `${channel}-gateway`,
        data: { channel },
      };
      if (open.status === 'duress' || isDuress) {
        if (open.status !== 'duress') {
          await repo.updateAlarm(open.id, { status: 'duress' }, tx);
          await kit.caseLog({ ...entry, type: 'sos.duress' }, tx);
          await escalations.request({ caseId: open.caseId, reason: 'sos', detail: { duress: true } }, tx);
        }
        return 'cancelled';
      }
      if (!isCancel) {
        await repo.updateAlarm(open.id, { wrongPins: open.wrongPins + 1 }, tx);
        await cases.addEvent({ ...entry, type: 'sos.cancel_refused' }, tx);
        return 'wrong_pin';
      }
      await repo.updateAlarm(open.id, { status: 'cancelled', endedAt: entry.at }, tx);
      await kit.caseLog({ ...entry, type: 'sos.cancelled' }, tx);
      await alerts.resolveFor(open.caseId, ['sos', 'new_urgent_report'], 'sos_cancelled', null, tx);
      return 'cancelled';
    });
  }

  /** `CANCEL <PIN>` by SMS: the sender is a responder, or a staff defender by their SMS number. */
  async function cancelSosFromPhone(phone: string, pin: string, channel: string): Promise<SosCancelOutcome> {
    const phoneBidx = vault.blindIndex('phone', phone);
    const responder = await repo.responderByPhone(phoneBidx);
    const userId = responder ? undefined : ((await repo.staffByPhone(phoneBidx)) ?? undefined);
    return cancelSos({ responder, userId }, pin, channel);
  }

  return { raiseSos, sosFromPhone, cancelSos, cancelSosFromPhone };
}
export type SosService = ReturnType<typeof createSosService>;
