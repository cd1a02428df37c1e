import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/**
 * PostgreSQL (and PGlite) cannot store U+0000 in `text` or `jsonb`: a query carrying one fails, and the
 * request with it. No input has a use for it, so a NUL anywhere in the body, query string or path
 * parameters is refused at the edge (400) instead of becoming a 500 deep in a repository.
 */

/** The path of the first key or string value that holds U+0000 (`''` for the value itself), or null. */
export function findNul(value: unknown): string | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, child] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) return p;
        stack.push({ v: child, path: p });
      }
    }
  }
  return null;
}

/** preValidation hook: a NUL in the body, query or params is a validation failure naming the field. */
export async function refuseNul(request: FastifyRequest): Promise<void> {
  for (const part of [request.body, request.query, request.params]) {
    const path = findNul(part);
    if (path !== null) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: path.split('\u0000').join('\\0'), message: 'must not contain a NUL character' }],
      });
    }
  }
}
