// 批量导入与加减分: the office imports values for every unit from one workbook (with progress), and
// sees the year's bonus, penalty and veto entries with their approval state, withdrawing one found
// wrong (an approved one leaves the drafts of its period stale). The statistics bureau
// (a reporter of the unit the year's scheme names as its statistics source) imports its own
// indicators here too, for the years the server says it may; it sees no adjustments.
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import { useUser } from '../auth/session-context.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { inLanguage, useText } from '../shell/use-text.ts';
import { assessmentApi, download, type AdjustmentView, type ImportJob } from './assessment-api.ts';
import { score2 } from './assessment-text.tsx';
import { assessmentYears } from './due-page.tsx';

export function ImportPage() {
  const tx = useText();
  const user = useUser();
  const office = user.role === 'admin' || user.role === 'assessment_office';
  const { message } = App.useApp();
  const access = useLoader(() => assessmentApi.importAccess(), [office]);
  const years = access.data?.years ?? [];
  const [year, setYear] = useState(assessmentYears[0]!);
  useEffect(() => { if (years.length && !years.includes(year)) setYear(years[0]!); }, [years, year]);
  const [period, setPeriod] = useState('Y');
  const codes = access.data?.periods[year]?.map((p) => p.code);
  useEffect(() => { if (codes?.length && !codes.includes(period)) setPeriod(codes.at(-1)!); }, [codes?.join(), period]);
  const [sent, setSent] = useState<number | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
  /** A refusal before the job starts: a frozen (published) period, or no right to import. */
  const [refused, setRefused] = useState<{ title: string; detail: string } | null>(null);
  const start = async (file: File) => {
    setJob(null);
    setRefused(null);
    try {
      let current = await assessmentApi.startImport(year, period, file, setSent);
      setSent(null);
      setJob(current);
      while (current.status === 'running') {
        await new Promise((r) => setTimeout(r, 300));
        current = await assessmentApi.importJob(current.id);
        setJob(current);
      }
    } catch (e) {
      setSent(null);
      if (e instanceof ApiError && e.status === 409) {
        setRefused({ title: tx('该考核期的结果已发布，数据已冻结，不能导入', 'This period’s result is published: its data are frozen and cannot be imported'),
          detail: `${inLanguage(e.message, tx)}${tx('。请选择尚未发布结果的考核期；确需更正已发布的数据，请联系考核办。', '. Choose a period whose result is not yet published; to correct published data, contact the assessment office.')}` });
      } else if (e instanceof ApiError && e.status === 403) {
        setRefused({ title: tx('没有导入权限', 'Not permitted to import'), detail: inLanguage(e.message, tx) });
      } else message.error(e instanceof ApiError ? inLanguage(e.message, tx) : String(e));
    }
    return false;
  };
  const share = job && job.total ? Math.round((job.done / job.total) * 100) : 0;
  // The year's periods as its scheme has them, months too when it has monthly indicators.
  const yearPeriods = access.data?.periods[year] ?? [];
  const periods = yearPeriods.map((p) => ({ value: p.code, label: tx(p.label, periodInEnglish(p.code)) }));
  const isMonth = yearPeriods.find((p) => p.code === period)?.kind === 'month';
  return (
    <div className="page">
      <PageHeader title={office ? tx('批量导入与加减分', 'Import & adjustments') : tx('统计数据批量导入', 'Statistics import')}
        subtitle={office ? undefined : tx('为所有单位导入数据来源为统计局的指标；模板只含这些指标', 'Imports the indicators supplied by the statistics bureau, for every unit; the template holds only those')}
        extra={<Space>
          <Select value={year} onChange={(y) => { setYear(y); setRefused(null); }} options={(years.length ? years : [year]).map((y) => ({ value: y, label: tx(`${y}年度`, String(y)) }))} data-testid="import-year" />
          <Select value={period} onChange={(p) => { setPeriod(p); setRefused(null); }} options={periods} data-testid="import-period" />
        </Space>} />
      {!office && !access.loading && years.length === 0 && <Alert type="info" showIcon style={{ marginBottom: 12 }}
        title={tx('没有可导入的年度：本单位不是已发布考核方案指定的统计数据来源单位', 'No year to import: your unit is not the statistics source of a published scheme')} />}
      <Card size="small" className="section-card" title={office ? tx('统计局/考评数据批量导入', 'Bulk import') : tx('批量导入', 'Bulk import')}>
        <Space>
          <Button onClick={() => download(assessmentApi.importTemplateUrl(year, period))} data-testid="import-template">{tx('下载导入模板', 'Template')}</Button>
          <Upload showUploadList={false} accept=".xlsx" beforeUpload={(f) => start(f)}><Button type="primary" data-testid="import-upload">{tx('上传并导入', 'Upload and import')}</Button></Upload>
        </Space>
        {refused && <Alert type="error" showIcon style={{ marginTop: 12 }} title={refused.title} description={refused.detail} data-testid="import-refused" />}
        {sent !== null && <Progress percent={Math.round(sent * 100)} status="active" format={(p) => tx(`上传 ${p}%`, `upload ${p}%`)} />}
        {job && <div style={{ marginTop: 12 }}>
          <Progress percent={job.status === 'done' ? 100 : share} status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'} />
          <Alert type={job.status === 'failed' ? 'error' : job.status === 'done' ? 'success' : 'info'} showIcon title={inLanguage(job.message, tx)} data-testid="import-job"
            description={job.errors.length ? <ul style={{ margin: 0 }}>{job.errors.slice(0, 15).map((e) => <li key={`${e.sheet}${e.row}${e.column}`}>{`${e.sheet} ${e.column}${e.row}：${e.message}`}</li>)}</ul> : undefined} />
        </div>}
      </Card>
      {office && !isMonth && <Adjustments year={year} period={period} />}
      {office && isMonth && <Alert type="info" showIcon title={tx('加减分与一票否决按考核期登记：请选择季度或全年', 'Bonus, penalty and veto entries belong to assessment periods: choose a quarter or the year')} />}
    </div>
  );
}

