import { AuditOutlined, BarChartOutlined, CloudUploadOutlined, FormOutlined, PartitionOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { SessionUser } from '../api/types.ts';
import { currentLanguage } from '../shell/i18n.ts';

type Item = Required<MenuProps>['items'][number];
const tx = (zh: string, en: string) => (currentLanguage() === 'en' ? en : zh);

/** The 综合考核 group of the side menu, by role. */
export function assessmentNavItems(user: SessionUser): Item[] {
  const office = user.role === 'admin' || user.role === 'assessment_office';
  const children: Item[] = [];
  if (user.role === 'unit_reporter' || office) children.push({ key: '/assessment/due', icon: <FormOutlined />, label: user.role === 'unit_reporter' ? tx('我的填报', 'My reports') : tx('填报情况', 'Reporting') });
  if (office || user.role === 'reviewer') children.push({ key: '/assessment/review', icon: <AuditOutlined />, label: tx('数据审核', 'Review') });
  if (office) children.push({ key: '/assessment/import', icon: <CloudUploadOutlined />, label: tx('批量导入与加减分', 'Import & adjustments') });
  children.push({ key: '/assessment/results', icon: <BarChartOutlined />, label: tx('考核结果', 'Results') });
  if (user.role !== 'unit_reporter') children.push({ key: '/assessment/schemes', icon: <PartitionOutlined />, label: tx('考核方案', 'Schemes') });
  return [{ type: 'group', key: 'assessment', label: tx('综合考核', 'Assessment'), children }];
}
