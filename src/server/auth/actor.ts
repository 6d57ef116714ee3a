import type { Role } from '../../core/auth/roles.ts';

/** The logged-in user a request acts for, as the policies see them. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The unit a unit reporter is bound to; null for every other role. */
  unitId: string | null;
  unitName: string | null;
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
}

/** What every service operation is given: who acts, and the request to name in the audit trail. */
export interface ActionContext {
  actor: Actor;
  requestId: string;
}
