import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Area, ResponderInput, ResponderView } from '../../../shared/contracts/network.js';
import { responderInput, responderPatch } from '../../../shared/contracts/network.js';
import { AppError } from '../../errors.js';
import { normalisePhone } from '../../lib/phone.js';
import type { Actor } from '../../security/policy.js';
import { hashPassword } from '../auth/passwords.js';
import type { NetworkDeps } from './network.deps.js';
import { sealedResponder, type NetworkKit } from './network.kit.js';
import type { ResponderRow } from './network.repo.js';
import { responderView } from './network.views.js';

export interface ResponderQuery {
  county?: string | undefined;
  ward?: string | undefined;
  skill?: string | undefined;
  available?: string | undefined;
}

/** Whether a roster row matches the console's filters (area, skill, "available now"). */
export function matchesQuery(r: ResponderRow, q: ResponderQuery): boolean {
  const same = (want: string | undefined, have: string | undefined) =>
    !want || (have ?? '').toLowerCase() === want.toLowerCase();
  return (
    (r.areas as Area[]).some((a) => same(q.county, a.county) && same(q.ward, a.ward)) &&
    (!q.skill || r.skills.includes(q.skill)) &&
    (!q.available || String(r.available && r.active) === q.available)
  );
}

/** Hash the PINs that were given (each a slow hash, so both at once). */
const hashPins = (pins: { cancelPin?: string | undefined; duressPin?: string | undefined }) =>
  Promise.all([
    pins.cancelPin ? hashPassword(pins.cancelPin) : undefined,
    pins.duressPin ? hashPassword(pins.duressPin) : undefined,
  ]);

/** The roster: register, change and list responders; find one by phone or account. */
export function createRespondersService(
  deps: Pick<NetworkDeps, 'db' | 'repo' | 'vault' | 'audit' | 'clock'>,
  kit: NetworkKit,
) {
  const { db, repo, vault, audit, clock } = deps;

  const view = async (r: ResponderRow, loads: ReadonlyMap<string, number>): Promise<ResponderView> => {
    const phone = await kit.phoneOf(r);
    return responderView(r, { name: await kit.nameOf(r), phone }, loads);
  };

  async function create(raw: ResponderInput, actor: Actor): Promise<ResponderView> {
    const input = responderInput.parse(raw);
    const phone = normalisePhone(input.phone);
    if (!phone) throw new AppError('PHONE_INVALID', { fields: [{ path: 'phone', message: 'invalid' }] });
    const phoneBidx = vault.blindIndex('phone', phone);
    const [cancelPinHash, duressPinHash] = await hashPins(input);
    const row = await db.transaction(async (tx) => {
      if (await repo.responderByPhone(phoneBidx, tx)) throw new AppError('PHONE_TAKEN');
      const id = randomUUID();
      const dataKeyId = await vault.createDataKey('responder', tx);
      const seal = (value: string, column: 'name' | 'phone') =>
        vault.encrypt(dataKeyId, value, sealedResponder(column, id), tx);
      const now = clock.now();
      const r = await repo.insertResponder(
        {
          id,
          userId: input.userId ?? null,
          dataKeyId,
          nameEnc: await seal(input.name, 'name'),
          phoneEnc: await seal(phone, 'phone'),
          phoneBidx,
          locale: input.locale,
          areas: input.areas,
          skills: input.skills,
          languages: input.languages,
          available: input.available,
          availableFrom: input.availableFrom ?? null,
          availableTo: input.availableTo ?? null,
          homeCentre: input.homeCentre ?? null,
          caseloadLimit: input.caseloadLimit,
          emergencyContactsEnc: await vault.encryptOptional(
            dataKeyId,
            input.emergencyContacts,
            sealedResponder('contacts', id),
            tx,
          ),
          cancelPinHash: cancelPinHash ?? null,
          duressPinHash: duressPinHash ?? null,
          createdAt: now,
          updatedAt: now,
        },
        tx,
      );
      await audit.record(
        {
          actorId: actor.id,
          actorLabel: 'user',
          action: 'responder.created',
          subjectType: 'responder',
          subjectId: id,
        },
        tx,
      );
      return r;
    });
    return view(row, new Map());
  }

  async function update(id: string, raw: z.input<typeof responderPatch>, actor: Actor) {
    const input = responderPatch.parse(raw);
    const [cancelPinHash, duressPinHash] = await hashPins(input);
    const row = await db.transaction(async (tx) => {
      const r = await repo.responderById(id, tx);
      if (!r) throw new AppError('NOT_FOUND');
      const { cancelPin: _c, duressPin: _d, emergencyContacts, ...plain } = input;
      const contacts =
        emergencyContacts === undefined
          ? {}
          : {
              emergencyContactsEnc: await vault.encryptOptional(
                r.dataKeyId,
                emergencyContacts,
                sealedResponder('contacts', id),
                tx,
              ),
            };
      const updated = await repo.updateResponder(
        id,
        {
          ...plain,
          ...(cancelPinHash ? { cancelPinHash } : {}),
          ...(duressPinHash ? { duressPinHash } : {}),
          ...contacts,
          updatedAt: clock.now(),
        },
        tx,
      );
      await audit.record(
        {
          actorId: actor.id,
          actorLabel: 'user',
          action: 'responder.updated',
          subjectType: 'responder',
          subjectId: id,
          meta: { fields: Object.keys(input) },
        },
        tx,
      );
      return updated!;
    });
    return view(row, await repo.activeMissionCounts());
  }

  async function list(q: ResponderQuery, actor: Actor): Promise<ResponderView[]> {
    const loads = await repo.activeMissionCounts();
    const rows = (await repo.responders({ activeOnly: false })).filter((r) => matchesQuery(r, q));
    // Reading the roster decrypts names: audited like any read of identities.
    await audit.record({
      actorId: actor.id,
      actorLabel: 'user',
      action: 'responders.listed',
      subjectType: 'responder',
      meta: { count: rows.length },
    });
    return Promise.all(rows.map((r) => view(r, loads)));
  }

  return {
    create,
    update,
    list,
    byPhone: (phone: string) => repo.responderByPhone(vault.blindIndex('phone', phone)),
    byUser: (userId: string) => repo.responderByUser(userId),
    /** A staff account reachable by SMS at this phone: a defender even without a responder row. */
    staffByPhone: (phone: string) => repo.staffByPhone(vault.blindIndex('phone', phone)),
  };
}
export type RespondersService = ReturnType<typeof createRespondersService>;
