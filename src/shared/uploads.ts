/**
 * The evidence upload's wire constants, without the contract's schemas: the console's offline outbox
 * needs them on every page, and building the evidence schemas there cost a slow phone tens of
 * milliseconds for nothing (contracts/evidence.ts re-exports them).
 */

/** Plaintext bytes per chunk: every chunk but the last has exactly this many. */
export const EVIDENCE_CHUNK_BYTES = 4 * 1024 * 1024;

/** The content type of a chunk's body (as in tus). */
export const CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';
