// The roles of Pacesetter. Permissions themselves are decided on the server, in one policy per
// entity; this list is shared so the web app can label roles and hide what would be refused.
export const roles = [
  'admin',
  'assessment_office',
  'supervision_office',
  'hotline_centre',
  'reviewer',
  'unit_reporter',
  'leader',
] as const;

export type Role = (typeof roles)[number];

/** Anyone not logged in: a citizen, or a visitor of public pages. */
export const publicRole = 'public' as const;
export type RoleOrPublic = Role | typeof publicRole;

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
