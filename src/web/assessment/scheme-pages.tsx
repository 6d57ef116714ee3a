// 考核方案: the versions of each year's scheme, and the editor of a draft — per category the
// indicator tree (scheme-tree.tsx) and a node's form (scheme-node-form.tsx), and the scheme-wide
// settings (scheme-settings.tsx). Every field is checked as it is edited (scheme-checks.ts) and
// the server's refusals are shown on their fields. A published version is read-only; changing it
// starts a new version with a reason.
import { Alert, App, Button, Card, Col, Descriptions, Input, Row, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { SchemeContent, SchemeNode } from '../../core/scheme/scheme.ts';
import { ApiError } from '../api/api-error.ts';
import { useUser } from '../auth/session-context.tsx';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { inLanguage, useText } from '../shell/use-text.ts';
import { assessmentApi, download, type SchemeSummary, type SchemeView } from './assessment-api.ts';
import { formatDay } from './assessment-text.tsx';
import { firstPerPath, formProblems, nodePath, Problems, problemsOfError, touches, type Problem } from './scheme-checks.ts';
import { methodSummary } from './scheme-method-catalogue.ts';
import { NodeForm } from './scheme-node-form.tsx';
import { SchemeSettings } from './scheme-settings.tsx';
import { moveNode, renameNode, SchemeTreeCard } from './scheme-tree.tsx';
import './assessment.css';

const statusColor = { draft: 'gold', published: 'green', superseded: 'default' } as const;

export function SchemesPage() {
  const tx = useText();
  const user = useUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const list = useLoader(() => assessmentApi.schemes(), []);
  const office = user.role === 'admin' || user.role === 'assessment_office';
  const importFile = async (file: File) => {
    try {
      if (file.name.endsWith('.xlsx')) {
        const created = await assessmentApi.importSchemeExcel(file);
        message.success(tx('已导入为草稿', 'Imported as a draft'));
        navigate(`/assessment/schemes/${created.id}`);
        return false;
      }
      const parsed = JSON.parse(await file.text()) as { year: number; name: string; content: unknown };
      const created = await assessmentApi.createScheme({ year: parsed.year, name: parsed.name, content: parsed.content });
      message.success(tx('已导入为草稿', 'Imported as a draft'));
      navigate(`/assessment/schemes/${created.id}`);
    } catch (e) { message.error(e instanceof ApiError ? e.message : tx('不是有效的方案文件', 'Not a scheme file')); }
    return false;
  };
  return (
    <div className="page">
      <PageHeader title={tx('考核方案', 'Schemes')} subtitle={tx('每年一个方案；发布后冻结，修改即生成新版本并记录理由', 'One per year; frozen once published; a change is a new version with its reason')}
        extra={office && <Upload showUploadList={false} accept=".json,.xlsx" beforeUpload={(f) => importFile(f)}><Button>{tx('导入方案(Excel/JSON)', 'Import Excel/JSON')}</Button></Upload>} />
      {list.error ? <LoadFailed error={list.error} onRetry={() => void list.reload()} /> : (
        <Table<SchemeSummary> rowKey="id" loading={list.loading} dataSource={list.data ?? []} pagination={false} columns={[
          { title: tx('年度', 'Year'), dataIndex: 'year', width: 80 },
          { title: tx('方案', 'Scheme'), dataIndex: 'name', render: (n: string, s) => <Link to={`/assessment/schemes/${s.id}`}>{n}</Link> },
          { title: tx('版本', 'Version'), dataIndex: 'schemeVersion', width: 70, render: (v: number) => tx(`第${v}版`, `v${v}`) },
          { title: tx('状态', 'Status'), dataIndex: 'status', width: 90, render: (s: SchemeSummary['status']) => <Tag color={statusColor[s]}>{{ draft: tx('草稿', 'draft'), published: tx('已发布', 'published'), superseded: tx('已被替代', 'superseded') }[s]}</Tag> },
          { title: tx('修订理由', 'Reason'), dataIndex: 'reason', render: (r: string) => r || '—' },
          { title: tx('发布时间', 'Published'), dataIndex: 'publishedAt', width: 170, render: (d: string | null) => formatDateTime(d) || '—' },
        ]} />
      )}
    </div>
  );
}

const problemLimit = 8;

export function SchemePage() {
  const tx = useText();
  const user = useUser();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { schemeId = '' } = useParams();
  const loaded = useLoader(() => assessmentApi.scheme(schemeId), [schemeId]);
  const [scheme, setScheme] = useState<SchemeView>();
  const [content, setContent] = useState<SchemeContent>();
  const [name, setName] = useState('');
  const [tab, setTab] = useState('0');
  const [selected, setSelected] = useState<string>();
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  /** What the server refused at the last save, until the field is changed. */
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const show = (s: SchemeView) => { setScheme(s); setContent(structuredClone(s.content)); setName(s.name); setDirty(false); setServerProblems([]); };
  useEffect(() => { if (loaded.data) show(loaded.data); }, [loaded.data]);
  if (loaded.error) return <div className="page"><LoadFailed error={loaded.error} onRetry={() => void loaded.reload()} /></div>;
  if (!scheme || !content) return <div className="page"><Card loading /></div>;
  const office = user.role === 'admin' || user.role === 'assessment_office';
  const editable = scheme.status === 'draft' && office;
  const ci = tab === 'settings' ? -1 : Number(tab);
  const nameProblem = !name.trim() ? tx('请填写方案名称', 'Enter the scheme’s name') : name.trim().length > 100 ? tx('方案名称最多 100 个字', 'At most 100 characters') : undefined;
  const own = editable ? [...formProblems(content, tx), ...(nameProblem ? [{ path: 'name', message: nameProblem }] : [])] : [];
  const problems = new Problems(firstPerPath([...own, ...serverProblems]));

  const change = (next: SchemeContent, changed: string[]) => {
    setContent(next);
    setDirty(true);
    setServerProblems((list) => list.filter((p) => !touches(p.path, changed)));
  };
  const patchNode = (code: string, patch: Partial<SchemeNode>) => {
    const next = structuredClone(content);
    const ni = next.categories[ci]!.nodes.findIndex((x) => x.code === code);
    const n = next.categories[ci]!.nodes[ni]!;
    Object.assign(n, patch);
    for (const k of Object.keys(patch) as (keyof SchemeNode)[]) if (patch[k] === undefined) delete n[k];
    change(next, Object.keys(patch).map((k) => `${nodePath(ci, ni)}.${k}`));
  };
  const save = async () => {
    if (problems.list.length) { message.error(tx(`还有 ${problems.list.length} 处需要修改，见页面上方的列表`, `${problems.list.length} problem(s) to fix first; see the list above`)); return; }
    setSaving(true);
    try {
      show(await assessmentApi.updateScheme(scheme.id, { ...(name.trim() !== scheme.name ? { name: name.trim() } : {}), content, version: scheme.version }));
      message.success(tx('已保存', 'Saved'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        modal.confirm({ title: inLanguage(e.message, tx), content: tx('重新载入会放弃本页未保存的修改。', 'Reloading drops the changes not saved here.'), okText: tx('重新载入', 'Reload'), onOk: () => loaded.reload() });
      } else {
        setServerProblems(problemsOfError(e, tx));
        message.error(e instanceof ApiError ? inLanguage(e.message, tx) : String(e));
      }
    } finally { setSaving(false); }
  };
  const act = async (work: () => Promise<SchemeView>, done: string, go = false) => {
    try { const s = await work(); message.success(done); if (go) navigate(`/assessment/schemes/${s.id}`); else show(s); } catch (e) { message.error(e instanceof ApiError ? inLanguage(e.message, tx) : String(e)); }
  };
  const ask = (title: string, placeholder: string, then: (text: string) => void) => {
    let text = '';
    modal.confirm({ title, content: <Input.TextArea rows={3} placeholder={placeholder} onChange={(e) => { text = e.target.value; }} />, onOk: () => then(text) });
  };
  /** Where a problem is, and a link that opens it. */
  const place = (path: string) => {
    const m = /^categories\[(\d+)\](?:\.nodes\[(\d+)\])?/.exec(path);
    const c = m ? content.categories[Number(m[1])] : undefined;
    if (!m || !c) return { label: tx('方案设置', 'Settings'), open: () => setTab('settings') };
    const n = m[2] === undefined ? undefined : c.nodes[Number(m[2])];
    return { label: n ? `${c.name} · ${n.name}${tx(`（${n.code}）`, ` (${n.code})`)}` : c.name, open: () => { setTab(m[1]!); setSelected(n?.code); } };
  };
  const countIn = (prefix: string) => problems.under(prefix).length;
  const settingsCount = problems.list.filter((p) => !p.path.startsWith('categories')).length;
  const total = content.periods.reduce((a, p) => a + (Number.isFinite(p.weight) ? p.weight : 0), 0) || 1;
  const badge = (n: number) => (n > 0 ? <Tag color="red" style={{ marginInlineStart: 6 }}>{n}</Tag> : null);
  return (
    <div className="page">
      <PageHeader title={name || scheme.name} subtitle={<Space><Tag color={statusColor[scheme.status]}>{tx(`第${scheme.schemeVersion}版`, `v${scheme.schemeVersion}`)}</Tag>{scheme.reason}{editable && dirty && <Tag color="orange">{tx('有未保存的修改', 'unsaved changes')}</Tag>}</Space>}
        extra={<Space wrap className="no-print">
          <Button onClick={() => download(assessmentApi.schemeExcelUrl(scheme.id))}>{tx('导出Excel', 'Export Excel')}</Button>
          <Button onClick={() => download(assessmentApi.schemeExportUrl(scheme.id))}>{tx('导出JSON', 'Export JSON')}</Button>
          {editable && <Button disabled={!dirty} loading={saving} data-testid="save-scheme" onClick={() => void save()}>{tx('保存', 'Save')}</Button>}
          {editable && <Button type="primary" disabled={dirty || problems.list.length > 0} onClick={() => void act(() => assessmentApi.publishScheme(scheme.id, scheme.version), tx('已发布', 'Published'))}>{tx('发布', 'Publish')}</Button>}
          {office && scheme.status !== 'draft' && <Button onClick={() => ask(tx('修订理由', 'Reason for the change'), tx('例如：根据市考核办通知调整权重', 'e.g. weights changed by the city'), (r) => void act(() => assessmentApi.reviseScheme(scheme.id, scheme.version, r), tx('已生成新版本草稿', 'New draft version'), true))}>{tx('修订（新版本）', 'Revise')}</Button>}
          {office && <Button onClick={() => void act(() => assessmentApi.copyScheme(scheme.id, scheme.year + 1), tx('已复制为下一年度草稿', 'Copied to next year'), true)}>{tx(`复制为${scheme.year + 1}年方案`, `Copy to ${scheme.year + 1}`)}</Button>}
        </Space>} />
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }} items={[
        { key: 'p', label: tx('考核期与权重', 'Periods'), children: content.periods.map((p) => tx(`${p.label} ${Math.round((p.weight / total) * 1000) / 10}%（${p.deadline ? formatDay(p.deadline) : '—'}截止）`, `${p.label} ${Math.round((p.weight / total) * 1000) / 10}% (due ${p.deadline || '—'})`)).join(tx('；', '; ')) },
        { key: 'v', label: tx('一票否决事项', 'Veto items'), children: content.vetoItems.map((v) => v.name).join(tx('、', ', ')) || '—' },
        { key: 'a', label: tx('加减分上限', 'Caps'), children: tx(`加分≤${content.adjustment.bonusCap ?? '不限'}，扣分≤${content.adjustment.penaltyCap ?? '不限'}`, `bonus ≤ ${content.adjustment.bonusCap ?? '∞'}, penalty ≤ ${content.adjustment.penaltyCap ?? '∞'}`) },
        { key: 't', label: tx('等次', 'Tiers'), children: content.tiers?.bands.map((b) => ('share' in b && b.share !== undefined ? `${b.name} ${Math.round(b.share * 1000) / 10}%` : 'min' in b && b.min !== undefined ? `${b.name} ≥${b.min}` : b.name)).join(tx('，', ', ')) ?? '—' },
        { key: 'm', label: tx('默认计分方法', 'Default method'), children: methodSummary(content.defaultMethod, tx) },
        { key: 'x', label: tx('缺失数据', 'Missing values'), children: content.missingValue === 'worst' ? tx('按本类别最差值计', 'worst value of the category') : tx('不参与计算', 'left out') },
      ]} />
      {problems.list.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="scheme-problems"
        title={tx(`保存前还有 ${problems.list.length} 处需要修改`, `${problems.list.length} problem(s) to fix before saving`)}
        description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.list.slice(0, problemLimit).map((p) => {
          const where = place(p.path);
          return <li key={p.path}><Typography.Link onClick={where.open}>{where.label}</Typography.Link>{tx('：', ': ')}{p.message}</li>;
        })}{problems.list.length > problemLimit && <li>{tx(`另有 ${problems.list.length - problemLimit} 处`, `${problems.list.length - problemLimit} more`)}</li>}</ul>} />}
      <Tabs activeKey={tab} onChange={(k) => { setTab(k); setSelected(undefined); }} items={[
        ...content.categories.map((c, i) => ({ key: String(i), label: <span>{`${c.name}（${c.nodes.filter((n) => n.kind === 'indicator').length}${tx('项指标', ' indicators')}）`}{badge(countIn(`categories[${i}]`))}</span> })),
        { key: 'settings', label: <span data-testid="tab-settings">{tx('方案设置', 'Settings')}{badge(settingsCount)}</span> },
      ]} />
      {tab === 'settings'
        ? <SchemeSettings content={content} name={name} editable={editable} problems={problems} onChange={change}
          onName={(n) => { setName(n); setDirty(true); setServerProblems((l) => l.filter((p) => p.path !== 'name')); }} />
        : <Row gutter={16}>
          <Col xs={24} lg={12}>
            <SchemeTreeCard content={content} categoryIndex={ci} selected={selected} onSelect={setSelected} editable={editable} problems={problems} onChange={change} />
          </Col>
          <Col xs={24} lg={12}>
            {selected && content.categories[ci]!.nodes.some((n) => n.code === selected)
              ? <NodeForm key={`${ci}-${selected}`} content={content} categoryIndex={ci} code={selected} disabled={!editable} problems={problems}
                onPatch={(p) => patchNode(selected, p)}
                onRename={(to) => { change(renameNode(content, ci, selected, to), [`categories[${ci}]`]); setSelected(to); }}
                onMove={(parent) => change(moveNode(content, ci, selected, parent), [`categories[${ci}]`])} />
              : <Card size="small"><Typography.Text type="secondary">{tx('选择左侧的维度或指标查看和编辑', 'Select a node to see and edit it')}</Typography.Text></Card>}
          </Col>
        </Row>}
    </div>
  );
}
