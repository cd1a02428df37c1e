import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { KeyringError } from './keyring-error.js';
import type { MasterKey } from './keyring.js';

/**
 * The key state (ADR 0007): the key-encryption keys (KEKs) that wrap the data keys, and the register of
 * shredded data keys. It lives in ONE file outside the database, sealed under the master key, so that a
 * shred can destroy a KEK for good: the database (with its dead tuples and WAL) only ever holds data keys
 * wrapped by KEKs, never a KEK. Every instance reads the same file (`DHARURA_KEY_STATE_DIR` on shared
 * storage when there are several); changes are made under a lock file and picked up by the others when
 * the file's modification time moves.
 */
export interface Kek {
  id: string;
  key: Buffer;
  createdAt: string;
}

interface StoredState {
  version: 1;
  current: string;
  keks: { id: string; key: string; createdAt: string }[];
  /** Ids of destroyed KEKs: a backup naming one of them belongs to this installation. */
  retired: string[];
  /** Ids of crypto-shredded data keys: restores keep them destroyed. */
  shredded: string[];
  /** KEKs a shred is moving the surviving data keys away from, destroyed once that is done. */
  draining: string[];
}

export interface KeyState {
  current: Kek;
  keks: Map<string, Kek>;
  retired: Set<string>;
  shredded: Set<string>;
  draining: Set<string>;
  /** Modification time of the file this was read from (to notice other instances' changes). */
  mtimeMs: number;
}

interface Envelope {
  format: 'dharura-key-state';
  version: 1;
  masterKeyId: string;
  iv: string;
  body: string;
  tag: string;
}

const AAD = Buffer.from('dharura-key-state');
const stateKey = (master: Buffer) =>
  Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'dharura-key-state-v1', 32));

export const STATE_FILE = 'key-state';

function newKek(): Kek {
  return { id: randomBytes(8).toString('hex'), key: randomBytes(32), createdAt: new Date().toISOString() };
}

function toStored(s: Omit<KeyState, 'mtimeMs'>): StoredState {
  return {
    version: 1,
    current: s.current.id,
    keks: [...s.keks.values()].map((k) => ({
      id: k.id,
      key: k.key.toString('base64'),
      createdAt: k.createdAt,
    })),
    retired: [...s.retired],
    shredded: [...s.shredded],
    draining: [...s.draining],
  };
}

function fromStored(s: StoredState, mtimeMs: number): KeyState {
  const keks = new Map(
    s.keks.map((k) => [k.id, { id: k.id, key: Buffer.from(k.key, 'base64'), createdAt: k.createdAt }]),
  );
  const current = keks.get(s.current);
  if (!current) throw new KeyringError(`the key state names a current KEK ${s.current} it does not hold`);
  return {
    current,
    keks,
    retired: new Set(s.retired),
    shredded: new Set(s.shredded),
    draining: new Set(s.draining),
    mtimeMs,
  };
}

function seal(master: MasterKey, state: StoredState): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', stateKey(master.key), iv);
  c.setAAD(AAD);
  const body = Buffer.concat([c.update(JSON.stringify(state)), c.final()]);
  const env: Envelope = {
    format: 'dharura-key-state',
    version: 1,
    masterKeyId: master.id,
    iv: iv.toString('base64'),
    body: body.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
  };
  return Buffer.from(JSON.stringify(env) + '\n');
}

function unseal(file: string, masters: Map<string, MasterKey>): { state: StoredState; masterKeyId: string } {
  let env: Envelope;
  try {
    env = JSON.parse(readFileSync(file, 'utf8')) as Envelope;
  } catch {
    throw new KeyringError(`${file} is not a Dharura key state file`);
  }
  if (env.format !== 'dharura-key-state') throw new KeyringError(`${file} is not a Dharura key state file`);
  const mk = masters.get(env.masterKeyId);
  if (!mk) {
    throw new KeyringError(
      `the key state ${file} is sealed under master key ${env.masterKeyId}, which is not in the keyring`,
    );
  }
  const d = createDecipheriv('aes-256-gcm', stateKey(mk.key), Buffer.from(env.iv, 'base64'));
  d.setAAD(AAD);
  d.setAuthTag(Buffer.from(env.tag, 'base64'));
  try {
    const plain = Buffer.concat([d.update(Buffer.from(env.body, 'base64')), d.final()]);
    return { state: JSON.parse(plain.toString('utf8')) as StoredState, masterKeyId: env.masterKeyId };
  } catch {
    throw new KeyringError(`the key state ${file} failed its integrity check`);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

/** Hold the lock file while `fn` runs (synchronous: no other code of this process runs meanwhile). */
function withLock<T>(dir: string, fn: () => T): T {
  const lock = path.join(dir, `${STATE_FILE}.lock`);
  const started = Date.now();
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A holder that died leaves its lock behind; no legitimate change takes a minute.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 60_000) rmSync(lock, { force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() - started > 30_000) throw new KeyringError(`the key state lock ${lock} is held`);
      sleep(20);
    }
  }
  try {
    return fn();
  } finally {
    closeSync(fd);
    unlinkSync(lock);
  }
}

