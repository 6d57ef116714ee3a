import type { Actor } from '../auth/actor.ts';

// Accounts are the system administrator's alone; everyone may change their own password.
export const userPolicy = {
  manage: (actor: Actor) => actor.role === 'admin',
};
