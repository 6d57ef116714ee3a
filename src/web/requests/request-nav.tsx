import { AlertOutlined, ApiOutlined, BarChartOutlined, BranchesOutlined, PhoneOutlined, ProfileOutlined, SettingOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { SessionUser } from '../api/types.ts';
import { currentLanguage } from '../shell/i18n.ts';

type Item = Required<MenuProps>['items'][number];

/** The 接诉即办 group of the side menu, by role. */
export function requestNavItems(user: SessionUser, t: TFunction): Item[] {
  const children: Item[] = [];
  if (user.role === 'hotline_centre') children.push({ key: '/requests/new', icon: <PhoneOutlined />, label: t('menu.requestIntake') });
  children.push({ key: '/requests', icon: <UnorderedListOutlined />, label: t(user.role === 'unit_reporter' ? 'menu.myRequests' : 'menu.requestList') });
  if (user.role === 'unit_reporter') children.push({ key: '/requests?overdue=true', icon: <AlertOutlined />, label: t('menu.overdueRequests') });
  children.push({ key: '/requests/dashboard', icon: <BarChartOutlined />, label: t('menu.requestRates') });
  const tx = (zh: string, en: string) => (currentLanguage() === 'en' ? en : zh);
  if (user.role === 'admin' || user.role === 'hotline_centre') children.push({ key: '/request-catalogue', icon: <ProfileOutlined />, label: tx('派单目录', 'Dispatch catalogue') });
  if (user.role === 'admin' || user.role === 'hotline_centre') children.push({ key: '/dispatch-rules', icon: <BranchesOutlined />, label: tx('派单规则', 'Dispatch rules') });
  if (user.role === 'admin' || user.role === 'hotline_centre' || user.role === 'assessment_office') children.push({ key: '/request-settings', icon: <SettingOutlined />, label: tx('诉求设置', 'Request settings') });
  if (user.role === 'admin') children.push({ key: '/open311-keys', icon: <ApiOutlined />, label: tx('Open311 密钥', 'Open311 keys') });
  return [{ type: 'group', key: 'requests', label: t('menu.requests'), children }];
}
