import { AuditOutlined, BarChartOutlined, CloudUploadOutlined, FormOutlined, PartitionOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { SessionUser } from '../api/types.ts';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { assessmentApi } from './assessment-api.ts';

type Item = Required<MenuProps>['items'][number];

const isOffice = (user: SessionUser) => user.role === 'admin' || user.role === 'assessment_office';

/**
 * The 综合考核 group of the side menu, by role. The import page is the office's, and also the
 * statistics bureau's: a reporter of the unit the year's scheme names as its statistics source,
 * which only the server knows (it answers the years the user may import).
 */
export function useAssessmentNavItems(user: SessionUser): Item[] {
  const tx = useText();
  const office = isOffice(user);
  const access = useLoader(async () => (user.role === 'unit_reporter' ? assessmentApi.importAccess() : { years: [] }), [user.id, user.role, user.unitId]);
  const children: Item[] = [];
  if (user.role === 'unit_reporter' || office) children.push({ key: '/assessment/due', icon: <FormOutlined />, label: user.role === 'unit_reporter' ? tx('我的填报', 'My reports') : tx('填报情况', 'Reporting') });
  if (office || user.role === 'reviewer') children.push({ key: '/assessment/review', icon: <AuditOutlined />, label: tx('数据审核', 'Review') });
  if (office) children.push({ key: '/assessment/import', icon: <CloudUploadOutlined />, label: tx('批量导入与加减分', 'Import & adjustments') });
  else if ((access.data?.years.length ?? 0) > 0) children.push({ key: '/assessment/import', icon: <CloudUploadOutlined />, label: tx('统计数据批量导入', 'Statistics import') });
  children.push({ key: '/assessment/results', icon: <BarChartOutlined />, label: tx('考核结果', 'Results') });
  if (user.role !== 'unit_reporter') children.push({ key: '/assessment/schemes', icon: <PartitionOutlined />, label: tx('考核方案', 'Schemes') });
  return [{ type: 'group', key: 'assessment', label: tx('综合考核', 'Assessment'), children }];
}

/** The menu key of an assessment page: pages opened from an item (a submission, a scheme, a scorecard, the what-if) highlight it. */
export function assessmentNavKey(pathname: string): string | undefined {
  const [, first, second] = pathname.split('/');
  if (first !== 'assessment') return undefined;
  switch (second) {
    case 'entry': return '/assessment/due';
    case 'what-if': return '/assessment/results';
    default: return `/assessment/${second ?? ''}`;
  }
}
