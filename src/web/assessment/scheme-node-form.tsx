// The form of one node of a category's indicator tree: code and parent (moving it), name, weight,
// and for an indicator its direction, unit, target, scoring method with every parameter, data
// source, frequency (monthly ones: how the months make a period's value), its own due day, the
// range a reported value must lie in and the description (说明).
import { Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { SchemeContent, SchemeNode } from '../../core/scheme/scheme.ts';
import { useText } from '../shell/use-text.ts';
import { codeProblem, nodePath, type Problems } from './scheme-checks.ts';
import { methodSummary } from './scheme-method-catalogue.ts';
import { MethodFields } from './scheme-methods.tsx';

/** A text committed on blur or Enter, after its own check: a code is renamed once, not letter by letter. */
export function CommitInput({ value, check, onCommit, disabled, testId, width = 160 }: {
  value: string; check: (text: string) => string | undefined; onCommit: (text: string) => void; disabled?: boolean; testId?: string; width?: number;
}) {
  const [text, setText] = useState(value);
  const [local, setLocal] = useState<string>();
  useEffect(() => { setText(value); setLocal(undefined); }, [value]);
  const commit = () => {
    const t = text.trim();
    if (t === value) { setLocal(undefined); return; }
    const problem = check(t);
    setLocal(problem);
    if (!problem) onCommit(t);
  };
  return (
    <>
      <Input style={{ width }} status={local ? 'error' : undefined} disabled={disabled} value={text} data-testid={testId}
        onChange={(e) => { setText(e.target.value); setLocal(undefined); }} onBlur={commit} onPressEnter={commit} />
      {local && <div className="ant-form-item-explain-error" style={{ maxWidth: width + 120 }}>{local}</div>}
    </>
  );
}

interface NodeFormProps {
  content: SchemeContent;
  categoryIndex: number;
  code: string;
  disabled: boolean;
  problems: Problems;
  onPatch: (patch: Partial<SchemeNode>) => void;
  onRename: (code: string) => void;
  onMove: (parent: string | null) => void;
}

export function NodeForm({ content, categoryIndex, code, disabled, problems, onPatch, onRename, onMove }: NodeFormProps) {
  const tx = useText();
  const nodes = content.categories[categoryIndex]!.nodes;
  const ni = nodes.findIndex((n) => n.code === code);
  const node = nodes[ni]!;
  const at = nodePath(categoryIndex, ni);
  const err = (k: string) => problems.at(`${at}.${k}`);
  const field = (k: string, label: string, control: React.ReactNode, extra?: React.ReactNode) => (
    <Form.Item label={label} validateStatus={err(k) ? 'error' : undefined} help={err(k)} extra={extra} style={{ marginBottom: 10 }}>{control}</Form.Item>
  );
  const indicator = node.kind === 'indicator';
  // A node may move under any dimension that is not itself or below it; a dimension also to the top.
  const below = new Set([node.code]);
  for (let grew = true; grew;) { grew = false; for (const n of nodes) if (n.parent && below.has(n.parent) && !below.has(n.code)) { below.add(n.code); grew = true; } }
  const parents = [
    ...(indicator ? [] : [{ value: '', label: tx('（顶层维度）', '(top level)') }]),
    ...nodes.filter((n) => n.kind === 'dimension' && !below.has(n.code)).map((n) => ({ value: n.code, label: `${n.name}（${n.code}）` })),
  ];
  const siblings = nodes.filter((n) => n.parent === node.parent);
  const siblingTotal = siblings.reduce((a, n) => a + (Number.isFinite(n.weight) ? n.weight : 0), 0);
  const share = siblingTotal > 0 && Number.isFinite(node.weight) ? `${tx('占同级', 'share among siblings')} ${((node.weight / siblingTotal) * 100).toFixed(1)}%` : undefined;
  const checkCode = (c: string) => codeProblem(c, tx) ?? (nodes.some((n) => n.code === c)
    ? tx(`代码 ${c} 已被“${nodes.find((n) => n.code === c)!.name}”使用，请换一个`, `${c} is taken by “${nodes.find((n) => n.code === c)!.name}”; choose another`) : undefined);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  return (
    <Card size="small" className="section-card" data-testid="node-form"
      title={`${node.name} · ${indicator ? tx('指标', 'Indicator') : tx('维度', 'Dimension')}`}>
      <Form layout="vertical" disabled={disabled} size="small">
        <Space wrap align="start" size={[12, 0]}>
          {field('code', tx('代码', 'Code'), <CommitInput value={node.code} check={checkCode} onCommit={onRename} disabled={disabled} testId="node-code" />,
            tx('下级和已填数据按代码对应', 'children and data follow the code'))}
          {field('parent', tx('上级维度', 'Parent dimension'), <Select style={{ width: 220 }} value={node.parent ?? ''} options={parents} data-testid="node-parent"
            onChange={(p: string) => onMove(p === '' ? null : p)} />)}
        </Space>
        {field('name', tx('名称', 'Name'), <Input value={node.name} onChange={(e) => onPatch({ name: e.target.value })} data-testid="node-name" />)}
        {field('weight', tx('权重（同级之间按比例）', 'Weight (relative to siblings)'),
          <InputNumber min={0} value={num(node.weight)} onChange={(v) => onPatch({ weight: num(v) ?? (undefined as never) })} data-testid="node-weight" />, share)}
        {indicator && <>
          <Space wrap align="start" size={[12, 0]}>
            {field('direction', tx('方向', 'Direction'), <Select style={{ width: 160 }} value={node.direction ?? 1} onChange={(d) => onPatch({ direction: d })}
              options={[{ value: 1, label: tx('正向（越高越好）', 'higher better') }, { value: -1, label: tx('逆向（越低越好）', 'lower better') }]} />)}
            {field('unitOfMeasure', tx('计量单位', 'Unit'), <Input style={{ width: 80 }} value={node.unitOfMeasure ?? ''} onChange={(e) => onPatch({ unitOfMeasure: e.target.value || undefined })} />)}
            {field('target', tx('目标值', 'Target'), <InputNumber value={num(node.target)} onChange={(v) => onPatch({ target: num(v) })} data-testid="node-target" />)}
          </Space>
          <div className="method-box">
            <MethodFields value={node.method} disabled={disabled} testId="node-method"
              inheritLabel={tx(`按方案默认（${methodSummary(content.defaultMethod, tx)}）`, `Scheme default (${methodSummary(content.defaultMethod, tx)})`)}
              errorOf={(k) => (k === 'method' ? err('method') : err(`method.${k}`))} onChange={(m) => onPatch({ method: m })} />
          </div>
          <Space wrap align="start" size={[12, 0]}>
            {field('dataSource', tx('数据来源', 'Source'), <Select style={{ width: 130 }} value={node.dataSource ?? 'unit'} onChange={(d) => onPatch({ dataSource: d })} options={[
              { value: 'unit', label: tx('单位填报', 'unit') }, { value: 'statistics', label: tx('统计局', 'statistics') }, { value: 'raters', label: tx('考评打分', 'raters') },
              { value: 'requests', label: tx('接诉即办', 'requests') }, { value: 'supervision', label: tx('督查督办', 'supervision') }]} />)}
            {field('frequency', tx('频次', 'Frequency'), <Select style={{ width: 100 }} value={node.frequency ?? 'quarterly'} data-testid="node-frequency"
              onChange={(f) => onPatch(f === 'monthly' ? { frequency: f } : { frequency: f, aggregate: undefined })}
              options={[{ value: 'monthly', label: tx('按月', 'monthly') }, { value: 'quarterly', label: tx('按季', 'quarterly') }, { value: 'yearly', label: tx('按年', 'yearly') }]} />)}
            {(node.frequency === 'monthly' || node.aggregate !== undefined) && field('aggregate', tx('考核期取值', 'Period value'),
              <Select style={{ width: 140 }} value={node.aggregate ?? 'mean'} data-testid="node-aggregate" onChange={(a) => onPatch({ aggregate: a })}
                options={[{ value: 'mean', label: tx('各月平均', 'mean of months') }, { value: 'sum', label: tx('各月合计', 'sum of months') }, { value: 'last', label: tx('最近一月', 'latest month') }]} />,
              tx('按期内已审核的各月值', 'from the approved months of the period'))}
            {(node.dataSource !== 'requests' || node.dueDay !== undefined) && field('dueDay', tx('截止日（次月几日）', 'Due day (of the next month)'),
              <InputNumber min={1} max={28} precision={0} style={{ width: 110 }} value={num(node.dueDay)} placeholder={tx('按期截止', 'period’s')} data-testid="node-due-day"
                onChange={(v) => onPatch({ dueDay: num(v) ?? undefined })} />)}
            {field('min', tx('最小值', 'Min'), <InputNumber value={num(node.min)} onChange={(v) => onPatch({ min: num(v) })} />)}
            {field('max', tx('最大值', 'Max'), <InputNumber value={num(node.max)} onChange={(v) => onPatch({ max: num(v) })} />)}
          </Space>
        </>}
        {field('description', tx('说明', 'Description'), <Input.TextArea rows={2} maxLength={500} value={node.description ?? ''} onChange={(e) => onPatch({ description: e.target.value || undefined })} />)}
        {!indicator && <Typography.Text type="secondary">{tx(`下级 ${nodes.filter((n) => n.parent === node.code).length} 项`, `${nodes.filter((n) => n.parent === node.code).length} children`)}</Typography.Text>}
      </Form>
    </Card>
  );
}
