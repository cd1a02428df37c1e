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

/**
 * Master keys wrap the per-case data keys; the blind-index key is separate so rotating the master key
 * does not change lookups. Keys come from the environment (several instances share them) or from files
 * under DATA_DIR/keys created with mode 0600 on first run.
 */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** The key new data keys are wrapped with. */
  current: MasterKey;
  byId: Map<string, MasterKey>;
  blindIndexKey: Buffer;
  /** Where file-based keys live (undefined when keys come from the environment). */
  dir?: string;
  /**
   * Ids of crypto-shredded data keys, kept beside the keys (not in the database) so that restoring an
   * older backup cannot bring a shredded key back. Carry it with the keys to a restore machine.
   */
  shredRegisterFile: string;
}

export function readShredRegister(ring: Keyring): Set<string> {
  if (!existsSync(ring.shredRegisterFile)) return new Set();
  return new Set(
    readFileSync(ring.shredRegisterFile, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
}

export function appendShredRegister(ring: Keyring, dataKeyId: string): void {
  mkdirSync(path.dirname(ring.shredRegisterFile), { recursive: true, mode: 0o700 });
  writeFileSync(ring.shredRegisterFile, dataKeyId + '\n', { flag: 'a', mode: 0o600 });
}

export class KeyringError extends Error {
  override name = 'KeyringError';
}

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
  dataDir: string;
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
    return {
      current: list[0]!,
      byId: new Map(list.map((k) => [k.id, k])),
      blindIndexKey: decodeKey(src.blindIndexKeyEnv, 'DHARURA_BLIND_INDEX_KEY'),
      shredRegisterFile: path.join(src.dataDir, 'keys', 'shredded'),
    };
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
  return readKeyDir(dir);
}

export function readKeyDir(dir: string): Keyring {
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
    shredRegisterFile: path.join(dir, 'shredded'),
  };
}

/** Add a new master key and make it current (file-based keyrings). Old keys stay for unwrapping. */
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
  return mk;
}
