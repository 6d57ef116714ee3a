// 权重模拟 (what-if): the office moves dimension and indicator weights or the scoring method and
// sees ranks move at once, computed in the browser by the very engine the server uses, on the
// result's own inputs; each unit's rank interval (the uncertainty analysis, with the result's runs
// and seed) follows when the inputs rest. Nothing is saved: a decision becomes a new scheme version.
import { CaretDownOutlined, CaretRightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Row, Select, Slider, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import type { TreeNode } from '../../core/assessment/model.ts';
import type { NormaliseSettings } from '../../core/assessment/spec.ts';
import { evaluateRun, type CategoryOutcome } from '../../core/scheme/round-outcome.ts';
import type { CategoryRun } from '../../core/scheme/scheme-pipeline.ts';
import { totalCode } from '../../core/scheme/scheme-pipeline.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { assessmentApi, type RoundSnapshot } from './assessment-api.ts';
import { plain1, rankRange, score2, TierTag } from './assessment-text.tsx';
import { useCategoryNames } from './results-page.tsx';
import { defaultsOf, methodCatalogue, methodName, type Tx } from './scheme-method-catalogue.ts';

/** The methods offered: the engine's, with their usual parameters; not those that need a parameter only a scheme can give (a reference unit, goalposts). */
function methodOptions(tx: Tx): { value: string; label: string; settings: NormaliseSettings | null }[] {
  return [
    { value: 'scheme', label: tx('按方案', 'As in the scheme'), settings: null },
    { value: 'efficacy4060', label: tx('功效系数法 40+60', 'Efficacy 40+60'), settings: { method: 'efficacy', base: 40, span: 60, cap: true } },
    ...methodCatalogue.filter((m) => m.key !== 'distToRef' && m.key !== 'goalposts').map((m) => ({
      value: m.key, label: m.key === 'efficacy' ? tx('功效系数法 60+40', 'Efficacy 60+40') : methodName(m.key, tx), settings: defaultsOf(m.key),
    })),
  ];
}

/** The run with changed node weights and, optionally, another scoring method for the indicators without their own (or for all). */
function changedRun(run: CategoryRun, weights: Record<string, number>, method: NormaliseSettings | null, everyIndicator: boolean): CategoryRun {
  const tree = run.input.tree.map((n) => (weights[n.code] !== undefined && weights[n.code] !== n.weight ? { ...n, weight: weights[n.code]! } : n));
  const spec = method
    ? { ...run.spec, steps: run.spec.steps.map((s) => (s.step === 'normalise' ? { ...s, global: method, ...(everyIndicator ? { indicators: {} } : {}) } : s)) }
    : run.spec;
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
      <WhatIfCategory key={run.categoryCode} run={run} isYear={snapshot.data.round === 'YEAR'} uncertainty={snapshot.data.uncertainty} />
    </div>
  );
}

type Intervals = { state: 'computing' } | { state: 'done'; outcome: CategoryOutcome } | { state: 'failed'; error: string };

