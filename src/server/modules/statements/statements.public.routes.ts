import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isLocale, localeFromAcceptLanguage, type Locale } from '../../../shared/locale.js';
import type { StatementsService } from './statements.service.js';
import { atomFeed, listPage, notFoundPage, statementPage } from './statements.pages.js';

/**
 * The public statements (DESIGN §2.6): server-rendered, no account, no script. A withdrawn statement
 * answers 410 Gone with a tombstone; its content is not sent.
 */
export async function statementsPublicRoutes(
  app: FastifyInstance,
  opts: { statements: StatementsService },
): Promise<void> {
  const { config, clock } = app.ctx;
  const route = { config: { permission: 'public' as const }, schema: { hide: true } };
  const locale = (request: FastifyRequest): Locale => {
    const q = (request.query as Record<string, unknown> | undefined)?.lang;
    return isLocale(q)
      ? q
      : localeFromAcceptLanguage(request.headers['accept-language'], config.DEFAULT_LOCALE);
  };
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'public, max-age=300');
  });

  app.get('/statements', route, async (request, reply) => {
    const l = locale(request);
    const page = listPage(await opts.statements.publicList(), l);
    return reply.type('text/html; charset=utf-8').header('content-language', l).send(page);
  });
  app.get('/statements/:slug', route, async (request, reply) => {
    const l = locale(request);
    const { slug } = request.params as { slug: string };
    const s = /^[a-z0-9-]{1,80}$/.test(slug) ? await opts.statements.publicBySlug(slug) : undefined;
    const html = reply.type('text/html; charset=utf-8').header('content-language', l);
    if (!s) return html.status(404).send(notFoundPage(l));
    return html.status(s.status === 'withdrawn' ? 410 : 200).send(statementPage(s, l));
  });
  app.get('/statements.atom', route, async (request, reply) => {
    const base = `${request.protocol}://${request.host}`;
    const feed = atomFeed(await opts.statements.publicList(), base, clock.now());
    return reply.type('application/atom+xml; charset=utf-8').send(feed);
  });
}
