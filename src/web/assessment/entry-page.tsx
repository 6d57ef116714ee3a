// 数据填报: one unit's values for one period — entered in the form, or by downloading the
// pre-filled Excel template and uploading it back; evidence per value; submit for review.
import { UploadOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, InputNumber, Input, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../api/api-error.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { assessmentApi, download, type SubmissionView } from './assessment-api.ts';
import { formatDay, plain, StateTag } from './assessment-text.tsx';
import { ComputedLines } from './computed-lines.tsx';

type Line = SubmissionView['lines'][number];
interface CellError { sheet: string; row: number; column: string; message: string }

export function EntryPage() {
  const tx = useText();
  const { message } = App.useApp();
  const { year = '', period = '', unitId = '' } = useParams();
  const loaded = useLoader(() => assessmentApi.submission(Number(year), period, unitId), [year, period, unitId]);
  const [view, setView] = useState<SubmissionView>();
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [uploadErrors, setUploadErrors] = useState<CellError[]>([]);

  const adopt = (v: SubmissionView) => {
    setView(v);
    setValues(Object.fromEntries(v.lines.map((l) => [l.indicatorCode, l.value])));
    setNotes(Object.fromEntries(v.lines.map((l) => [l.indicatorCode, l.note])));
  };
  useEffect(() => { if (loaded.data) adopt(loaded.data); }, [loaded.data]);
  if (loaded.error) return <div className="page"><LoadFailed error={loaded.error} onRetry={() => void loaded.reload()} /></div>;
  if (!view) return <div className="page"><PageHeader title={tx('数据填报', 'Report')} /><Card loading /></div>;

  const editable = view.state === 'draft' || view.state === 'returned';
  const act = async (work: () => Promise<SubmissionView>, done: string) => {
    setBusy(true);
    try { adopt(await work()); message.success(done); } catch (e) { message.error(e instanceof ApiError ? e.message : String(e)); } finally { setBusy(false); }
  };
  const save = () => act(() => assessmentApi.saveValues(view.year, view.period, view.unitId, view.version,
    view.lines.map((l) => ({ indicatorCode: l.indicatorCode, value: values[l.indicatorCode] ?? null, note: notes[l.indicatorCode] ?? '' }))), tx('已保存', 'Saved'));
  const submit = async () => {
    setBusy(true);
    try {
      const saved = await assessmentApi.saveValues(view.year, view.period, view.unitId, view.version,
        view.lines.map((l) => ({ indicatorCode: l.indicatorCode, value: values[l.indicatorCode] ?? null, note: notes[l.indicatorCode] ?? '' })));
      adopt(await assessmentApi.submit(saved.year, saved.period, saved.unitId, saved.version));
      message.success(tx('已报送，等待审核', 'Submitted for review'));
    } catch (e) { message.error(e instanceof ApiError ? e.message : String(e)); await loaded.reload(); } finally { setBusy(false); }
  };
  const upload = async (file: File) => {
    setUploadErrors([]);
    setBusy(true);
    try { adopt(await assessmentApi.upload(view.year, view.period, view.unitId, file)); message.success(tx('表格已导入', 'Workbook imported')); } catch (e) {
      if (e instanceof ApiError) { setUploadErrors(((e.details as { errors?: CellError[] } | undefined)?.errors) ?? []); message.error(e.message); }
    } finally { setBusy(false); }
    return false;
  };
  const attach = async (line: Line, file: File) => {
    if (!view.id) { message.warning(tx('请先保存再上传材料', 'Save first, then attach')); return false; }
    try { await assessmentApi.attachEvidence(view.id, line.indicatorCode, file); adopt(await assessmentApi.submission(view.year, view.period, view.unitId)); message.success(tx('材料已上传', 'Evidence attached')); } catch (e) { message.error(e instanceof ApiError ? e.message : String(e)); }
    return false;
  };

  const columns: TableColumnsType<Line> = [
    { title: tx('维度', 'Dimension'), dataIndex: 'dimension', width: 90 },
    { title: tx('指标', 'Indicator'), key: 'name', render: (_, l) => <Space direction="vertical" size={0}><span>{l.name}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.indicatorCode}{l.direction === -1 ? tx(' · 越低越好', ' · lower is better') : ''}</Typography.Text></Space> },
    { title: tx('单位', 'Unit'), dataIndex: 'unitOfMeasure', width: 60 },
    { title: tx('目标值', 'Target'), dataIndex: 'target', width: 80, render: plain },
    { title: tx('上期值', 'Previous'), dataIndex: 'previous', width: 90, render: plain },
    { title: tx('截止日期', 'Due'), dataIndex: 'deadline', width: 170, render: (d: string, l) => (
      <Space size={4} data-testid={`deadline-${l.indicatorCode}`}>{formatDay(d)}{l.late && <Tag color="orange">{tx('迟报', 'Late')}</Tag>}</Space>) },
    { title: tx('本期值', 'Value'), key: 'value', width: 150, render: (_, l) => editable
      ? <InputNumber data-testid={`value-${l.indicatorCode}`} style={{ width: 130 }} value={values[l.indicatorCode] ?? null} min={l.min ?? undefined} max={l.max ?? undefined}
        onChange={(v) => setValues((s) => ({ ...s, [l.indicatorCode]: typeof v === 'number' ? v : null }))} />
      : plain(l.value) },
    { title: tx('说明', 'Note'), key: 'note', width: 180, render: (_, l) => editable
      ? <Input size="small" value={notes[l.indicatorCode] ?? ''} maxLength={500} onChange={(e) => setNotes((s) => ({ ...s, [l.indicatorCode]: e.target.value }))} />
      : l.note || '—' },
    { title: tx('佐证材料', 'Evidence'), key: 'evidence', width: 170, render: (_, l) => (
      <Space direction="vertical" size={0}>
        {l.evidence.map((e) => <a key={e.id} href={assessmentApi.evidenceUrl(e.id)}><PaperClipOutlined /> {e.fileName}</a>)}
        {editable && <Upload showUploadList={false} beforeUpload={(f) => attach(l, f)} accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx"><Button size="small" type="link">{tx('上传', 'Attach')}</Button></Upload>}
      </Space>) },
  ];

  return (
    <div className="page">
      <PageHeader title={`${view.unitName} · ${view.year}${tx('年', '')} ${view.periodLabel}`}
        subtitle={<Space>{view.kind === 'month' && <Tag color="blue" data-testid="monthly-report">{tx('月度填报', 'Monthly report')}</Tag>}{tx('截止', 'Deadline')} {formatDay(view.deadline)} <StateTag state={view.state} />{view.late && <Tag color="orange">{tx('迟报', 'Late')}</Tag>}</Space>}
        extra={<Space className="no-print">
          <Button icon={<DownloadOutlined />} onClick={() => download(assessmentApi.templateUrl(view.year, view.period, view.unitId))} data-testid="download-template">{tx('下载Excel模板', 'Excel template')}</Button>
          {editable && <Upload showUploadList={false} beforeUpload={(f) => upload(f)} accept=".xlsx"><Button icon={<UploadOutlined />} loading={busy} data-testid="upload-workbook">{tx('上传Excel', 'Upload Excel')}</Button></Upload>}
        </Space>} />
      {view.state === 'returned' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="return-comment" title={tx('审核退回：', 'Returned: ') + view.reviewComment} />}
      {uploadErrors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={tx('表格未导入，请修改以下单元格：', 'Nothing imported; fix these cells:')}
        description={<ul style={{ margin: 0 }}>{uploadErrors.slice(0, 20).map((e) => <li key={`${e.sheet}${e.row}${e.column}`}>{`${e.sheet} ${e.column}${e.row}：${e.message}`}</li>)}</ul>} />}
      <Table rowKey="indicatorCode" columns={columns} dataSource={view.lines} pagination={false} size="small" />
      <ComputedLines lines={view.computed} />
      {editable && <Space style={{ marginTop: 16 }} className="no-print">
        <Button onClick={() => void save()} loading={busy} data-testid="save">{tx('保存草稿', 'Save draft')}</Button>
        <Button type="primary" onClick={() => void submit()} loading={busy} data-testid="submit">{tx('报送审核', 'Submit for review')}</Button>
      </Space>}
    </div>
  );
}