function WhatIfCategory({ run, isYear, uncertainty }: { run: CategoryRun; isYear: boolean; uncertainty: RoundSnapshot['uncertainty'] }) {
  const tx = useText();
  const nodes = run.input.tree.filter((n) => n.parent !== null);
  const initial = useMemo(() => Object.fromEntries(run.input.tree.filter((n) => n.parent !== null).map((n) => [n.code, n.weight])), [run]);
  const [weights, setWeights] = useState<Record<string, number>>(initial);
  const [method, setMethod] = useState('scheme');
  const [everyIndicator, setEveryIndicator] = useState(false);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [intervals, setIntervals] = useState<Intervals>({ state: 'computing' });
  const options = methodOptions(tx);
  const chosen = options.find((o) => o.value === method)?.settings ?? null;
  const baseline = useMemo(() => evaluateRun(run, { uncertaintyRuns: 0 }), [run]);
  const changed = useMemo(() => changedRun(run, weights, chosen, everyIndicator), [run, weights, method, everyIndicator]); // eslint-disable-line react-hooks/exhaustive-deps
  const what = useMemo(() => {
    try { return { outcome: evaluateRun(changed, { uncertaintyRuns: 0 }), error: null }; } catch (e) { return { outcome: null, error: e instanceof Error ? e.message : String(e) }; }
  }, [changed]);
  // Rank intervals: the result's Monte Carlo runs and seed, once the sliders rest; a failure is shown, never swallowed.
  useEffect(() => {
    if (what.error) return undefined;
    setIntervals({ state: 'computing' });
    const timer = setTimeout(() => {
      // With a method tried here, the runs keep it and vary the weights; otherwise as the result was computed.
      const options = { uncertaintyRuns: uncertainty.runs, seed: uncertainty.seed, keepMethods: chosen !== null };
      try { setIntervals({ state: 'done', outcome: evaluateRun(changed, options) }); } catch (e) {
        setIntervals({ state: 'failed', error: e instanceof Error ? e.message : String(e) });
      }
    }, 350);
    return () => clearTimeout(timer);
  }, [changed, what.error, uncertainty.runs, uncertainty.seed]); // eslint-disable-line react-hooks/exhaustive-deps -- chosen is part of changed

  const before = new Map(baseline.units.map((u) => [u.unit, u]));
  const moved = what.outcome?.units.filter((u) => u.rank !== before.get(u.unit)?.rank).length ?? 0;
  const span = intervals.state === 'done' ? new Map(intervals.outcome.units.map((u) => [u.unit, u.interval])) : null;
  const ranked = what.outcome?.units.filter((u) => u.rank !== null).length ?? 0;
  const children = (code: string) => nodes.filter((n) => n.parent === code);
  const toggle = (code: string) => setOpen((s) => { const next = new Set(s); if (next.has(code)) next.delete(code); else next.add(code); return next; });

  const weightRow = (n: TreeNode, depth: number): React.ReactNode => {
    const siblings = children(n.parent!);
    const total = siblings.reduce((a, s) => a + (weights[s.code] ?? 0), 0) || 1;
    const kids = children(n.code);
    const max = isYear ? 1 : Math.max(50, Math.ceil((initial[n.code] ?? 0) * 2));
    const edited = weights[n.code] !== initial[n.code];
    return (
      <div key={n.code} style={{ marginBottom: depth === 0 ? 8 : 2, paddingInlineStart: depth * 18 }}>
        <Space style={{ justifyContent: 'space-between', width: '100%' }} size={4}>
          <Space size={4}>
            {kids.length > 0 && !isYear
              ? <Button type="text" size="small" icon={open.has(n.code) ? <CaretDownOutlined /> : <CaretRightOutlined />} onClick={() => toggle(n.code)} data-testid={`expand-${n.code}`}
                aria-label={open.has(n.code) ? tx('收起指标', 'Hide indicators') : tx('展开指标', 'Show indicators')} />
              : depth > 0 && <span style={{ display: 'inline-block', width: 24 }} />}
            <Typography.Text style={{ fontSize: depth ? 13 : 14 }} ellipsis={{ tooltip: n.name ?? n.code }}>{n.name ?? n.code}</Typography.Text>
            {edited && <Tag style={{ marginInlineStart: 4 }}>{tx(`原 ${initial[n.code]}`, `was ${initial[n.code]}`)}</Tag>}
          </Space>
          <Typography.Text type="secondary">{(((weights[n.code] ?? 0) / total) * 100).toFixed(1)}%</Typography.Text>
        </Space>
        <div data-testid={`weight-${n.code}`} style={{ paddingInlineStart: kids.length || depth ? 28 : 0 }}>
          <Slider min={0} max={max} step={isYear ? 0.01 : 1} value={weights[n.code]} onChange={(v) => setWeights((w) => ({ ...w, [n.code]: v }))} />
        </div>
        {open.has(n.code) && kids.map((k) => weightRow(k, depth + 1))}
      </div>
    );
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Card size="small" className="section-card" title={isYear ? tx('各期权重', 'Period weights') : tx('维度与指标权重', 'Dimension and indicator weights')}
          extra={!isYear && <Button size="small" type="link" onClick={() => setOpen(open.size ? new Set() : new Set(nodes.filter((n) => children(n.code).length).map((n) => n.code)))}>
            {open.size ? tx('全部收起', 'Collapse all') : tx('展开全部指标', 'Show all indicators')}</Button>}>
          {children(totalCode).map((p) => weightRow(p, 0))}
          {!isYear && <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
            <span>{tx('计分方法（标准化）', 'Scoring method (normalisation)')}</span>
            <Select style={{ width: '100%' }} value={method} onChange={setMethod} options={options.map(({ value, label }) => ({ value, label }))} data-testid="what-if-method" />
            <Checkbox checked={everyIndicator} disabled={method === 'scheme'} onChange={(e) => setEveryIndicator(e.target.checked)} data-testid="what-if-every-indicator">
              {tx('也替换单独指定了方法的指标', 'Also for indicators with a method of their own')}</Checkbox>
          </Space>}
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => { setWeights(initial); setMethod('scheme'); setEveryIndicator(false); }} data-testid="what-if-reset">{tx('恢复方案设置', 'Reset')}</Button>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {what.error ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={tx('无法按此设置计算', 'Cannot compute with these settings')} description={what.error} data-testid="what-if-error" />
          : <Alert type={moved ? 'warning' : 'success'} showIcon style={{ marginBottom: 8 }} data-testid="what-if-summary" title={tx(`${moved} 个单位名次变化`, `${moved} unit(s) change rank`)} />}
        {intervals.state === 'failed' && !what.error && <Alert type="error" showIcon style={{ marginBottom: 8 }} data-testid="intervals-error"
          title={tx('名次区间计算失败', 'Rank intervals could not be computed')} description={intervals.error} />}
        <Table size="small" rowKey="unit" pagination={false} dataSource={what.outcome?.units ?? []} data-testid="what-if-table" columns={[
          { title: tx('模拟名次', 'New rank'), dataIndex: 'rank', width: 80 },
          { title: tx('单位', 'Unit'), dataIndex: 'name' },
          { title: tx('原名次', 'Rank'), key: 'was', width: 70, render: (_, u) => before.get(u.unit)?.rank ?? '—' },
          { title: tx('变化', 'Move'), key: 'move', width: 70, render: (_, u) => { const d = (before.get(u.unit)?.rank ?? 0) - (u.rank ?? 0); return d === 0 ? '—' : <Tag color={d > 0 ? 'green' : 'red'}>{d > 0 ? `↑${d}` : `↓${-d}`}</Tag>; } },
          { title: tx('模拟得分', 'Score'), dataIndex: 'score', width: 90, render: score2 },
          { title: tx('等次', 'Tier'), dataIndex: 'tier', width: 90, render: (t: string | null) => <TierTag tier={t} /> },
          {
            title: <Space size={4}>{tx('名次区间（5%–95%）', 'Rank interval (5–95 %)')}{intervals.state === 'computing' && !what.error && <Spin size="small" />}</Space>,
            key: 'iv', width: 200, render: (_, u) => { const iv = span?.get(u.unit); return iv ? <RankInterval iv={iv} n={ranked} rank={u.rank} /> : '—'; },
          },
        ]} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {chosen
            ? tx(`名次区间：${uncertainty.runs} 次蒙特卡洛模拟（各权重 ±25%，计分方法为所选方法，固定种子）`, `Rank interval: ${uncertainty.runs} Monte Carlo runs (weights ±25 %, the method chosen here, fixed seed)`)
            : tx(`名次区间：${uncertainty.runs} 次蒙特卡洛模拟（各权重 ±25%，${isYear ? '' : '功效系数法两种变体，'}固定种子），与结果页算法相同`,
              `Rank interval: ${uncertainty.runs} Monte Carlo runs (weights ±25 %${isYear ? '' : ', both efficacy variants'}, fixed seed), as on the results page`)}
        </Typography.Text>
      </Col>
    </Row>
  );
}

