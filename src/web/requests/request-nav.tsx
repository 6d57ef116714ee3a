import { AlertOutlined, BarChartOutlined, PhoneOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { SessionUser } from '../api/types.ts';

type Item = Required<MenuProps>['items'][number];

/** The 接诉即办 group of the side menu, by role. */
export function requestNavItems(user: SessionUser, t: TFunction): Item[] {
  const children: Item[] = [];
  if (user.role === 'hotline_centre') children.push({ key: '/requests/new', icon: <PhoneOutlined />, label: t('menu.requestIntake') });
  children.push({ key: '/requests', icon: <UnorderedListOutlined />, label: t(user.role === 'unit_reporter' ? 'menu.myRequests' : 'menu.requestList') });
  if (user.role === 'unit_reporter') children.push({ key: '/requests?overdue=true', icon: <AlertOutlined />, label: t('menu.overdueRequests') });
  children.push({ key: '/requests/dashboard', icon: <BarChartOutlined />, label: t('menu.requestRates') });
  return [{ type: 'group', key: 'requests', label: t('menu.requests'), children }];
}
