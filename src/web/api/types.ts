// The API's data, as the shared zod schemas in core describe it: one source of truth for the
// server's validation and the web app's types.
import type { z } from 'zod';
import type {
  changePasswordBody, loginBody, meResponse, userCreateBody, userResetPasswordBody, userUpdateBody,
} from '../../core/auth/schemas.ts';
import type {
  categoryCreateBody, categoryUpdateBody, contactCreateBody, contactUpdateBody, unitCreateBody, unitListQuery, unitUpdateBody,
} from '../../core/org/unit.ts';

export type { SessionUser, UserView } from '../../core/auth/schemas.ts';
export type { Role } from '../../core/auth/roles.ts';
export type { HistoryEntry, RecentChange, VerifyResult as AuditVerifyResult } from '../../core/audit/schemas.ts';
export type { CategoryView, ContactView, DivisionView, UnitKind, UnitView } from '../../core/org/unit.ts';

export type LoginBody = z.infer<typeof loginBody>;
export type MeResponse = z.infer<typeof meResponse>;
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;
export type UserCreateBody = z.infer<typeof userCreateBody>;
export type UserUpdateBody = z.infer<typeof userUpdateBody>;
export type UserResetPasswordBody = z.infer<typeof userResetPasswordBody>;
export type UnitCreateBody = z.infer<typeof unitCreateBody>;
export type UnitUpdateBody = z.infer<typeof unitUpdateBody>;
export type UnitListQuery = Partial<z.infer<typeof unitListQuery>>;
export type CategoryCreateBody = z.infer<typeof categoryCreateBody>;
export type CategoryUpdateBody = z.infer<typeof categoryUpdateBody>;
export type ContactCreateBody = z.infer<typeof contactCreateBody>;
export type ContactUpdateBody = z.infer<typeof contactUpdateBody>;

/** The records whose history the administration pages open. */
export type AuditEntityType = 'unit' | 'category' | 'contact' | 'user';

export interface HealthReport {
  status: string;
  database: string;
}
