import { AuditOutlined, ApartmentOutlined, HomeOutlined, TagsOutlined, TeamOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { assessmentNavKey } from '../assessment/assessment-nav.tsx';
import { may } from '../auth/permissions.ts';
import type { SessionUser } from '../api/types.ts';
import { requestNavItems } from '../requests/request-nav.tsx';

type Item = Required<MenuProps>['items'][number];

/** The side menu holds only what the user's role may use; `assessment` is the 综合考核 group (useAssessmentNavItems). */
export function navItems(user: SessionUser, t: TFunction, assessment: Item[]): Item[] {
  const org: Item[] = [
    may.listAllUnits(user)
      ? { key: '/units', icon: <ApartmentOutlined />, label: t('menu.units') }
      : { key: `/units/${user.unitId ?? ''}`, icon: <ApartmentOutlined />, label: t('menu.myUnit') },
    { key: '/categories', icon: <TagsOutlined />, label: t('menu.categories') },
  ];
  const system: Item[] = [];
  if (may.manageUsers(user)) system.push({ key: '/users', icon: <TeamOutlined />, label: t('menu.users') });
  if (may.verifyAudit(user)) system.push({ key: '/audit', icon: <AuditOutlined />, label: t('menu.audit') });
  const items: Item[] = [
    { key: '/', icon: <HomeOutlined />, label: t('menu.home') },
    ...assessment,
    { type: 'group', key: 'org', label: t('menu.org'), children: org },
    ...requestNavItems(user, t),
  ];
  if (system.length) items.push({ type: 'group', key: 'system', label: t('menu.system'), children: system });
  return items;
}

/** The menu key to highlight for a path: /units/abc highlights Units. */
export function selectedNavKey(pathname: string, user: SessionUser): string {
  if (pathname === '/') return '/';
  // The call-taker's form and the dashboard have items of their own beside the list.
  if (pathname === '/requests/new' || pathname === '/requests/dashboard') return pathname;
  if (pathname.startsWith('/units')) return may.listAllUnits(user) ? '/units' : `/units/${user.unitId ?? ''}`;
  const assessment = assessmentNavKey(pathname);
  if (assessment) return assessment;
  const first = `/${pathname.split('/')[1] ?? ''}`;
  return first;
}
