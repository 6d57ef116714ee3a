// 考核方案: the versions of each year's scheme, and the tree editor of a draft — dimensions and
// indicators per category with weight, direction, target, scoring method, data source and
// frequency. A published version is read-only; changing it starts a new version with a reason.
import { App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tabs, Tag, Tree, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { schemeProblems, type SchemeContent, type SchemeNode } from '../../core/scheme/scheme.ts';
import { ApiError } from '../api/api-error.ts';
import { useUser } from '../auth/session-context.tsx';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { assessmentApi, download, type SchemeSummary, type SchemeView } from './assessment-api.ts';
import { formatDay } from './assessment-text.tsx';

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

const methodOptions = [
  { value: '', label: '按方案默认' }, { value: 'efficacy', label: '功效系数法' }, { value: 'targetCompletion', label: '目标完成度' },
  { value: 'rankPoints', label: '排名赋分' }, { value: 'minmax', label: '极差标准化' }, { value: 'none', label: '原值' },
];
const methodLabel = (n: SchemeNode) => methodOptions.find((m) => m.value === (n.method?.method ?? ''))?.label ?? '';

export function SchemePage() {
  const tx = useText();
  const user = useUser();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const { schemeId = '' } = useParams();
  const loaded = useLoader(() => assessmentApi.scheme(schemeId), [schemeId]);
  const [scheme, setScheme] = useState<SchemeView>();
  const [content, setContent] = useState<SchemeContent>();
  const [category, setCategory] = useState(0);
  const [selected, setSelected] = useState<string>();
  const [dirty, setDirty] = useState(false);
  useEffect(() => { if (loaded.data) { setScheme(loaded.data); setContent(structuredClone(loaded.data.content)); setDirty(false); } }, [loaded.data]);
  if (loaded.error) return <div className="page"><LoadFailed error={loaded.error} onRetry={() => void loaded.reload()} /></div>;
  if (!scheme || !content) return <div className="page"><Card loading /></div>;
  const editable = scheme.status === 'draft' && (user.role === 'admin' || user.role === 'assessment_office');
  const office = user.role === 'admin' || user.role === 'assessment_office';
  const cat = content.categories[category]!;
  const node = cat.nodes.find((n) => n.code === selected);
  const change = (next: SchemeContent) => { setContent(next); setDirty(true); };
  const patchNode = (code: string, patch: Partial<SchemeNode>) => {
    const next = structuredClone(content);
    const n = next.categories[category]!.nodes.find((x) => x.code === code)!;
    Object.assign(n, patch);
    for (const k of Object.keys(patch) as (keyof SchemeNode)[]) if (patch[k] === undefined) delete n[k];
    change(next);
  };
  const addNode = (kind: 'dimension' | 'indicator') => {
    const next = structuredClone(content);
    const nodes = next.categories[category]!.nodes;
    let i = nodes.length + 1;
    while (nodes.some((n) => n.code === `${cat.categoryCode}-N${i}`)) i++;
    const parent = kind === 'dimension' ? null : (node?.kind === 'dimension' ? node.code : node?.parent ?? null);
    if (kind === 'indicator' && !parent) { message.warning(tx('请先选择一个维度', 'Select a dimension first')); return; }
    nodes.push({ code: `${cat.categoryCode}-N${i}`, name: kind === 'dimension' ? tx('新维度', 'New dimension') : tx('新指标', 'New indicator'), parent, kind, weight: 10, ...(kind === 'indicator' ? { direction: 1 as const, dataSource: 'unit' as const, frequency: 'quarterly' as const } : {}) });
    change(next);
    setSelected(`${cat.categoryCode}-N${i}`);
  };
  const removeNode = () => {
    if (!node) return;
    const next = structuredClone(content);
    const drop = new Set([node.code]);
    for (let grew = true; grew;) { grew = false; for (const n of next.categories[category]!.nodes) if (n.parent && drop.has(n.parent) && !drop.has(n.code)) { drop.add(n.code); grew = true; } }
    next.categories[category]!.nodes = next.categories[category]!.nodes.filter((n) => !drop.has(n.code));
    change(next);
    setSelected(undefined);
  };
  const problems = schemeProblems(content);
  const act = async (work: () => Promise<SchemeView>, done: string, go = false) => {
    try { const s = await work(); message.success(done); if (go) navigate(`/assessment/schemes/${s.id}`); else { setScheme(s); setContent(structuredClone(s.content)); setDirty(false); } } catch (e) { message.error(e instanceof ApiError ? e.message : String(e)); }
  };
  const ask = (title: string, placeholder: string, then: (text: string) => void) => {
    let text = '';
    modal.confirm({ title, content: <Input.TextArea rows={3} placeholder={placeholder} onChange={(e) => { text = e.target.value; }} />, onOk: () => then(text) });
  };
  const treeData = (parent: string | null): { key: string; title: React.ReactNode; children: unknown[] }[] => cat.nodes.filter((n) => n.parent === parent).map((n) => ({
    key: n.code,
    title: <Space size={4}><span>{n.name}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.code} · {tx('权重', 'w')} {n.weight}{n.kind === 'indicator' ? ` · ${methodLabel(n)}${n.direction === -1 ? tx(' · 逆向', ' · lower better') : ''}` : ''}</Typography.Text></Space>,
    children: treeData(n.code),
  }));
  return (
    <div className="page">
      <PageHeader title={scheme.name} subtitle={<Space><Tag color={statusColor[scheme.status]}>{tx(`第${scheme.schemeVersion}版`, `v${scheme.schemeVersion}`)}</Tag>{scheme.reason}</Space>}
        extra={<Space wrap className="no-print">
          <Button onClick={() => download(assessmentApi.schemeExcelUrl(scheme.id))}>{tx('导出Excel', 'Export Excel')}</Button>
          <Button onClick={() => download(assessmentApi.schemeExportUrl(scheme.id))}>{tx('导出JSON', 'Export JSON')}</Button>
          {editable && <Button disabled={!dirty || problems.length > 0} data-testid="save-scheme" onClick={() => void act(() => assessmentApi.updateScheme(scheme.id, { content, version: scheme.version }), tx('已保存', 'Saved'))}>{tx('保存', 'Save')}</Button>}
          {editable && <Button type="primary" disabled={dirty} onClick={() => void act(() => assessmentApi.publishScheme(scheme.id, scheme.version), tx('已发布', 'Published'))}>{tx('发布', 'Publish')}</Button>}
          {office && scheme.status !== 'draft' && <Button onClick={() => ask(tx('修订理由', 'Reason for the change'), tx('例如：根据市考核办通知调整权重', 'e.g. weights changed by the city'), (r) => void act(() => assessmentApi.reviseScheme(scheme.id, scheme.version, r), tx('已生成新版本草稿', 'New draft version'), true))}>{tx('修订（新版本）', 'Revise')}</Button>}
          {office && <Button onClick={() => void act(() => assessmentApi.copyScheme(scheme.id, scheme.year + 1), tx('已复制为下一年度草稿', 'Copied to next year'), true)}>{tx(`复制为${scheme.year + 1}年方案`, `Copy to ${scheme.year + 1}`)}</Button>}
        </Space>} />
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 12 }} items={[
        { key: 'p', label: tx('考核期与权重', 'Periods'), children: content.periods.map((p) => `${p.label} ${Math.round(p.weight * 100)}%（${formatDay(p.deadline)}截止）`).join('；') },
        { key: 'v', label: tx('一票否决事项', 'Veto items'), children: content.vetoItems.map((v) => v.name).join('、') || '—' },
        { key: 'a', label: tx('加减分上限', 'Caps'), children: tx(`加分≤${content.adjustment.bonusCap ?? '不限'}，扣分≤${content.adjustment.penaltyCap ?? '不限'}`, `bonus ≤ ${content.adjustment.bonusCap ?? '∞'}, penalty ≤ ${content.adjustment.penaltyCap ?? '∞'}`) },
        { key: 't', label: tx('等次', 'Tiers'), children: content.tiers?.bands.map((b) => ('share' in b && b.share !== undefined ? `${b.name} ${Math.round(b.share * 100)}%` : b.name)).join('，') ?? '—' },
      ]} />
      {problems.length > 0 && <Typography.Paragraph type="danger">{problems.slice(0, 3).map((p) => p.message).join('；')}</Typography.Paragraph>}
      <Tabs activeKey={String(category)} onChange={(k) => { setCategory(Number(k)); setSelected(undefined); }} items={content.categories.map((c, i) => ({ key: String(i), label: `${c.name}（${c.nodes.filter((n) => n.kind === 'indicator').length}${tx('项指标', ' indicators')}）` }))} />
      <Row gutter={16}>
        <Col xs={24} lg={13}>
          <Card size="small" className="section-card" extra={editable && <Space><Button size="small" onClick={() => addNode('dimension')}>{tx('添加维度', 'Dimension')}</Button><Button size="small" onClick={() => addNode('indicator')} data-testid="add-indicator">{tx('添加指标', 'Indicator')}</Button><Button size="small" danger disabled={!node} onClick={removeNode}>{tx('删除', 'Delete')}</Button></Space>}>
            <Tree defaultExpandAll key={`${category}-${cat.nodes.length}`} treeData={treeData(null) as never} selectedKeys={selected ? [selected] : []} onSelect={(k) => setSelected(k[0] as string | undefined)} data-testid="scheme-tree" />
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          {node ? <NodeForm key={node.code} node={node} disabled={!editable} onChange={(p) => patchNode(node.code, p)} /> : <Card size="small"><Typography.Text type="secondary">{tx('选择左侧的维度或指标查看和编辑', 'Select a node to see and edit it')}</Typography.Text></Card>}
        </Col>
      </Row>
    </div>
  );
}

