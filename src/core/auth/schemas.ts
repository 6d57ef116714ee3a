import { z } from 'zod';
import { roles } from './roles.ts';

export const usernameSchema = z.string().trim().min(2).max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, underscore or hyphen');

/** Long enough to resist guessing, short enough that hashing it cannot be abused. */
export const passwordSchema = z.string().min(10).max(128);

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: passwordSchema,
});

export const sessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const meResponse = z.object({ user: sessionUser, csrfToken: z.string() });

const displayName = z.string().trim().min(1).max(64);

export const userCreateBody = z.strictObject({
  username: usernameSchema,
  displayName,
  role: z.enum(roles),
  unitId: z.uuid().nullable().optional(),
  /** An initial password; the user must change it at first login. */
  password: passwordSchema,
});

export const userUpdateBody = z.strictObject({
  displayName: displayName.optional(),
  role: z.enum(roles).optional(),
  unitId: z.uuid().nullable().optional(),
  active: z.boolean().optional(),
  version: z.number().int().positive(),
});

export const userResetPasswordBody = z.strictObject({ password: passwordSchema });

export const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UserView = z.infer<typeof userView>;
