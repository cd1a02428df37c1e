import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  caseIdParams,
  CHUNK_CONTENT_TYPE,
  EVIDENCE_CHUNK_BYTES,
  evidenceDetailView,
  evidenceList,
  evidenceParams,
  hashCheckView,
  reasonInput,
  testimonyInput,
  testimonyView,
  uploadCreateInput,
  uploadParams,
  uploadView,
} from '../../../shared/contracts/evidence.js';
import { actorOf } from '../../security/policy.js';

/** A file name safe in a Content-Disposition header (the UTF-8 name goes in filename*). */
function disposition(name: string | null, fallback: string): string {
  const n = name ?? fallback;
  const ascii = n.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(n)}`;
}

/** The evidence vault and testimonies of a case (DESIGN §2.5, ADR 0010). */
export const evidenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { services } = app.ctx;
  const tags = ['evidence'];

  // Chunks arrive as raw bytes (as in tus); one chunk is at most EVIDENCE_CHUNK_BYTES.
  app.addContentTypeParser(
    CHUNK_CONTENT_TYPE,
    { parseAs: 'buffer', bodyLimit: EVIDENCE_CHUNK_BYTES + 1024 },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/cases/:id/evidence',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: "A case's evidence (metadata; no file is read)",
        params: caseIdParams,
        response: { 200: evidenceList },
      },
    },
    async (request) => services.evidence.list(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/cases/:id/evidence/uploads',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Start a resumable upload (size and case quotas are checked here)',
        params: caseIdParams,
        body: uploadCreateInput,
        response: { 201: uploadView },
      },
    },
    async (request, reply) => {
      const view = await services.evidence.createUpload(request.params.id, actorOf(request), request.body);
      return reply.status(201).send(view);
    },
  );

  app.get(
    '/api/evidence/uploads/:uploadId',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Where an interrupted upload resumes',
        params: uploadParams,
        response: { 200: uploadView },
      },
    },
    async (request) => services.evidence.uploadStatus(request.params.uploadId, actorOf(request)),
  );

  app.put(
    '/api/evidence/uploads/:uploadId',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'One chunk at the Upload-Offset the server holds (the last one completes the item)',
        params: uploadParams,
        headers: z.object({ 'upload-offset': z.coerce.number().int().min(0) }),
        response: { 200: uploadView },
      },
    },
    async (request) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return services.evidence.putChunk(
        request.params.uploadId,
        actorOf(request),
        request.headers['upload-offset'],
        body,
      );
    },
  );

  app.delete(
    '/api/evidence/uploads/:uploadId',
    {
      config: { permission: 'cases:act' },
      schema: { tags, summary: 'Give up an upload', params: uploadParams, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await services.evidence.cancelUpload(request.params.uploadId, actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/evidence/:evidenceId',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'One item with its capture record and chain of custody',
        params: evidenceParams,
        response: { 200: evidenceDetailView },
      },
    },
    async (request) => services.evidence.detail(request.params.evidenceId, actorOf(request)),
  );

  app.get(
    '/api/evidence/:evidenceId/view',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: 'The viewing copy of an image (re-verified; a custody entry)',
        params: evidenceParams,
      },
    },
    async (request, reply) => {
      const { body, mediaType } = await services.evidence.viewCopy(
        request.params.evidenceId,
        actorOf(request),
      );
      return reply.type(mediaType).header('cache-control', 'no-store').send(body);
    },
  );

  app.post(
    '/api/evidence/:evidenceId/download',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'The sealed original, byte for byte, with a reason (re-verified; a custody entry)',
        params: evidenceParams,
        body: reasonInput,
      },
    },
    async (request, reply) => {
      const d = await services.evidence.download(
        request.params.evidenceId,
        actorOf(request),
        request.body.reason,
      );
      return reply
        .type(d.mediaType)
        .header('content-length', String(d.size))
        .header('cache-control', 'no-store')
        .header('x-evidence-sha256', d.sha256)
        .header('content-disposition', disposition(d.fileName, request.params.evidenceId))
        .send(d.stream);
    },
  );

  app.post(
    '/api/evidence/:evidenceId/hash-check',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: "Re-verify the original's SHA-256 (a custody entry)",
        params: evidenceParams,
        response: { 200: hashCheckView },
      },
    },
    async (request) => services.evidence.hashCheck(request.params.evidenceId, actorOf(request)),
  );

  /* ---------- testimonies ---------- */

  app.get(
    '/api/cases/:id/testimonies',
    {
      config: { permission: 'cases:read' },
      schema: {
        tags,
        summary: "A case's testimonies (audited read)",
        params: caseIdParams,
        response: { 200: z.object({ testimonies: z.array(testimonyView) }) },
      },
    },
    async (request) => ({
      testimonies: await services.evidence.testimonies(request.params.id, actorOf(request)),
    }),
  );

  app.post(
    '/api/cases/:id/testimonies',
    {
      config: { permission: 'cases:act' },
      schema: {
        tags,
        summary: 'Record a testimony (text, or a recording from the vault) with its consent to use',
        params: caseIdParams,
        body: testimonyInput,
        response: { 201: testimonyView },
      },
    },
    async (request, reply) => {
      const view = await services.evidence.recordTestimony(request.params.id, actorOf(request), request.body);
      return reply.status(201).send(view);
    },
  );
};
