// 临期/超期预警 where people work, above the request list: a unit reporter sees its own requests
// near or past a deadline (code, category, deadline, time left, linked to the request); the
// hotline centre and other officials see the warnings counted by unit, each unit opening onto its
// list. Only warnings still in force are shown (GET /api/request-warnings/live, /by-unit).
import { Badge, Collapse, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useUser } from '../auth/session-context.tsx';
import { formatDateTime, formatNumber } from '../shell/format.ts';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { requestsApi, type LiveWarning, type UnitWarnings } from './requests-api.ts';

const minuteMs = 60_000;

/** Re-renders every minute, so the time left stays true while the page is open. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), minuteMs);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** 3 天 4 小时 / 3 d 4 h; under an hour, minutes. */
function useSpan(): (ms: number) => string {
  const tx = useText();
  return (ms) => {
    const minutes = Math.max(0, Math.floor(Math.abs(ms) / minuteMs));
    const days = Math.floor(minutes / 1_440);
    const hours = Math.floor((minutes % 1_440) / 60);
    if (days > 0) return tx(`${days} 天${hours ? ` ${hours} 小时` : ''}`, `${days} d${hours ? ` ${hours} h` : ''}`);
    if (hours > 0) return tx(`${hours} 小时${minutes % 60 ? ` ${minutes % 60} 分` : ''}`, `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`);
    return tx(`${minutes} 分钟`, `${minutes} min`);
  };
}

function WarningList({ unitId, compact = false }: { unitId?: string; compact?: boolean }) {
  const tx = useText();
  const span = useSpan();
  const now = useNow();
  const warnings = useLoader(() => requestsApi.liveWarnings({ unitId, limit: 200 }), [unitId]);
  const columns: TableColumnsType<LiveWarning> = [
    { title: tx('预警', 'Warning'), key: 'state', width: 120, render: (_, w) => {
      const overdue = Date.parse(w.dueAt) <= now;
      return <Tag color={overdue ? 'red' : 'orange'}>{overdue ? tx('超期', 'Overdue') : tx('临期', 'Due soon')} · {w.clock === 'response' ? tx('响应', 'response') : tx('办结', 'resolution')}</Tag>;
    } },
    { title: tx('编号', 'Code'), dataIndex: 'code', width: 170, render: (code: string, w) => <Link to={`/requests/${w.requestId}`} className="mono">{code}</Link> },
    { title: tx('类别', 'Category'), dataIndex: 'serviceName', width: 120 },
    ...(compact ? [] : [{ title: tx('承办单位', 'Handling unit'), dataIndex: 'unitName', width: 140 }]),
    { title: tx('期限', 'Deadline'), dataIndex: 'dueAt', width: 170, render: (v: string) => formatDateTime(v) },
    { title: tx('剩余时间', 'Time left'), key: 'left', width: 140, render: (_, w) => {
      const left = Date.parse(w.dueAt) - now;
      return left > 0 ? <Typography.Text type="warning">{tx(`剩 ${span(left)}`, `${span(left)} left`)}</Typography.Text>
        : <Typography.Text type="danger">{tx(`已超 ${span(left)}`, `${span(left)} over`)}</Typography.Text>;
    } },
  ];
  return (
    <Table<LiveWarning> rowKey={(w) => `${w.requestId}:${w.clock}`} size="small" columns={columns} loading={warnings.loading}
      dataSource={warnings.data ?? []} pagination={{ pageSize: 8, hideOnSinglePage: true }} data-testid="warnings-list"
      locale={{ emptyText: tx('暂无临期或超期的诉求', 'Nothing near or past its deadline') }} />
  );
}

/** The unit reporter's own warnings. */
function UnitWarningsCard() {
  const tx = useText();
  const counts = useLoader(() => requestsApi.warningsByUnit(), []);
  const mine = counts.data?.[0];
  const total = (mine?.dueSoon ?? 0) + (mine?.overdue ?? 0);
  return (
    <Collapse size="small" style={{ marginBottom: 12 }} defaultActiveKey={['w']} data-testid="request-warnings"
      items={[{
        key: 'w',
        label: <Space><Typography.Text strong>{tx('临期/超期预警', 'Deadline warnings')}</Typography.Text>
          <Badge count={mine?.overdue ?? 0} showZero={false} title={tx('超期', 'Overdue')} />
          <Badge count={mine?.dueSoon ?? 0} showZero={false} color="orange" title={tx('临期', 'Due soon')} />
          {!counts.loading && total === 0 && <Typography.Text type="secondary">{tx('无', 'none')}</Typography.Text>}</Space>,
        children: <WarningList compact />,
      }]} />
  );
}

/** The hotline centre's overview: every unit with live warnings, overdue first, each opening onto its list. */
function WarningsByUnitCard() {
  const tx = useText();
  const rows = useLoader(() => requestsApi.warningsByUnit(), []);
  const data = rows.data ?? [];
  const overdue = data.reduce((s, r) => s + r.overdue, 0);
  const dueSoon = data.reduce((s, r) => s + r.dueSoon, 0);
  const columns: TableColumnsType<UnitWarnings> = [
    { title: tx('承办单位', 'Handling unit'), dataIndex: 'unitName' },
    { title: tx('超期', 'Overdue'), dataIndex: 'overdue', width: 90, render: (n: number) => (n ? <Typography.Text type="danger" strong>{formatNumber(n)}</Typography.Text> : '0') },
    { title: tx('临期', 'Due soon'), dataIndex: 'dueSoon', width: 90, render: (n: number) => (n ? <Typography.Text type="warning" strong>{formatNumber(n)}</Typography.Text> : '0') },
    { title: tx('最近到期', 'Next deadline'), dataIndex: 'nextDueAt', width: 180, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
    { title: tx('最早超期', 'Overdue since'), key: 'oldest', width: 180, render: (_, r) => (r.overdue ? formatDateTime(r.oldestDueAt) : '—') },
  ];
  return (
    <Collapse size="small" style={{ marginBottom: 12 }} data-testid="request-warnings"
      items={[{
        key: 'w',
        label: <Space><Typography.Text strong>{tx('各单位临期/超期预警', 'Deadline warnings by unit')}</Typography.Text>
          {!rows.loading && <span data-testid="warnings-summary">
            <Typography.Text type="secondary">{tx(`${formatNumber(data.length)} 个单位：`, `${formatNumber(data.length)} units: `)}</Typography.Text>
            <Typography.Text type={overdue ? 'danger' : 'secondary'} strong={overdue > 0}>{tx(`超期 ${formatNumber(overdue)} 件`, `${formatNumber(overdue)} overdue`)}</Typography.Text>
            <Typography.Text type="secondary">{tx('，', ', ')}</Typography.Text>
            <Typography.Text type={dueSoon ? 'warning' : 'secondary'} strong={dueSoon > 0}>{tx(`临期 ${formatNumber(dueSoon)} 件`, `${formatNumber(dueSoon)} due soon`)}</Typography.Text>
          </span>}</Space>,
        children: (
          <Table<UnitWarnings> rowKey="unitId" size="small" columns={columns} dataSource={data} loading={rows.loading} data-testid="warnings-by-unit"
            pagination={{ pageSize: 10, hideOnSinglePage: true }} expandable={{ expandedRowRender: (r) => <WarningList unitId={r.unitId} compact /> }}
            locale={{ emptyText: tx('暂无临期或超期的诉求', 'Nothing near or past its deadline') }} />
        ),
      }]} />
  );
}

export function RequestWarningsPanel() {
  const user = useUser();
  return user.role === 'unit_reporter' ? <UnitWarningsCard /> : <WarningsByUnitCard />;
}

