// 诉求工单: the requests a user may see, filtered by status, text and overdue; a unit reporter
// sees those of its own unit. The citizen appears as the server shows them to this reader.
import { Button, Card, Input, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { requestStatuses } from '../../core/requests/lifecycle.ts';
import { useUser } from '../auth/session-context.tsx';
import { formatDateTime, formatNumber } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { statusColours, useRequestLabels } from './request-labels.ts';
import { RequestWarningsPanel } from './request-warnings-panel.tsx';
import { requestsApi, type RequestSummary } from './requests-api.ts';

const pageSize = 20;

export function RequestsPage() {
  const user = useUser();
  const navigate = useNavigate();
  const { tx, status: statusLabel } = useRequestLabels();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const q = params.get('q') ?? '';
  const overdue = params.get('overdue') === 'true';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const list = useLoader(() => requestsApi.list({ status, q: q || undefined, overdue: overdue ? 'true' : undefined, limit: pageSize, offset: (page - 1) * pageSize }), [status, q, overdue, page]);

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };

  const columns: TableColumnsType<RequestSummary> = [
    { title: tx('编号', 'Code'), dataIndex: 'code', width: 170, render: (code: string, r) => <Link to={`/requests/${r.id}`} className="mono">{code}</Link> },
    { title: tx('状态', 'Status'), dataIndex: 'status', width: 110, render: (s: RequestSummary['status']) => <Tag color={statusColours[s]}>{statusLabel(s)}</Tag> },
    { title: tx('类别', 'Category'), dataIndex: 'serviceName', width: 110 },
    { title: tx('诉求内容', 'Description'), dataIndex: 'description', width: 260, ellipsis: { showTitle: true } },
    { title: tx('街道乡镇', 'Street/town'), dataIndex: 'divisionName', width: 110, render: (v: string | null) => v ?? '—' },
    { title: tx('市民', 'Citizen'), key: 'citizen', width: 150, render: (_, r) => (r.citizenName || r.citizenPhone ? <span>{r.citizenName} {r.citizenPhone}</span> : '—') },
    { title: tx('承办单位', 'Handling unit'), dataIndex: 'leadUnitName', width: 130, render: (v: string | null) => v ?? '—' },
    { title: tx('受理时间', 'Received'), dataIndex: 'receivedAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: tx('办结时限', 'Due'), dataIndex: 'resolutionDueAt', width: 190, render: (v: string | null, r) => (v ? <span>{formatDateTime(v)} {r.overdue && <Tag color="red">{tx('超期', 'Overdue')}</Tag>}</span> : '—') },
  ];

  return (
    <div className="page">
      <PageHeader title={tx('诉求工单', 'Requests')} extra={<Space>
        {(user.role === 'hotline_centre' || user.role === 'admin') && <Button onClick={() => navigate('/requests/import')} data-testid="requests-import">{tx('批量导入', 'Import')}</Button>}
        <Button href="/api/requests/export.csv" data-testid="requests-export">{tx('导出 CSV', 'Export CSV')}</Button>
      </Space>} />
      <RequestWarningsPanel />
      <Card size="small" className="filter-card no-print">
        <Space wrap size={[12, 8]}>
          <Input.Search key={q} defaultValue={q} allowClear placeholder={tx('编号、内容或地址', 'Code, description or address')} onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: 300 }} />
          <Select allowClear placeholder={tx('状态', 'Status')} value={status} onChange={(v?: string) => set('status', v)} style={{ width: 140 }}
            options={requestStatuses.map((s) => ({ value: s, label: statusLabel(s) }))} />
          <Space><Switch checked={overdue} onChange={(v) => set('overdue', v ? 'true' : undefined)} data-testid="requests-overdue" /><Typography.Text>{tx('只看超期', 'Overdue only')}</Typography.Text></Space>
        </Space>
      </Card>
      {list.error ? <LoadFailed error={list.error} onRetry={() => void list.reload()} /> : (
        <Table<RequestSummary> rowKey="id" size="small" bordered className="dense-table" loading={list.loading} columns={columns}
          dataSource={list.data?.items ?? []} data-testid="requests-table" scroll={{ x: 1400 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (n) => tx(`共 ${formatNumber(n)} 件`, `${formatNumber(n)} in total`), onChange: (p) => set('page', p === 1 ? undefined : String(p)) }} />
      )}
    </div>
  );
}
