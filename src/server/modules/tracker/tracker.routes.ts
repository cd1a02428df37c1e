import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../../../shared/locale.js';
import { violationTypeCodes, type ViolationType } from '../../../shared/vocabularies.js';
import type { TrackerService } from './tracker.service.js';
import { dictionaryPage, trackerCsv, trackerJson, trackerPage } from './tracker.pages.js';

/**
 * The public tracker (DESIGN §2.6): server-rendered, no account, no script; anonymised counts only.
 * Cached for an hour by anything in between: the numbers change monthly and name nobody.
 */
export async function trackerRoutes(app: FastifyInstance, opts: { tracker: TrackerService }): Promise<void> {
  const { config } = app.ctx;
  const route = { config: { permission: 'public' as const }, schema: { hide: true } };
  const locale = (request: FastifyRequest): Locale => {
    const q = (request.query as Record<string, unknown> | undefined)?.lang;
    return isLocale(q)
      ? q
      : localeFromAcceptLanguage(request.headers['accept-language'], config.DEFAULT_LOCALE);
  };
  const typeOf = (request: FastifyRequest): ViolationType => {
    const q = (request.query as Record<string, unknown> | undefined)?.type;
    return (violationTypeCodes as readonly string[]).includes(q as string)
      ? (q as ViolationType)
      : violationTypeCodes[0];
  };
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'public, max-age=3600');
  });

  app.get('/tracker', route, async (request, reply) => {
    const l = locale(request);
    const page = trackerPage(await opts.tracker.publication(), typeOf(request), l);
    return reply.type('text/html; charset=utf-8').header('content-language', l).send(page);
  });
  app.get('/tracker/dictionary', route, async (request, reply) => {
    const l = locale(request);
    return reply.type('text/html; charset=utf-8').header('content-language', l).send(dictionaryPage(l));
  });
  app.get('/tracker.csv', route, async (_request, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="dharura-tracker.csv"')
      .send(trackerCsv(await opts.tracker.publication())),
  );
  app.get('/tracker.json', route, async () => trackerJson(await opts.tracker.publication()));
}
