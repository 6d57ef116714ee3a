// Labels of the request pages (Chinese, the language of the hotline).
import { statusLabels, type RequestStatus } from '../../core/requests/lifecycle.ts';

export const statusColours: Record<RequestStatus, string> = {
  received: 'default', dispatched: 'blue', returned: 'orange', accepted: 'cyan', in_progress: 'geekblue',
  replied: 'purple', called_back: 'magenta', reopened: 'red', closed: 'green',
};
export { statusLabels };
export const satisfactionLabels = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' } as const;
export const percent = (rate: number | null) => (rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);
export const channelLabels: Record<string, string> = { phone: '电话', web: '网上', open311: 'Open311 接口', import: '批量导入', app: '移动端' };
