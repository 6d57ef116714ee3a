import { forbidden } from '../http/errors.ts';
import type { Role } from '../../core/auth/roles.ts';
import type { Actor } from './actor.ts';

/** Throws 403 with the reason a user sees when a policy says no. */
export function ensure(allowed: boolean, reason: string): asserts allowed {
  if (!allowed) throw forbidden(`没有权限：${reason} (not permitted)`);
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.includes(actor.role);
