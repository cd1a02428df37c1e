import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { KeyringError } from './keyring-error.js';
import { openKeyState, refreshKeyState, updateKeyState, type KeyState } from './keystate.js';

/**
 * Master keys seal the key state (the KEKs that wrap the per-case data keys, ADR 0007) and backups; the
 * blind-index key is separate so rotating the master key does not change lookups. Keys come from the environment (several instances share them) or from files
 * under DATA_DIR/keys created with mode 0600 on first run.
 */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** The master key the key state (and backups) are sealed with. */
  current: MasterKey;
  byId: Map<string, MasterKey>;
  blindIndexKey: Buffer;
  /** Where file-based master keys live (undefined when keys come from the environment). */
  dir?: string;
  /**
   * Where the key state lives (KEKs and the shred register, ADR 0007): `DHARURA_KEY_STATE_DIR`, or
   * DATA_DIR/keys. Several instances must share it.
   */
  stateDir: string;
  /** The key state as last read; `refreshKeyState` picks up other instances' changes. */
  state: KeyState;
  legacyShredRegister?: string;
}

/** Ids of crypto-shredded data keys (the register in the key state, which travels with the keys). */
export function readShredRegister(ring: Keyring): Set<string> {
  ring.state = refreshKeyState(ring, ring.state);
  return new Set(ring.state.shredded);
}

export { KeyringError };

export function keyId(key: Buffer): string {
  return createHash('sha256').update('dharura-master-key-id:').update(key).digest('hex').slice(0, 16);
}

function decodeKey(value: string, name: string): Buffer {
  const b = Buffer.from(value.trim(), 'base64');
  if (b.length !== 32) throw new KeyringError(`${name} must be 32 bytes, base64-encoded`);
  return b;
}

function assertPrivate(file: string): void {
  const mode = statSync(file).mode;
  if (mode & 0o004) throw new KeyringError(`key file ${file} is world-readable; run: chmod 600 ${file}`);
  if (mode & 0o040) throw new KeyringError(`key file ${file} is group-readable; run: chmod 600 ${file}`);
}

function writeKeyFile(file: string, key: Buffer): void {
  writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
}

export interface KeySource {
  masterKeyEnv?: string | undefined;
  blindIndexKeyEnv?: string | undefined;
  /** Shared directory for the key state; default DATA_DIR/keys. */
  keyStateDir?: string | undefined;
  dataDir: string;
}

function withState(
  ring: Omit<Keyring, 'state' | 'stateDir' | 'legacyShredRegister'>,
  stateDir: string,
  legacyShredRegister: string,
): Keyring {
  const host = { ...ring, stateDir, legacyShredRegister };
  return { ...host, state: openKeyState(host) };
}

/**
 * Load (and on first run create) the keyring. `DHARURA_MASTER_KEY` may list several comma-separated
 * keys: the first is current, the rest can still unwrap older data keys (rotation).
 */
export function loadKeyring(src: KeySource): Keyring {
  if (src.masterKeyEnv) {
    const keys = src.masterKeyEnv.split(',').map((v, i) => decodeKey(v, `DHARURA_MASTER_KEY[${i}]`));
    if (!src.blindIndexKeyEnv)
      throw new KeyringError('DHARURA_BLIND_INDEX_KEY is required with DHARURA_MASTER_KEY');
    const list = keys.map((key) => ({ id: keyId(key), key }));
    return withState(
      {
        current: list[0]!,
        byId: new Map(list.map((k) => [k.id, k])),
        blindIndexKey: decodeKey(src.blindIndexKeyEnv, 'DHARURA_BLIND_INDEX_KEY'),
      },
      src.keyStateDir ?? path.join(src.dataDir, 'keys'),
      path.join(src.dataDir, 'keys', 'shredded'),
    );
  }
  const dir = path.join(src.dataDir, 'keys');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    throw new KeyringError(`cannot create the key directory ${dir}`);
  }
  const currentFile = path.join(dir, 'current');
  if (!existsSync(currentFile)) {
    const key = randomBytes(32);
    const id = keyId(key);
    writeKeyFile(path.join(dir, `master-${id}.key`), key);
    writeFileSync(currentFile, id + '\n', { mode: 0o600 });
  }
  const bidxFile = path.join(dir, 'blind-index.key');
  if (!existsSync(bidxFile)) writeKeyFile(bidxFile, randomBytes(32));
  const read = readKeyDir(dir);
  return withState(read, src.keyStateDir ?? dir, path.join(dir, 'shredded'));
}

export function readKeyDir(dir: string): Pick<Keyring, 'current' | 'byId' | 'blindIndexKey' | 'dir'> {
  const byId = new Map<string, MasterKey>();
  for (const f of readdirSync(dir)) {
    const m = /^master-([0-9a-f]{16})\.key$/.exec(f);
    if (!m) continue;
    const file = path.join(dir, f);
    assertPrivate(file);
    const key = decodeKey(readFileSync(file, 'utf8'), file);
    if (keyId(key) !== m[1]) throw new KeyringError(`key file ${file} does not match its name`);
    byId.set(m[1]!, { id: m[1]!, key });
  }
  const bidxFile = path.join(dir, 'blind-index.key');
  assertPrivate(bidxFile);
  const currentId = readFileSync(path.join(dir, 'current'), 'utf8').trim();
  const current = byId.get(currentId);
  if (!current) throw new KeyringError(`current master key ${currentId} is missing from ${dir}`);
  return {
    current,
    byId,
    blindIndexKey: decodeKey(readFileSync(bidxFile, 'utf8'), bidxFile),
    dir,
  };
}

/**
 * Add a new master key and make it current (file-based keyrings), and re-seal the key state under it.
 * Old master keys stay: older backups are sealed under them.
 */
export function addMasterKey(ring: Keyring): MasterKey {
  if (!ring.dir) {
    throw new KeyringError('keys come from DHARURA_MASTER_KEY: put the new key first in that list instead');
  }
  const key = randomBytes(32);
  const id = keyId(key);
  writeKeyFile(path.join(ring.dir, `master-${id}.key`), key);
  writeFileSync(path.join(ring.dir, 'current'), id + '\n', { mode: 0o600 });
  const mk = { id, key };
  ring.byId.set(id, mk);
  ring.current = mk;
  ring.state = updateKeyState(ring, () => undefined);
  return mk;
}