/** 5th–95th percentile of the rank as a bar over the places, the median marked, with the figures. */
function RankInterval({ iv, n, rank }: { iv: { median: number | null; p5: number | null; p95: number | null }; n: number; rank: number | null }) {
  const tx = useText();
  if (iv.p5 === null || iv.p95 === null || n < 2) return <>{rankRange(iv)}</>;
  const x = (r: number) => `${((r - 1) / (n - 1)) * 100}%`;
  const wide = iv.p95 - iv.p5;
  return (
    <Space size={6} data-testid="rank-interval">
      <div style={{ position: 'relative', width: 70, height: 8, background: '#f0f0f0', borderRadius: 4 }} aria-hidden>
        <div style={{ position: 'absolute', left: x(iv.p5), width: `calc(${x(iv.p95)} - ${x(iv.p5)} + 4px)`, top: 0, bottom: 0, background: wide > n / 4 ? '#faad14' : '#1677ff', borderRadius: 4, opacity: 0.7 }} />
        {rank !== null && <div style={{ position: 'absolute', left: x(rank), width: 2, top: -2, bottom: -2, background: '#000' }} />}
      </div>
      <span>{rankRange(iv)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tx(`中位 ${plain1(iv.median)}`, `median ${plain1(iv.median)}`)}</Typography.Text>
    </Space>
  );
}
