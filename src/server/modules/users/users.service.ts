import type { UserRow } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import { hashPassword } from '../auth/passwords.js';
import type { UsersRepo } from './users.repo.js';
import type { Db } from '../../db/client.js';
import type { Audit } from '../../security/audit.js';
import { newUserBody, type NewUserInput } from '../../../shared/contracts/users.js';

export { toUserView } from './users.views.js';

export function createUsersService(deps: { users: UsersRepo; audit: Audit; db: Db }) {
  const { users, audit, db } = deps;
  return {
    /** Validates with the same schema as the API, so the CLI and the console obey one set of rules. */
    async create(input: NewUserInput, actorId: string | null = null): Promise<UserRow> {
      const parsed = newUserBody.safeParse(input);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      }
      const data = parsed.data;
      if (await users.findByEmail(data.email)) throw new AppError('EMAIL_TAKEN');
      const passwordHash = await hashPassword(data.password);
      return db.transaction(async (tx) => {
        const user = await users.insert(
          {
            email: data.email,
            displayName: data.displayName,
            passwordHash,
            roles: [...new Set(data.roles)],
            locale: data.locale,
          },
          tx,
        );
        await audit.record(
          {
            actorId,
            actorLabel: actorId ? 'user' : 'system',
            action: 'user.created',
            subjectType: 'user',
            subjectId: user.id,
            meta: { roles: user.roles },
          },
          tx,
        );
        return user;
      });
    },
    list: () => users.list(),
    setLocale: (id: string, locale: 'en' | 'sw') => users.setLocale(id, locale),
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
