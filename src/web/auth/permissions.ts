// What the interface offers to whom. The server's policies decide; this only hides what they
// would refuse, so nobody is shown a button that cannot work.
import type { Role } from '../../core/auth/roles.ts';
import type { SessionUser } from '../api/types.ts';

const managesOrganisation: readonly Role[] = ['admin', 'assessment_office'];

export const may = {
  manageUnits: (user: SessionUser) => managesOrganisation.includes(user.role),
  manageCategories: (user: SessionUser) => managesOrganisation.includes(user.role),
  manageContacts: (user: SessionUser, unitId: string) =>
    managesOrganisation.includes(user.role) || (user.role === 'unit_reporter' && user.unitId === unitId),
  listAllUnits: (user: SessionUser) => user.role !== 'unit_reporter',
  manageUsers: (user: SessionUser) => user.role === 'admin',
  verifyAudit: (user: SessionUser) => user.role === 'admin',
  /** Leaders read everything and change nothing. */
  isReadOnly: (user: SessionUser) => user.role === 'leader',
};