/**
 * Replace the state file: the new state goes to a temporary file first (fsync'd, then renamed over the
 * old one), and the old file's bytes are overwritten with random data before they are let go, so a
 * destroyed KEK does not linger in the old file's blocks (best effort: see SECURITY.md on copy-on-write
 * file systems and snapshots).
 */
function writeState(file: string, content: Buffer): number {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (existsSync(file)) {
    const size = statSync(file).size;
    const old = openSync(file, 'r+');
    try {
      writeSync(old, randomBytes(size), 0, size, 0);
      fsyncSync(old);
    } finally {
      closeSync(old);
    }
  }
  renameSync(tmp, file);
  try {
    const dfd = openSync(path.dirname(file), 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    /* directories cannot be fsync'd everywhere */
  }
  return statSync(file).mtimeMs;
}

export interface KeyStateHost {
  current: MasterKey;
  byId: Map<string, MasterKey>;
  stateDir: string;
  /** A register file of the previous design, merged into the state once. */
  legacyShredRegister?: string;
}

function legacyShredded(host: KeyStateHost): string[] {
  const f = host.legacyShredRegister;
  if (!f || !existsSync(f)) return [];
  return readFileSync(f, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Read the state, creating it (one fresh KEK) on first run and re-sealing it after a master key rotation. */
export function openKeyState(host: KeyStateHost): KeyState {
  mkdirSync(host.stateDir, { recursive: true, mode: 0o700 });
  const file = path.join(host.stateDir, STATE_FILE);
  if (existsSync(file)) {
    const { state, masterKeyId } = unseal(file, host.byId);
    const legacy = legacyShredded(host).filter((id) => !state.shredded.includes(id));
    if (masterKeyId === host.current.id && legacy.length === 0) {
      return fromStored(state, statSync(file).mtimeMs);
    }
  }
  return updateKeyState(host, () => undefined);
}

/** Re-read the state if another process changed the file since `known` was read. */
export function refreshKeyState(host: KeyStateHost, known: KeyState): KeyState {
  const file = path.join(host.stateDir, STATE_FILE);
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return known;
  }
  if (mtimeMs === known.mtimeMs) return known;
  return fromStored(unseal(file, host.byId).state, mtimeMs);
}

/**
 * Change the state under the lock: read the newest version, let `change` edit it, seal it under the
 * current master key and replace the file.
 */
export function updateKeyState(host: KeyStateHost, change: (s: KeyState) => void): KeyState {
  mkdirSync(host.stateDir, { recursive: true, mode: 0o700 });
  const file = path.join(host.stateDir, STATE_FILE);
  return withLock(host.stateDir, () => {
    let s: KeyState;
    if (existsSync(file)) {
      s = fromStored(unseal(file, host.byId).state, 0);
    } else {
      const k = newKek();
      s = {
        current: k,
        keks: new Map([[k.id, k]]),
        retired: new Set(),
        shredded: new Set(),
        draining: new Set(),
        mtimeMs: 0,
      };
    }
    for (const id of legacyShredded(host)) s.shredded.add(id);
    change(s);
    s.mtimeMs = writeState(file, seal(host.current, toStored(s)));
    return s;
  });
}

/** A new KEK, made current; the old ones stay until `retireKek`. */
export function addKek(s: KeyState): Kek {
  const k = newKek();
  s.keks.set(k.id, k);
  s.current = k;
  return k;
}

/** The KEK is destroyed: removed from the state and remembered only by its id. */
export function retireKek(s: KeyState, id: string): void {
  if (s.current.id === id) throw new KeyringError('the current KEK cannot be destroyed');
  s.keks.delete(id);
  s.retired.add(id);
}
