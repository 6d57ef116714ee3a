import type { Command } from 'commander';
import { isRole, roles } from '../../core/auth/roles.ts';
import { passwordSchema, usernameSchema } from '../../core/auth/schemas.ts';
import { createUser, findUserByUsername, setPassword } from '../../server/users/user-service.ts';
import { withDatabase } from '../database.ts';

export function register(program: Command): void {
  const user = program.command('user').description('manage accounts from the shell');

  user.command('add').description('create an account; the user changes the password at first login')
    .requiredOption('--username <name>')
    .requiredOption('--name <displayName>', 'name shown in the app')
    .requiredOption('--role <role>', roles.join(' | '))
    .requiredOption('--password <password>', 'initial password (at least 10 characters)')
    .option('--unit <unitId>', 'unit id, for unit reporters')
    .action((o: { username: string; name: string; role: string; password: string; unit?: string }) => withDatabase(async (database) => {
      if (!isRole(o.role)) throw new Error(`unknown role ${o.role}; one of ${roles.join(', ')}`);
      usernameSchema.parse(o.username);
      passwordSchema.parse(o.password);
      const created = await createUser(database.db, null, { username: o.username, displayName: o.name, role: o.role, unitId: o.unit ?? null, password: o.password });
      console.log(`created ${created.username} (${created.role})`);
    }));

  user.command('reset-password').description('set a new initial password; the user must change it at next login')
    .requiredOption('--username <name>')
    .requiredOption('--password <password>')
    .action((o: { username: string; password: string }) => withDatabase(async (database) => {
      passwordSchema.parse(o.password);
      const found = await findUserByUsername(database.db, o.username);
      if (!found) throw new Error(`no account named ${o.username}`);
      await setPassword(database.db, null, found.id, o.password);
      console.log(`password of ${found.username} reset; open sessions ended`);
    }));
}
