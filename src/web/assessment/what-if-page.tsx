// 权重模拟 (what-if): the office moves dimension weights or the scoring method and sees ranks move
// at once, computed in the browser by the very engine the server uses, on the result's own inputs.
// Nothing is saved: a decision becomes a new scheme version.
import { Alert, Button, Card, Col, Row, Select, Slider, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { NormaliseSettings } from '../../core/assessment/spec.ts';
import { evaluateRun, type CategoryOutcome } from '../../core/scheme/round-outcome.ts';
import type { CategoryRun } from '../../core/scheme/scheme-pipeline.ts';
import { totalCode } from '../../core/scheme/scheme-pipeline.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { assessmentApi } from './assessment-api.ts';
import { rankRange, score2, TierTag } from './assessment-text.tsx';
import { useCategoryNames } from './results-page.tsx';

const methods: Record<string, NormaliseSettings | null> = {
  scheme: null,
  efficacy6040: { method: 'efficacy', base: 60, span: 40, cap: true },
  efficacy4060: { method: 'efficacy', base: 40, span: 60, cap: true },
  minmax: { method: 'minmax', range: [0, 100] },
  rankPoints: { method: 'rankPoints', fullMarks: 100, step: 1, floor: 0 },
};

/** The run with changed weights of the total's parts and, optionally, another global scoring method. */
function changedRun(run: CategoryRun, weights: Record<string, number>, method: string): CategoryRun {
  const tree = run.input.tree.map((n) => (n.parent === totalCode && weights[n.code] !== undefined ? { ...n, weight: weights[n.code]! } : n));
  const chosen = methods[method];
  const spec = chosen ? { ...run.spec, steps: run.spec.steps.map((s) => (s.step === 'normalise' ? { ...s, global: chosen } : s)) } : run.spec;
  return { ...run, input: { ...run.input, tree }, spec };
}

export function WhatIfPage() {
  const tx = useText();
  const { resultId = '' } = useParams();
  const snapshot = useLoader(() => assessmentApi.snapshot(resultId), [resultId]);
  const categoryName = useCategoryNames();
  const [category, setCategory] = useState<string>();
  const run = snapshot.data?.runs.find((r) => r.categoryCode === category) ?? snapshot.data?.runs[0];
  if (snapshot.error) return <div className="page"><LoadFailed error={snapshot.error} onRetry={() => void snapshot.reload()} /></div>;
  if (!snapshot.data || !run) return <div className="page"><Card loading /></div>;
  return (
    <div className="page">
      <PageHeader title={tx('权重模拟', 'What-if')} subtitle={`${snapshot.data.label} · ${tx('在浏览器中用同一计算引擎实时计算，不保存', 'computed live in the browser by the same engine; nothing is saved')}`} />
      <Tabs activeKey={run.categoryCode} onChange={setCategory} items={snapshot.data.runs.map((r) => ({ key: r.categoryCode, label: categoryName(r.categoryCode) }))} />
      <WhatIfCategory key={run.categoryCode} run={run} isYear={snapshot.data.round === 'YEAR'} />
    </div>
  );
}

function WhatIfCategory({ run, isYear }: { run: CategoryRun; isYear: boolean }) {
  const tx = useText();
  const parts = run.input.tree.filter((n) => n.parent === totalCode);
  const initial = Object.fromEntries(parts.map((p) => [p.code, p.weight]));
  const [weights, setWeights] = useState<Record<string, number>>(initial);
  const [method, setMethod] = useState('scheme');
  const [intervals, setIntervals] = useState<CategoryOutcome | null>(null);
  const baseline = useMemo(() => evaluateRun(run, { uncertaintyRuns: 0 }), [run]);
  const what = useMemo(() => {
    try { return { outcome: evaluateRun(changedRun(run, weights, method), { uncertaintyRuns: 0 }), error: null }; } catch (e) { return { outcome: null, error: e instanceof Error ? e.message : String(e) }; }
  }, [run, weights, method]);
  const before = new Map(baseline.units.map((u) => [u.unit, u]));
  const moved = what.outcome?.units.filter((u) => u.rank !== before.get(u.unit)?.rank).length ?? 0;
  const span = intervals ? new Map(intervals.units.map((u) => [u.unit, u.interval])) : null;
  const total = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={8}>
        <Card size="small" className="section-card" title={isYear ? tx('各期权重', 'Period weights') : tx('维度权重', 'Dimension weights')}>
          {parts.map((p) => (
            <div key={p.code} style={{ marginBottom: 8 }}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }}><span>{p.name ?? p.code}</span><Typography.Text type="secondary">{((weights[p.code]! / total) * 100).toFixed(1)}%</Typography.Text></Space>
              <div data-testid={`weight-${p.code}`}><Slider min={0} max={isYear ? 1 : 50} step={isYear ? 0.01 : 1} value={weights[p.code]} onChange={(v) => { setWeights((w) => ({ ...w, [p.code]: v })); setIntervals(null); }} /></div>
            </div>
          ))}
          {!isYear && <Space direction="vertical" style={{ width: '100%' }}>
            <span>{tx('计分方法（未单独指定方法的指标）', 'Scoring method (indicators without their own)')}</span>
            <Select style={{ width: '100%' }} value={method} onChange={(m) => { setMethod(m); setIntervals(null); }} options={[
              { value: 'scheme', label: tx('按方案', 'As in the scheme') }, { value: 'efficacy6040', label: tx('功效系数法 60+40', 'Efficacy 60+40') },
              { value: 'efficacy4060', label: tx('功效系数法 40+60', 'Efficacy 40+60') }, { value: 'minmax', label: tx('极差标准化 0–100', 'Min-max 0–100') }, { value: 'rankPoints', label: tx('排名赋分', 'Rank points') }]} />
          </Space>}
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => { setWeights(initial); setMethod('scheme'); setIntervals(null); }}>{tx('恢复方案权重', 'Reset')}</Button>
            <Button type="primary" data-testid="run-intervals" onClick={() => { try { setIntervals(evaluateRun(changedRun(run, weights, method), { uncertaintyRuns: 200 })); } catch { setIntervals(null); } }}>{tx('计算名次区间', 'Rank intervals')}</Button>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        {what.error ? <Alert type="error" showIcon title={what.error} /> : <Alert type={moved ? 'warning' : 'success'} showIcon style={{ marginBottom: 8 }} data-testid="what-if-summary"
          title={tx(`${moved} 个单位名次变化`, `${moved} unit(s) change rank`)} />}
        <Table size="small" rowKey="unit" pagination={false} dataSource={what.outcome?.units ?? []} columns={[
          { title: tx('模拟名次', 'New rank'), dataIndex: 'rank', width: 80 },
          { title: tx('单位', 'Unit'), dataIndex: 'name' },
          { title: tx('原名次', 'Rank'), key: 'was', width: 70, render: (_, u) => before.get(u.unit)?.rank ?? '—' },
          { title: tx('变化', 'Move'), key: 'move', width: 70, render: (_, u) => { const d = (before.get(u.unit)?.rank ?? 0) - (u.rank ?? 0); return d === 0 ? '—' : <Tag color={d > 0 ? 'green' : 'red'}>{d > 0 ? `↑${d}` : `↓${-d}`}</Tag>; } },
          { title: tx('模拟得分', 'Score'), dataIndex: 'score', width: 90, render: score2 },
          { title: tx('等次', 'Tier'), dataIndex: 'tier', width: 90, render: (t: string | null) => <TierTag tier={t} /> },
          { title: tx('名次区间', 'Interval'), key: 'iv', width: 90, render: (_, u) => { const iv = span?.get(u.unit); return iv ? rankRange(iv) : '—'; } },
        ]} />
      </Col>
    </Row>
  );
}