/** The year's bonus, penalty and veto entries: the office proposes, someone else decides. */
function Adjustments({ year, period }: { year: number; period: string }) {
  const tx = useText();
  const user = useUser();
  const { message } = App.useApp();
  const adjustments = useLoader(() => assessmentApi.adjustments(year), [year]);
  return (
    <Card size="small" className="section-card" style={{ marginTop: 12 }} title={tx('加分、扣分与一票否决事项', 'Bonus, penalty and veto entries')}
      extra={<ProposeAdjustment year={year} period={period} onDone={() => void adjustments.reload()} />}>
      <Table<AdjustmentView> size="small" rowKey="id" loading={adjustments.loading} dataSource={adjustments.data ?? []} pagination={false} columns={[
        { title: tx('单位', 'Unit'), dataIndex: 'unitName' },
        { title: tx('期', 'Period'), dataIndex: 'period', width: 70 },
        { title: tx('类别', 'Kind'), dataIndex: 'kind', width: 80, render: (k: string) => ({ bonus: <Tag color="green">{tx('加分', 'bonus')}</Tag>, penalty: <Tag color="orange">{tx('扣分', 'penalty')}</Tag>, veto: <Tag color="black">{tx('否决', 'veto')}</Tag> } as Record<string, React.ReactNode>)[k] },
        { title: tx('分值', 'Points'), dataIndex: 'points', width: 70, render: score2 },
        { title: tx('事由', 'Reason'), dataIndex: 'reason' },
        { title: tx('材料', 'Evidence'), key: 'ev', render: (_, a) => <Space direction="vertical" size={0}>
          {a.evidence.map((e) => <a key={e.id} href={assessmentApi.evidenceUrl(e.id)}>{e.fileName}</a>)}
          {a.state === 'pending' && <Upload showUploadList={false} accept=".pdf,.png,.jpg,.jpeg,.doc,.docx" beforeUpload={(f) => { void assessmentApi.attachAdjustmentEvidence(a.id, f).then(() => adjustments.reload(), (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e))); return false; }}><Button size="small" type="link">{tx('上传材料', 'Attach')}</Button></Upload>}
        </Space> },
        { title: tx('状态', 'State'), dataIndex: 'state', width: 200, render: (s: string, a) => <Space size={4} wrap>
          {s === 'pending' && a.proposedBy !== user.id
            ? <>
              <Button size="small" type="primary" onClick={() => void assessmentApi.decideAdjustment(a.id, 'approve', a.version).then(() => adjustments.reload(), (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e)))}>{tx('审定通过', 'Approve')}</Button>
              <Button size="small" danger onClick={() => void assessmentApi.decideAdjustment(a.id, 'reject', a.version).then(() => adjustments.reload(), (e: unknown) => message.error(e instanceof ApiError ? e.message : String(e)))}>{tx('不予认定', 'Reject')}</Button>
            </>
            : ({ pending: tx('待他人审定', 'awaiting another approver'), approved: tx('已审定', 'approved'), rejected: tx('未通过', 'rejected'), withdrawn: tx('已撤销', 'withdrawn') } as Record<string, string>)[s]}
          {(s === 'pending' || s === 'approved') && <WithdrawAdjustment adjustment={a} onDone={() => void adjustments.reload()} />}
          {s === 'withdrawn' && a.decisionComment && <Tag>{a.decisionComment}</Tag>}
        </Space> },
      ]} />
    </Card>
  );
}

