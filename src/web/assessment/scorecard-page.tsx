// 单位成绩单: a unit's scores per dimension (radar against the category's average), its trend over
// the year's rounds, the indicators behind the score, and why its rank moved since last time.
import { Alert, Button, Card, Col, Descriptions, Row, Space, Table, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useParams } from 'react-router-dom';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { assessmentApi, download, type Scorecard } from './assessment-api.ts';
import { plain, plain1, rankRange, score2, TierTag } from './assessment-text.tsx';

export function ScorecardPage() {
  const tx = useText();
  const { resultId = '', unitCode = '' } = useParams();
  const card = useLoader(() => assessmentApi.scorecard(resultId, unitCode), [resultId, unitCode]);
  const detail = useLoader(() => assessmentApi.result(resultId), [resultId]);
  if (card.error) return <div className="page"><LoadFailed error={card.error} onRetry={() => void card.reload()} /></div>;
  const c = card.data;
  if (!c) return <div className="page"><Card loading /></div>;
  const peers = detail.data?.categories.find((x) => x.categoryCode === c.categoryCode)?.units ?? [];
  const mean = (code: string) => { const xs = peers.map((u) => u.parts[code]).filter((v): v is number => v != null); return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0; };
  const radar = {
    tooltip: {}, legend: { bottom: 0, data: [c.unit.name, tx('同类平均', 'Category average')] },
    radar: { indicator: c.parts.map((p) => ({ name: p.name, max: 100, min: Math.max(0, Math.floor(Math.min(...c.parts.map((q) => Math.min(c.unit.parts[q.code] ?? 100, mean(q.code)))) - 10)) })) },
    series: [{ type: 'radar', data: [
      { name: c.unit.name, value: c.parts.map((p) => Number((c.unit.parts[p.code] ?? 0).toFixed(2))), areaStyle: { opacity: 0.25 }, itemStyle: { color: '#c0392b' } },
      { name: tx('同类平均', 'Category average'), value: c.parts.map((p) => Number(mean(p.code).toFixed(2))), itemStyle: { color: '#2f6fb0' } },
    ] }],
  };
  const trend = {
    tooltip: { trigger: 'axis' }, legend: { bottom: 0, data: [tx('得分', 'Score'), tx('名次', 'Rank')] }, grid: { left: 40, right: 40, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: c.trend.map((t) => t.label.replace(/^\d+年/, '')) },
    yAxis: [{ type: 'value', scale: true, name: tx('得分', 'Score') }, { type: 'value', inverse: true, min: 1, minInterval: 1, name: tx('名次', 'Rank') }],
    series: [
      { name: tx('得分', 'Score'), type: 'line', data: c.trend.map((t) => (t.score === null ? null : Number(t.score.toFixed(2)))), itemStyle: { color: '#c0392b' } },
      { name: tx('名次', 'Rank'), type: 'line', yAxisIndex: 1, data: c.trend.map((t) => t.rank), itemStyle: { color: '#2f6fb0' } },
    ],
  };
  const e = c.explanation;
  return (
    <div className="page scorecard-page">
      <PageHeader title={`${c.unit.name} · ${c.result.label}`} subtitle={tx('单位成绩单', 'Unit scorecard')}
        extra={<Space className="no-print">
          <Button onClick={() => download(assessmentApi.scorecardDocxUrl(resultId, unitCode))}>{tx('成绩单(Word)', 'Scorecard (Word)')}</Button>
          <Button onClick={() => window.print()}>{tx('打印', 'Print')}</Button>
        </Space>} />
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} items={[
        { key: 's', label: tx('综合得分', 'Score'), children: <Typography.Text strong style={{ fontSize: 18 }} data-testid="card-score">{score2(c.unit.score)}</Typography.Text> },
        { key: 'r', label: tx('同类排名', 'Rank'), children: tx(`第 ${c.unit.rank ?? '—'} 名 / ${c.peers}`, `${c.unit.rank ?? '—'} of ${c.peers}`) },
        { key: 't', label: tx('等次', 'Tier'), children: <TierTag tier={c.unit.tier} /> },
        { key: 'b', label: tx('加分/扣分', 'Bonus/penalty'), children: `+${score2(c.unit.bonus)} / −${score2(c.unit.penalty)}` },
        { key: 'v', label: tx('一票否决', 'Veto'), children: c.unit.vetoes.length ? c.unit.vetoes.join('、') : tx('无', 'none') },
        { key: 'i', label: tx('名次区间', 'Rank interval'), children: c.unit.interval ? tx(`第${rankRange(c.unit.interval)}名（中位数第${plain1(c.unit.interval.median)}名）`, `${rankRange(c.unit.interval)} (median ${plain1(c.unit.interval.median)})`) : '—' },
      ]} />
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} lg={12}><Card size="small" className="section-card" title={tx('各维度得分', 'Scores per dimension')}><ReactECharts style={{ height: 300 }} option={radar} /></Card></Col>
        <Col xs={24} lg={12}><Card size="small" className="section-card" title={tx('本年度走势', 'Trend this year')}><ReactECharts style={{ height: 300 }} option={trend} /></Card></Col>
      </Row>
      {e && <Card size="small" className="section-card" style={{ marginTop: 12 }} title={tx(`名次变化：第${e.from.rank}名 → 第${e.to.rank}名`, `Rank change: ${e.from.rank} → ${e.to.rank}`)} data-testid="rank-change">
        <Typography.Paragraph type="secondary">{tx('与同类单位平均变化相比，下列指标对名次影响最大（负值为拖累）；“保持上期则名次”为该指标若保持上期水平时本期的名次。', 'Indicators that moved the unit against its peers most (negative = held it back); “rank if unchanged” is the rank had the indicator kept its earlier value.')}</Typography.Paragraph>
        <Table size="small" rowKey="indicator" pagination={false} dataSource={e.drivers.slice(0, 6)} columns={[
          { title: tx('指标', 'Indicator'), dataIndex: 'indicator', render: (code: string) => c.lines.find((l) => l.code === code)?.name ?? code },
          { title: tx('贡献变化', 'Change'), dataIndex: 'contributionChange', render: score2 },
          { title: tx('同类平均变化', 'Peers'), dataIndex: 'peerMeanChange', render: score2 },
          { title: tx('相对影响', 'Relative'), dataIndex: 'relativeChange', render: (v: number) => <span style={{ color: v < 0 ? '#cf1322' : '#389e0d' }}>{score2(v)}</span> },
          { title: tx('保持上期则名次', 'Rank if unchanged'), dataIndex: 'rankIfUnchanged', render: (r: number | null) => r ?? '—' },
        ]} />
      </Card>}
      {!e && c.trend.length > 1 && <Alert style={{ marginTop: 12 }} type="info" showIcon title={tx('年度综合结果按各期得分加权，名次变化见各期成绩单。', 'The year combines the periods; see each period’s scorecard for rank changes.')} />}
      {c.lines.length > 0 && <Card size="small" className="section-card" style={{ marginTop: 12 }} title={tx('指标完成情况', 'Indicators')}>
        <Table size="small" rowKey="code" pagination={false} dataSource={c.lines} columns={[
          { title: tx('维度', 'Dimension'), dataIndex: 'dimension', width: 90 },
          { title: tx('指标', 'Indicator'), dataIndex: 'name' },
          { title: tx('完成值', 'Value'), dataIndex: 'raw', width: 100, render: plain },
          { title: tx('目标值', 'Target'), dataIndex: 'target', width: 90, render: plain },
          { title: tx('得分', 'Score'), dataIndex: 'score', width: 90, render: score2 },
          { title: '', key: 'flag', width: 70, render: (_, l: Scorecard['lines'][number]) => (l.target !== null && l.raw !== null && (l.direction === 1 ? l.raw < l.target : l.raw > l.target) ? <Typography.Text type="danger">{tx('未达标', 'below')}</Typography.Text> : '') },
        ]} />
      </Card>}
    </div>
  );
}
