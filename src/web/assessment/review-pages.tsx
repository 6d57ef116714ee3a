// 数据审核: the reviewers' queue, and one submission with its change against the previous period
// and the flags for missing values, late submission and outliers; approve or return with a comment.
import { Alert, App, Button, Card, Input, Modal, Segmented, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/api-error.ts';
import { may } from '../auth/permissions.ts';
import { useUser } from '../auth/session-context.tsx';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import './assessment.css';
import { assessmentApi, type QueueItem, type SubmissionState, type SubmissionView } from './assessment-api.ts';
import { formatDay, plain, StateTag } from './assessment-text.tsx';
import { ComputedLines } from './computed-lines.tsx';
import { assessmentYears } from './due-page.tsx';

export function ReviewQueuePage() {
  const tx = useText();
  const [year, setYear] = useState(assessmentYears[0]!);
  const [state, setState] = useState<SubmissionState>('submitted');
  const queue = useLoader(() => assessmentApi.queue(year, { state }), [year, state]);
  const columns: TableColumnsType<QueueItem> = [
    { title: tx('单位', 'Unit'), dataIndex: 'unitName', render: (n: string, r) => <Link to={`/assessment/review/${r.id}`} data-testid="queue-unit">{n}</Link> },
    { title: tx('类别', 'Category'), dataIndex: 'categoryName', width: 80 },
    { title: tx('考核期', 'Period'), dataIndex: 'periodLabel', width: 100 },
    { title: tx('状态', 'State'), dataIndex: 'state', width: 90, render: (s: SubmissionState) => <StateTag state={s} /> },
    { title: tx('报送时间', 'Submitted'), dataIndex: 'submittedAt', width: 170, render: (d: string | null) => formatDateTime(d) || '—' },
    { title: tx('提示', 'Flags'), key: 'flags', render: (_, r) => <Space size={4}>
      {r.late && <Tag color="orange">{tx('迟报', 'late')}</Tag>}
      {r.missing > 0 && <Tag color="red">{tx(`缺${r.missing}项`, `${r.missing} missing`)}</Tag>}
      {r.returnedCount > 0 && <Tag>{tx(`退回${r.returnedCount}次`, `returned ×${r.returnedCount}`)}</Tag>}
    </Space> },
  ];
  return (
    <div className="page">
      <PageHeader title={tx('数据审核', 'Review')} subtitle={tx('先到先审；迟报、缺报和异常值已标出', 'Oldest first; late, missing and outlying values flagged')}
        extra={<Space>
          <Segmented<SubmissionState> value={state} onChange={setState} options={[{ value: 'submitted', label: tx('待审核', 'To review') }, { value: 'returned', label: tx('已退回', 'Returned') }, { value: 'approved', label: tx('已通过', 'Approved') }]} />
          <Select value={year} onChange={setYear} options={assessmentYears.map((y) => ({ value: y, label: tx(`${y}年度`, String(y)) }))} />
        </Space>} />
      {queue.error ? <LoadFailed error={queue.error} onRetry={() => void queue.reload()} />
        : <Table rowKey="id" columns={columns} dataSource={queue.data ?? []} loading={queue.loading} size="middle" pagination={{ pageSize: 30 }} />}
    </div>
  );
}

type Line = SubmissionView['lines'][number];

export function ReviewPage() {
  const tx = useText();
  const user = useUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { submissionId = '' } = useParams();
  const detail = useLoader(() => assessmentApi.reviewDetail(submissionId), [submissionId]);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  if (detail.error) return <div className="page"><LoadFailed error={detail.error} onRetry={() => void detail.reload()} /></div>;
  const v = detail.data;
  if (!v) return <div className="page"><Card loading /></div>;
  const canDecide = v.state === 'submitted' && !may.isReadOnly(user) && user.role !== 'unit_reporter';
  const decide = async (work: () => Promise<SubmissionView>, done: string) => {
    try { await work(); message.success(done); navigate('/assessment/review'); } catch (e) { message.error(e instanceof ApiError ? e.message : String(e)); await detail.reload(); }
  };
  const columns: TableColumnsType<Line> = [
    { title: tx('维度', 'Dimension'), dataIndex: 'dimension', width: 90 },
    { title: tx('指标', 'Indicator'), dataIndex: 'name' },
    { title: tx('目标值', 'Target'), dataIndex: 'target', width: 80, render: plain },
    { title: tx('上期值', 'Previous'), dataIndex: 'previous', width: 90, render: plain },
    { title: tx('本期值', 'Value'), dataIndex: 'value', width: 100, render: (x: number | null) => x === null ? <Tag color="red">{tx('缺报', 'missing')}</Tag> : plain(x) },
    { title: tx('指标截止', 'Due'), dataIndex: 'deadline', width: 170, render: (d: string, l) => <Space size={4}>{formatDay(d)}{l.late && <Tag color="orange" data-testid="late-value">{tx('迟报', 'late')}</Tag>}</Space> },
    { title: tx('变化', 'Change'), dataIndex: 'change', width: 90, render: (c: number | null) => c === null ? '—' : <span style={{ color: c > 0 ? '#389e0d' : c < 0 ? '#cf1322' : undefined }}>{c > 0 ? '+' : ''}{plain(c)}</span> },
    { title: tx('异常', 'Outlier'), dataIndex: 'outlier', width: 90, render: (o: Line['outlier']) => o ? <Tag color="volcano" data-testid="outlier">{o === 'high' ? tx('异常偏高', 'high') : tx('异常偏低', 'low')}</Tag> : '' },
    { title: tx('说明/材料', 'Note / evidence'), key: 'ev', render: (_, l) => <Space direction="vertical" size={0}>{l.note && <span>{l.note}</span>}{l.evidence.map((e) => <a key={e.id} href={assessmentApi.evidenceUrl(e.id)}>{e.fileName}</a>)}</Space> },
  ];
  return (
    <div className="page">
      <PageHeader title={`${v.unitName} · ${v.periodLabel}`} subtitle={<Space><StateTag state={v.state} />{formatDateTime(v.submittedAt)}{v.late && <Tag color="orange">{tx('迟报', 'Late')}</Tag>}</Space>}
        extra={canDecide && <Space>
          <Button danger onClick={() => setReturning(true)} data-testid="return">{tx('退回修改', 'Return')}</Button>
          <Button type="primary" onClick={() => void decide(() => assessmentApi.approve(v.id!, v.version), tx('已审核通过', 'Approved'))} data-testid="approve">{tx('审核通过', 'Approve')}</Button>
        </Space>} />
      <Alert type={v.flags.missing || v.flags.outliers || v.flags.late || v.flags.lateValues ? 'warning' : 'success'} showIcon style={{ marginBottom: 12 }} data-testid="flags"
        title={tx(`缺报 ${v.flags.missing} 项 · 异常值 ${v.flags.outliers} 项 · ${v.flags.late ? '逾期报送' : '按期报送'}${v.flags.lateValues ? ` · ${v.flags.lateValues} 项晚于指标截止日` : ''}`,
          `${v.flags.missing} missing · ${v.flags.outliers} outliers · ${v.flags.late ? 'late' : 'on time'}${v.flags.lateValues ? ` · ${v.flags.lateValues} after their own deadline` : ''}`)} />
      <Table rowKey="indicatorCode" columns={columns} dataSource={v.lines} pagination={false} size="small"
        rowClassName={(l) => (l.outlier ? 'row-flagged' : '')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{tx('异常值按考核引擎的偏度/峰度规则（与缩尾处理相同）在同类单位中识别。', 'Outliers: the engine’s skewness/kurtosis rule (as in winsorisation) among the category’s units.')}</Typography.Paragraph>
      <ComputedLines lines={v.computed} />
      <Modal open={returning} title={tx('退回修改', 'Return to the unit')} okText={tx('退回', 'Return')} okButtonProps={{ danger: true, disabled: comment.trim().length < 2, 'data-testid': 'confirm-return' } as never}
        onCancel={() => setReturning(false)} onOk={() => void decide(() => assessmentApi.returnToUnit(v.id!, v.version, comment.trim()), tx('已退回', 'Returned'))}>
        <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={tx('请写明需要修改的内容', 'What should the unit correct?')} data-testid="return-comment-input" />
      </Modal>
    </div>
  );
}