/** Withdraws an entry found wrong, with a reason; refused once its period's result is published. */
function WithdrawAdjustment({ adjustment, onDone }: { adjustment: AdjustmentView; onDone: () => void }) {
  const tx = useText();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = async () => {
    try {
      await assessmentApi.withdrawAdjustment(adjustment.id, adjustment.version, reason.trim());
      message.success(adjustment.state === 'approved' ? tx('已撤销；相关期次的草稿结果需重新计算', 'Withdrawn; drafts of its period need recomputing') : tx('已撤销', 'Withdrawn'));
      setOpen(false);
      onDone();
    } catch (e) { message.error(e instanceof ApiError ? e.message : String(e)); }
  };
  return (
    <>
      <Button size="small" type="link" danger onClick={() => setOpen(true)} data-testid={`withdraw-${adjustment.id}`}>{tx('撤销', 'Withdraw')}</Button>
      <Modal open={open} title={tx('撤销加扣分事项', 'Withdraw the entry')} okText={tx('撤销', 'Withdraw')} okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onCancel={() => setOpen(false)} onOk={() => void submit()}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={tx('请写明撤销原因', 'Why is it withdrawn?')} />
      </Modal>
    </>
  );
}

/** Proposes a bonus, penalty or veto entry; another person approves it once evidence is attached. */
function ProposeAdjustment({ year, period, onDone }: { year: number; period: string; onDone: () => void }) {
  const tx = useText();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ unitId: string; kind: 'bonus' | 'penalty' | 'veto'; item: string; points: number; reason: string }>();
  const unitList = useLoader(() => api.units.list({ limit: 500 }), []);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await assessmentApi.proposeAdjustment({ year, period, ...v, points: v.kind === 'veto' ? 0 : v.points });
      message.success(tx('已登记，请上传材料后由他人审定', 'Registered; attach evidence, then another person approves'));
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (e) { message.error(e instanceof ApiError ? e.message : String(e)); }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>{tx('登记事项', 'New entry')}</Button>
      <Modal open={open} title={tx('登记加分、扣分或否决事项', 'New bonus, penalty or veto entry')} onCancel={() => setOpen(false)} onOk={() => void submit()}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'bonus', points: 1 }}>
          <Form.Item name="unitId" label={tx('单位', 'Unit')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={(unitList.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Space>
            <Form.Item name="kind" label={tx('类别', 'Kind')}><Select style={{ width: 120 }} options={[{ value: 'bonus', label: tx('加分', 'bonus') }, { value: 'penalty', label: tx('扣分', 'penalty') }, { value: 'veto', label: tx('一票否决', 'veto') }]} /></Form.Item>
            <Form.Item name="item" label={tx('事项代码', 'Item')} rules={[{ required: true }]}><Input style={{ width: 140 }} placeholder="award / safety" /></Form.Item>
            <Form.Item name="points" label={tx('分值', 'Points')}><InputNumber min={0} max={100} step={0.5} /></Form.Item>
          </Space>
          <Form.Item name="reason" label={tx('事由', 'Reason')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** English names of the usual period codes (Q1, H1, Q1-3, Y, M01…M12); other codes as they are. */
function periodInEnglish(code: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const month = /^M(0[1-9]|1[0-2])$/.exec(code);
  if (month) return months[Number(month[1]) - 1]!;
  return ({ Q1: 'Q1', H1: 'H1', 'Q1-3': 'Q1–Q3', Y: 'Year' } as Record<string, string>)[code] ?? code;
}
