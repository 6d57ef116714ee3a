// 考核结果: the leaders' dashboard — ranking with tiers per category, rank intervals, the
// distribution of scores and the indicators where units lag their targets; the office computes,
// publishes and exports from here. Prints cleanly (menus and buttons hidden).
import { Alert, App, Button, Card, Col, Descriptions, Row, Select, Space, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/api-error.ts';
import { api } from '../api/client.ts';
import { useUser } from '../auth/session-context.tsx';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import './assessment.css';
import { assessmentApi, download, type CategoryOutcome, type Lagging, type ResultSummary, type StaleReason, type UnitOutcome } from './assessment-api.ts';
import { rankRange, score2, tierColor, TierTag } from './assessment-text.tsx';
import { assessmentYears } from './due-page.tsx';

const office = (role: string) => role === 'admin' || role === 'assessment_office';

export function ResultsPage() {
  const tx = useText();
  const user = useUser();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [year, setYear] = useState(Number(params.get('year') ?? assessmentYears[0]));
  const list = useLoader(() => assessmentApi.results(year), [year]);
  const chosen = params.get('result') ?? list.data?.filter((r) => r.status === 'published').at(-1)?.id ?? list.data?.at(-1)?.id;
  const detail = useLoader(async () => (chosen ? assessmentApi.result(chosen) : undefined), [chosen]);
  const lagging = useLoader(async () => (chosen ? assessmentApi.lagging(chosen) : []), [chosen]);
  const [category, setCategory] = useState<string>();
  useEffect(() => { setCategory(detail.data?.categories[0]?.categoryCode); }, [detail.data]);
  const current = detail.data?.categories.find((c) => c.categoryCode === category) ?? detail.data?.categories[0];

  const run = async (work: () => Promise<unknown>, done: string) => {
    try { await work(); message.success(done); await list.reload(); await detail.reload(); } catch (e) { message.error(e instanceof ApiError ? e.message : String(e)); }
  };
  const result = detail.data;
  const categoryName = useCategoryNames();
  const rounds = ['Q1', 'H1', 'Q1-3', 'Y', 'YEAR'];

  return (
    <div className="page results-page">
      <PageHeader title={tx('考核结果', 'Results')} subtitle={result ? `${result.label} · ${result.status === 'published' ? tx('已发布', 'published') : tx('草稿，未发布', 'draft, not published')}` : ''}
        extra={<Space wrap className="no-print">
          <Select value={year} onChange={(y) => { setYear(y); setParams({}); }} options={assessmentYears.map((y) => ({ value: y, label: tx(`${y}年度`, String(y)) }))} />
          <Select style={{ minWidth: 200 }} value={chosen} onChange={(id) => setParams({ year: String(year), result: id })} data-testid="round-select"
            options={(list.data ?? []).map((r) => ({ value: r.id, label: `${r.label}${r.status === 'draft' ? (r.stale ? tx('（草稿，需重新计算）', ' (draft, to recompute)') : tx('（草稿）', ' (draft)')) : ''}` }))} />
          {result && <Button onClick={() => download(assessmentApi.exportUrl(result.id))}>{tx('导出Excel', 'Excel')}</Button>}
          {result && <Button onClick={() => download(assessmentApi.noticeUrl(result.id))}>{tx('结果通报(Word)', 'Notice (Word)')}</Button>}
          {result && office(user.role) && <Link to={`/assessment/what-if/${result.id}`}><Button>{tx('权重模拟', 'What-if')}</Button></Link>}
          <Button onClick={() => window.print()}>{tx('打印', 'Print')}</Button>
        </Space>} />
      {office(user.role) && <Card size="small" className="section-card no-print" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Text strong>{tx('计算', 'Compute')}:</Typography.Text>
          {rounds.map((r) => {
            const existing = list.data?.find((x) => x.round === r);
            return <Button key={r} size="small" disabled={existing?.status === 'published'} data-testid={`compute-${r}`}
              onClick={() => void run(() => assessmentApi.compute(year, r), tx('已计算（草稿）', 'Computed (draft)'))}>{r === 'YEAR' ? tx('年度综合', 'Year') : r}</Button>;
          })}
          {result?.status === 'draft' && <Tooltip title={result.stale ? tx('数据已变更，请先重新计算', 'The data changed: recompute first') : undefined}>
            <Button type="primary" size="small" data-testid="publish" disabled={result.stale} onClick={() => void run(() => assessmentApi.publish(result.id, result.version), tx('已发布', 'Published'))}>{tx('发布本结果', 'Publish')}</Button>
          </Tooltip>}
          {result && <Button size="small" onClick={() => void assessmentApi.verify(result.id).then((v) => (v.identical ? message.success(tx('重新计算结果完全一致', 'Recomputed: identical')) : message.error(tx('重新计算结果不一致！', 'Recomputed: differs!'))))}>{tx('复核计算', 'Verify')}</Button>}
        </Space>
      </Card>}
      {list.error || detail.error ? <LoadFailed error={list.error ?? detail.error} onRetry={() => void list.reload()} /> : !result ? (
        <Alert type="info" showIcon title={tx('本年度尚无可查看的考核结果', 'No result to show for this year yet')} />
      ) : (
        <>
          {result.stale && <StaleAlert result={result} onRecompute={office(user.role) ? () => void run(() => assessmentApi.compute(result.year, result.round), tx('已重新计算（草稿）', 'Recomputed (draft)')) : undefined} />}
          <Descriptions size="small" column={4} style={{ marginBottom: 12 }} items={[
            { key: 'v', label: tx('方案版本', 'Scheme'), children: tx(`第${result.schemeVersion}版`, `v${result.schemeVersion}`) },
            { key: 'c', label: tx('计算时间', 'Computed'), children: formatDateTime(result.computedAt) },
            { key: 'p', label: tx('发布时间', 'Published'), children: formatDateTime(result.publishedAt) || '—' },
            { key: 'h', label: tx('校验码', 'Hash'), children: <Typography.Text code>{result.outcomeHash.slice(0, 12)}</Typography.Text> },
          ]} />
          <Tabs activeKey={current?.categoryCode} onChange={setCategory} items={result.categories.map((c) => ({ key: c.categoryCode, label: `${categoryName(c.categoryCode)}（${c.units.length}）` }))} />
          {current && <CategoryDashboard key={`${result.id}${current.categoryCode}`} resultId={result.id} category={current} lagging={(lagging.data ?? []).filter((l) => l.categoryCode === current.categoryCode)} />}
        </>
      )}
    </div>
  );
}

const staleActions: Record<string, [string, string]> = {
  'submission.approve': ['填报审核通过', 'a submission approved'],
  'submission.import': ['批量导入使已审核的填报退回重审', 'an import sent approved data back to review'],
  'adjustment.approve': ['加扣分事项审定通过', 'an adjustment approved'],
  'adjustment.withdraw': ['加扣分事项撤销', 'an adjustment withdrawn'],
};

/** 数据已变更，需重新计算: a draft whose data, scheme or 12345 values changed since it was computed. */
function StaleAlert({ result, onRecompute }: { result: ResultSummary; onRecompute: (() => void) | undefined }) {
  const tx = useText();
  const line = (r: StaleReason) => {
    if (r.kind === 'data') {
      const [zh, en] = staleActions[r.action ?? ''] ?? [r.action ?? '', r.action ?? ''];
      return tx(`计算后数据已变更 ${r.changes ?? 1} 次，最近一次：${zh}（${formatDateTime(r.at ?? null)}）`, `${r.changes ?? 1} change(s) since computed; the last: ${en} (${formatDateTime(r.at ?? null)})`);
    }
    if (r.kind === 'scheme') return tx(`考核方案已修订，现行第${r.schemeVersion}版（本结果按第${result.schemeVersion}版计算）`, `The scheme was revised: v${r.schemeVersion} is in force (this result used v${result.schemeVersion})`);
    return tx(`12345接诉即办数据已更新：${r.units?.length ?? 0} 个单位的接诉即办指标值已变化`, `12345 data changed: the hotline indicator of ${r.units?.length ?? 0} units moved`);
  };
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="stale-alert"
      title={tx('数据已变更，需重新计算', 'Data changed since computed — recompute')}
      description={<>
        <ul style={{ margin: 0, paddingLeft: 18 }}>{(result.staleReasons ?? []).map((r, i) => <li key={i}>{line(r)}</li>)}</ul>
        <Typography.Text type="secondary">{tx('本草稿不再反映当前数据，重新计算前不能发布。', 'This draft no longer shows the data as they are; it cannot be published until recomputed.')}</Typography.Text>
      </>}
      action={onRecompute && <Button size="small" type="primary" className="no-print" data-testid="recompute" onClick={onRecompute}>{tx('重新计算', 'Recompute')}</Button>} />
  );
}

