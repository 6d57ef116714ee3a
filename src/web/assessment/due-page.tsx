// 我的填报: what the unit owes per period (and per month, for monthly indicators), with the
// submission's deadline (the latest of its indicators'), state and the reviewer's comment.
import { Alert, Button, Progress, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useUser } from '../auth/session-context.tsx';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { assessmentApi, type DueItem } from './assessment-api.ts';
import { formatDay, StateTag } from './assessment-text.tsx';

export const assessmentYears = [2026, 2027, 2025];

export function DuePage() {
  const tx = useText();
  const user = useUser();
  const [year, setYear] = useState(assessmentYears[0]!);
  const due = useLoader(() => assessmentApi.due(year), [year]);
  const reporter = user.role === 'unit_reporter';
  const rows = due.data ?? [];
  const open = rows.filter((d) => d.state === 'draft' || d.state === 'returned');

  const columns: TableColumnsType<DueItem> = [
    ...(reporter ? [] : [{ title: tx('单位', 'Unit'), dataIndex: 'unitName' }]),
    { title: tx('考核期', 'Period'), dataIndex: 'label', width: 130, render: (label: string, r) => (r.kind === 'month' ? <Space size={4}>{label}<Tag color="blue">{tx('月报', 'monthly')}</Tag></Space> : label) },
    { title: tx('截止日期', 'Deadline'), dataIndex: 'deadline', width: 200, render: (d: string, r) => <Space>{formatDay(d)}{r.overdue && <Tag color="red">{tx('已逾期', 'Overdue')}</Tag>}</Space> },
    { title: tx('状态', 'State'), dataIndex: 'state', width: 110, render: (_, r) => <Space><StateTag state={r.state} />{r.late && <Tag color="orange">{tx('迟报', 'Late')}</Tag>}</Space> },
    { title: tx('填报进度', 'Filled'), key: 'filled', width: 180, render: (_, r) => <Progress size="small" percent={Math.round((r.filled / Math.max(1, r.due)) * 100)} format={() => `${r.filled}/${r.due}`} /> },
    { title: tx('审核意见', 'Review comment'), dataIndex: 'reviewComment', render: (c: string) => c || '—' },
    { title: '', key: 'go', width: 100, render: (_, r) => (
      <Link to={`/assessment/entry/${year}/${r.period}/${r.unitId}`} data-testid={`open-${r.period}`}>
        <Button size="small" type={r.state === 'draft' || r.state === 'returned' ? 'primary' : 'default'}>{r.state === 'draft' || r.state === 'returned' ? tx('填报', 'Fill in') : tx('查看', 'View')}</Button>
      </Link>) },
  ];

  return (
    <div className="page">
      <PageHeader title={tx('我的填报', 'My reports')} subtitle={reporter ? user.unitName ?? '' : tx('各单位应报数据', 'What units owe')}
        extra={<Select value={year} onChange={setYear} options={assessmentYears.map((y) => ({ value: y, label: tx(`${y}年度`, String(y)) }))} />} />
      {due.error ? <LoadFailed error={due.error} onRetry={() => void due.reload()} /> : (
        <>
          {open.length > 0 && reporter && <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="due-alert"
            title={tx(`还有 ${open.length} 期数据待填报或需修改后重新报送`, `${open.length} period(s) to fill in or correct`)} />}
          <Table rowKey={(r) => `${r.unitId}/${r.period}`} columns={columns} dataSource={rows} loading={due.loading} pagination={reporter ? false : { pageSize: 40 }} size="middle" />
        </>
      )}
    </div>
  );
}