function NodeForm({ node, disabled, onChange }: { node: SchemeNode; disabled: boolean; onChange: (patch: Partial<SchemeNode>) => void }) {
  const tx = useText();
  const indicator = node.kind === 'indicator';
  const setMethod = (m: string) => onChange({ method: m === '' ? undefined : m === 'efficacy' ? { method: 'efficacy', base: 60, span: 40, cap: true } : m === 'targetCompletion' ? { method: 'targetCompletion', fullMarks: 100, cap: 1 } : m === 'rankPoints' ? { method: 'rankPoints', fullMarks: 100, step: 1, floor: 0 } : m === 'minmax' ? { method: 'minmax', range: [0, 100] } : { method: 'none' } });
  return (
    <Card size="small" className="section-card" title={`${node.code} · ${indicator ? tx('指标', 'Indicator') : tx('维度', 'Dimension')}`}>
      <Form layout="vertical" disabled={disabled} size="small">
        <Form.Item label={tx('名称', 'Name')}><Input value={node.name} onChange={(e) => onChange({ name: e.target.value })} data-testid="node-name" /></Form.Item>
        <Form.Item label={tx('权重（同级之间按比例）', 'Weight (relative to siblings)')}><InputNumber min={0} value={node.weight} onChange={(v) => onChange({ weight: typeof v === 'number' ? v : 0 })} data-testid="node-weight" /></Form.Item>
        {indicator && <>
          <Space wrap>
            <Form.Item label={tx('方向', 'Direction')}><Select style={{ width: 160 }} value={node.direction ?? 1} onChange={(d) => onChange({ direction: d })} options={[{ value: 1, label: tx('正向（越高越好）', 'higher better') }, { value: -1, label: tx('逆向（越低越好）', 'lower better') }]} /></Form.Item>
            <Form.Item label={tx('计量单位', 'Unit')}><Input style={{ width: 80 }} value={node.unitOfMeasure ?? ''} onChange={(e) => onChange({ unitOfMeasure: e.target.value })} /></Form.Item>
            <Form.Item label={tx('目标值', 'Target')}><InputNumber value={node.target ?? null} onChange={(v) => onChange({ target: typeof v === 'number' ? v : null })} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item label={tx('计分方法', 'Method')}><Select style={{ width: 140 }} value={node.method?.method ?? ''} onChange={setMethod} options={methodOptions} /></Form.Item>
            <Form.Item label={tx('数据来源', 'Source')}><Select style={{ width: 120 }} value={node.dataSource ?? 'unit'} onChange={(d) => onChange({ dataSource: d })} options={[{ value: 'unit', label: tx('单位填报', 'unit') }, { value: 'statistics', label: tx('统计局', 'statistics') }, { value: 'raters', label: tx('考评打分', 'raters') }, { value: 'requests', label: tx('接诉即办', 'requests') }, { value: 'supervision', label: tx('督查督办', 'supervision') }]} /></Form.Item>
            <Form.Item label={tx('频次', 'Frequency')}><Select style={{ width: 100 }} value={node.frequency ?? 'quarterly'} onChange={(f) => onChange({ frequency: f })} options={[{ value: 'quarterly', label: tx('按季', 'quarterly') }, { value: 'yearly', label: tx('按年', 'yearly') }]} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item label={tx('最小值', 'Min')}><InputNumber value={node.min ?? null} onChange={(v) => onChange({ min: typeof v === 'number' ? v : null })} /></Form.Item>
            <Form.Item label={tx('最大值', 'Max')}><InputNumber value={node.max ?? null} onChange={(v) => onChange({ max: typeof v === 'number' ? v : null })} /></Form.Item>
          </Space>
        </>}
      </Form>
    </Card>
  );
}