/** Category names from the organisation's categories (the result stores codes). */
export function useCategoryNames(): (code: string) => string {
  const categories = useLoader(() => api.categories.list(), []);
  return (code) => categories.data?.find((c) => c.code === code)?.name ?? code;
}

function CategoryDashboard({ resultId, category, lagging }: { resultId: string; category: CategoryOutcome; lagging: Lagging[] }) {
  const tx = useText();
  const ranked = category.units.filter((u) => u.rank !== null);
  const names = ranked.map((u) => u.name.replace(/(街道|地区|管理委员会|有限公司|股份有限公司)$/, ''));
  const ranking = useMemo(() => ({
    grid: { left: 90, right: 40, top: 10, bottom: 20 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'value', min: (v: { min: number }) => Math.floor(v.min - 2) },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { fontSize: 11 } },
    series: [{ type: 'bar', data: ranked.map((u) => ({ value: u.score === null ? null : Number(u.score.toFixed(2)), itemStyle: { color: tierColor(u.tier) } })), label: { show: true, position: 'right', fontSize: 10 } }],
  }), [category]);
  const intervals = useMemo(() => ({
    grid: { left: 90, right: 20, top: 10, bottom: 30 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: tx('名次', 'rank'), inverse: false, min: 1, max: ranked.length },
    yAxis: { type: 'category', inverse: true, data: names, axisLabel: { fontSize: 11 } },
    series: [
      { type: 'bar', stack: 'i', itemStyle: { color: 'transparent' }, data: ranked.map((u) => u.interval?.p5 ?? u.rank) },
      { type: 'bar', stack: 'i', itemStyle: { color: '#91caff' }, data: ranked.map((u) => Math.max(0.2, (u.interval?.p95 ?? u.rank!) - (u.interval?.p5 ?? u.rank!))) },
      { type: 'scatter', symbolSize: 8, itemStyle: { color: '#c0392b' }, data: ranked.map((u) => u.rank) },
    ],
  }), [category]);
  const scores = ranked.map((u) => u.score!).filter((s) => s !== null);
  const lo = Math.floor(Math.min(...scores)), hi = Math.ceil(Math.max(...scores));
  const bins = Array.from({ length: Math.max(1, Math.ceil((hi - lo) / 2)) }, (_, i) => lo + 2 * i);
  const distribution = {
    grid: { left: 40, right: 10, top: 20, bottom: 30 }, tooltip: {},
    xAxis: { type: 'category', data: bins.map((b) => `${b}–${b + 2}`) }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: bins.map((b) => scores.filter((s) => s >= b && s < b + 2).length), itemStyle: { color: '#2f6fb0' } }],
  };
  const columns: TableColumnsType<UnitOutcome> = [
    { title: tx('名次', 'Rank'), dataIndex: 'rank', width: 60 },
    { title: tx('单位', 'Unit'), dataIndex: 'name', render: (n: string, u) => <Link to={`/assessment/results/${resultId}/units/${u.unit}`} data-testid="result-unit">{n}</Link> },
    { title: tx('综合得分', 'Score'), dataIndex: 'score', width: 90, render: score2 },
    ...category.parts.map((p) => ({ title: p.name, key: p.code, width: 80, render: (_: unknown, u: UnitOutcome) => score2(u.parts[p.code]) })),
    { title: tx('加/扣分', '±'), key: 'adj', width: 80, render: (_, u) => (u.bonus || u.penalty ? `+${score2(u.bonus)} / −${score2(u.penalty)}` : '—') },
    { title: tx('等次', 'Tier'), dataIndex: 'tier', width: 90, render: (t: string | null, u) => <Space size={2}><TierTag tier={t} />{u.vetoes.length > 0 && <Tag color="black">{tx('否决', 'veto')}</Tag>}</Space> },
    { title: tx('名次区间', 'Rank range'), key: 'int', width: 90, render: (_, u) => (u.interval ? rankRange(u.interval) : '—') },
  ];
  return (
    <>
      <Row gutter={12}>
        <Col xs={24} lg={12}><Card size="small" title={tx('排名与等次', 'Ranking and tiers')} className="section-card"><ReactECharts style={{ height: Math.max(240, ranked.length * 18 + 40) }} option={ranking} /></Card></Col>
        <Col xs={24} lg={12}><Card size="small" title={tx('名次区间（权重与方法扰动，5%–95%）', 'Rank intervals (5–95 %)')} className="section-card"><ReactECharts style={{ height: Math.max(240, ranked.length * 18 + 40) }} option={intervals} /></Card></Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} lg={10}><Card size="small" title={tx('得分分布', 'Distribution of scores')} className="section-card"><ReactECharts style={{ height: 240 }} option={distribution} /></Card></Col>
        <Col xs={24} lg={14}><Card size="small" title={tx('未达目标较多的指标', 'Indicators lagging their targets')} className="section-card">
          <Table size="small" rowKey="code" pagination={false} dataSource={lagging.slice(0, 6)} columns={[
            { title: tx('指标', 'Indicator'), dataIndex: 'name' },
            { title: tx('目标', 'Target'), dataIndex: 'target', width: 70 },
            { title: tx('达标单位占比', 'Reached'), dataIndex: 'reachedShare', width: 110, render: (s: number) => `${(s * 100).toFixed(1)}%` },
            { title: tx('完成度中位数', 'Median completion'), dataIndex: 'medianCompletion', width: 120, render: (m: number | null) => (m === null ? '—' : `${(m * 100).toFixed(1)}%`) },
          ]} />
        </Card></Col>
      </Row>
      <Table style={{ marginTop: 12 }} rowKey="unit" columns={columns} dataSource={category.units} pagination={false} size="small" data-testid="ranking-table" />
    </>
  );
}
