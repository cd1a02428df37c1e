import type { SosInput } from '../../../shared/contracts/network.js';

/**
 * The body of POST /api/sos from the dialog's two optional lines: each trimmed, and left out when
 * blank. No Zod here: the SOS dialog opens without the form layer (the server checks the lengths).
 */
export function sosBody(location: string, detail: string): SosInput {
  return {
    ...(location.trim() ? { location: location.trim() } : {}),
    ...(detail.trim() ? { detail: detail.trim() } : {}),
  };
}
