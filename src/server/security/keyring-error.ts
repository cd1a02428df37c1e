/** A key cannot be loaded, opened or used (keyring.ts and keystate.ts both throw it). */
export class KeyringError extends Error {
  override name = 'KeyringError';
}
