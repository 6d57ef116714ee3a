// 批量导入诉求: the hotline centre (and admin) imports requests taken elsewhere — another system,
// a paper log — from the Excel template or a CSV file with its header. All or nothing: a refused
// file lists every problem by sheet, row and column, and nothing is imported.
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Result, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { importHeaders, importMaxBytes, importMaxRows } from '../../core/requests/request-import.ts';
import { isApiError } from '../api/api-error.ts';
import { download } from '../api/files.ts';
import { useUser } from '../auth/session-context.tsx';
import { formatNumber } from '../shell/format.ts';
import { PageHeader } from '../shell/page-header.tsx';
import { inLanguage, useText } from '../shell/use-text.ts';
import { requestsApi, type ImportProblem, type ImportResult } from './requests-api.ts';

type Outcome =
  | { kind: 'imported'; fileName: string; result: ImportResult }
  | { kind: 'refused'; fileName: string; status: number; message: string; problems: ImportProblem[] };

export function RequestImportPage() {
  const tx = useText();
  const user = useUser();
  const [sent, setSent] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const mayImport = user.role === 'hotline_centre' || user.role === 'admin';

  const start = async (file: File) => {
    setOutcome(null);
    setSent(0);
    try {
      const result = await requestsApi.importFile(file, setSent);
      setOutcome({ kind: 'imported', fileName: file.name, result });
    } catch (error) {
      const details = isApiError(error) ? (error.details as { errors?: ImportProblem[] } | undefined) : undefined;
      setOutcome({
        kind: 'refused', fileName: file.name, status: isApiError(error) ? error.status : 0,
        message: error instanceof Error ? error.message : String(error), problems: details?.errors ?? [],
      });
    } finally {
      setSent(null);
    }
    return false;
  };

  if (!mayImport) {
    return (
      <div className="page">
        <Result status="403" title={tx('没有导入权限', 'Not permitted to import')} subTitle={tx('批量导入诉求由 12345 热线中心和系统管理员办理。', 'Requests are imported by the 12345 hotline centre and the system administrator.')} />
      </div>
    );
  }

  const problemColumns: TableColumnsType<ImportProblem> = [
    { title: tx('工作表', 'Sheet'), dataIndex: 'sheet', width: 100 },
    { title: tx('行', 'Row'), dataIndex: 'row', width: 70, align: 'right' },
    // The letter as Excel shows it, and the header the template gives that column.
    { title: tx('列', 'Column'), dataIndex: 'column', width: 150, render: (c: string) => (c ? <Space size={6}><span className="mono">{c}</span><Typography.Text type="secondary">{headerOf(c)}</Typography.Text></Space> : '—') },
    { title: tx('单元格内容', 'Cell holds'), dataIndex: 'value', width: 220, ellipsis: { showTitle: true }, render: (v?: string) => v || '—' },
    { title: tx('问题', 'Problem'), dataIndex: 'message', render: (m: string) => inLanguage(m, tx) },
  ];
  const importedColumns: TableColumnsType<ImportResult['requests'][number]> = [
    { title: tx('行', 'Row'), dataIndex: 'row', width: 70, align: 'right' },
    { title: tx('诉求编号', 'Request code'), dataIndex: 'code', render: (code: string, r) => <Link to={`/requests/${r.id}`} className="mono">{code}</Link> },
    { title: tx('疑似重复', 'Likely duplicate of'), dataIndex: 'duplicateOf', render: (code: string | null) => (code ? <Tag color="orange" className="mono">{code}</Tag> : '—') },
  ];

  return (
    <div className="page">
      <PageHeader
        title={tx('批量导入诉求', 'Import requests')}
        subtitle={tx('导入在其他系统或纸质台账中受理的诉求；导入后与电话受理的诉求一样派单、计时和回访。', 'Requests taken in another system or on paper; once imported they are dispatched, timed and called back like any other.')}
        extra={<Link to="/requests">{tx('返回诉求工单', 'Back to requests')}</Link>}
      />
      <Card size="small" className="section-card" title={tx('第一步：下载模板并填写', 'Step 1: download the template and fill it in')}>
        <Space direction="vertical" size={8} style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {tx(
              `每行一件诉求，最多 ${formatNumber(importMaxRows)} 行。诉求类别可填代码或名称，受理时间按北京时间填写（如 2026-03-02 09:30），经纬度选填。模板中的“填写说明”“类别”“街道乡镇”工作表列出了可填的内容。`,
              `One request per row, at most ${formatNumber(importMaxRows)} rows. The category may be its code or name; the time is Beijing time (e.g. 2026-03-02 09:30); coordinates are optional. The template's sheets list what may be entered.`,
            )}
          </Typography.Paragraph>
          <Button icon={<DownloadOutlined />} onClick={() => download(requestsApi.importTemplateUrl)} data-testid="request-import-template">
            {tx('下载导入模板（.xlsx）', 'Download the template (.xlsx)')}
          </Button>
        </Space>
      </Card>
      <Card size="small" className="section-card" title={tx('第二步：上传文件', 'Step 2: upload the file')}>
        <Upload.Dragger accept=".xlsx,.csv" multiple={false} showUploadList={false} disabled={sent !== null} beforeUpload={(f) => start(f)} data-testid="request-import-upload">
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{tx('点击或拖入填好的模板（.xlsx）或 CSV 文件', 'Click or drop the filled template (.xlsx) or a CSV file')}</p>
          <p className="ant-upload-hint">
            {tx(
              `文件不超过 ${importMaxBytes / 1024 / 1024} MB；CSV 首行须为模板表头，UTF-8 或 GBK 编码均可。任何一格有误，整个文件都不会导入。`,
              `At most ${importMaxBytes / 1024 / 1024} MB; a CSV starts with the template's header row, in UTF-8 or GBK. One wrong cell and nothing in the file is imported.`,
            )}
          </p>
        </Upload.Dragger>
        {sent !== null && <Progress percent={Math.round(sent * 100)} status="active" format={(p) => (p === 100 ? tx('检查并导入中…', 'Checking and importing…') : tx(`上传 ${p}%`, `Uploading ${p}%`))} />}
      </Card>

      {outcome?.kind === 'refused' && (
        <Card size="small" className="section-card" data-testid="request-import-refused"
          title={<Space><Typography.Text type="danger">{tx('未导入', 'Not imported')}</Typography.Text><Typography.Text type="secondary">{outcome.fileName}</Typography.Text></Space>}>
          <Alert type="error" showIcon style={{ marginBottom: outcome.problems.length ? 12 : 0 }}
            title={outcome.problems.length
              ? tx(`文件中有 ${formatNumber(outcome.problems.length)} 处问题，未导入任何诉求。请按下表修改后重新上传。`, `${formatNumber(outcome.problems.length)} problems in the file; nothing was imported. Correct them as listed and upload again.`)
              : inLanguage(outcome.message, tx)}
            description={outcome.problems.length ? undefined : refusalHint(outcome.status, tx)} />
          {outcome.problems.length > 0 && (
            <Table<ImportProblem> size="small" bordered rowKey={(p) => `${p.sheet}!${p.column}${p.row}:${p.message}`} columns={problemColumns}
              dataSource={outcome.problems} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} data-testid="request-import-errors" />
          )}
        </Card>
      )}

      {outcome?.kind === 'imported' && (
        <Card size="small" className="section-card" data-testid="request-import-done"
          title={<Space><Typography.Text type="success">{tx('已导入', 'Imported')}</Typography.Text><Typography.Text type="secondary">{outcome.fileName}</Typography.Text></Space>}
          extra={<Link to="/requests?status=received">{tx('去派单', 'Go to dispatch')}</Link>}>
          <Alert type="success" showIcon style={{ marginBottom: 12 }}
            title={tx(`已导入 ${formatNumber(outcome.result.imported)} 件诉求，状态为“已受理”，待派单。`, `${formatNumber(outcome.result.imported)} requests imported, received and waiting to be dispatched.`)}
            description={outcome.result.duplicates > 0
              ? tx(`其中 ${formatNumber(outcome.result.duplicates)} 件与未办结的诉求疑似重复，派单前请核实。`, `${formatNumber(outcome.result.duplicates)} of them look like duplicates of open requests: check before dispatching.`)
              : undefined} />
          <Table size="small" bordered rowKey="id" columns={importedColumns} dataSource={outcome.result.requests} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} />
        </Card>
      )}
    </div>
  );
}

const headerOf = (column: string): string => (/^[A-Z]$/.test(column) ? importHeaders[column.charCodeAt(0) - 65] ?? '' : '');

/** What to do about a refusal that names no cell. */
function refusalHint(status: number, tx: (zh: string, en: string) => string): string | undefined {
  if (status === 415) return tx('请上传下载的 .xlsx 模板，或另存为 CSV（逗号分隔）后上传。', 'Upload the downloaded .xlsx template, or save it as CSV (comma separated).');
  if (status === 413) return tx('请把诉求分成几个文件分别导入。', 'Split the requests into several files.');
  if (status === 409) return tx('同一文件不会重复导入；如需补充，请只上传新增的诉求。', 'A file is imported once; to add more, upload only the new requests.');
  if (status === 422) return tx('请下载最新模板，在“诉求”工作表中填写后上传。', 'Download the template and fill in its 诉求 sheet.');
  return undefined;
}
