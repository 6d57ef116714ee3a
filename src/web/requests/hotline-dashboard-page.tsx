// 三率与热点: the month's three rates and ranking of streets/towns or departments, and the
// hotspots behind 未诉先办 and 每月一题 — trends against the comparable period before, rising
// clusters, the suggested theme with its evidence, a map. It opens on the last complete month
// (published rankings are of complete months); the month in progress can be chosen.
import { Alert, Card, Col, List, Row, Segmented, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { previousMonth } from '../../core/requests/hotspots.ts';
import { monthOf } from '../../core/requests/sla.ts';
import { formatNumber } from '../shell/format.ts';
import { currentLanguage } from '../shell/i18n.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { percent, useRequestLabels } from './request-labels.ts';
import { RequestMap } from './request-map.tsx';
import { requestsApi, type Hotspots, type RankingRow } from './requests-api.ts';

type Group = 'street_town' | 'department';

/** The months to choose from, newest first: the one in progress and the twelve before it. */
function recentMonths(now: Date): string[] {
  const months = [monthOf(now)];
  while (months.length < 13) months.push(previousMonth(months.at(-1)!));
  return months;
}

/** 11月1日 / 1 Nov, with the time when it is not midnight (the end of a period in progress). */
function dayLabel(iso: string, withTime = false): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai', month: 'short', day: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).format(new Date(iso));
}

/** A period [from, to) as its first and last day; a period still running ends at its time now. */
function periodLabel(p: { from: string; to: string }, complete: boolean): string {
  return `${dayLabel(p.from)}–${complete ? dayLabel(new Date(Date.parse(p.to) - 1).toISOString()) : dayLabel(p.to, true)}`;
}

const growthText = (g: number | null, tx: (zh: string, en: string) => string) => (g === null ? tx('新出现', 'new') : `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)}%`);

export function HotlineDashboardPage() {
  const tx = useText();
  const [months] = useState(() => recentMonths(new Date()));
  // The last complete month: the current one, early on, is nearly empty.
  const [month, setMonth] = useState(months[1]!);
  const [group, setGroup] = useState<Group>('street_town');
  const ranking = useLoader(() => requestsApi.ranking(month, group), [month, group]);
  const hot = useLoader(() => requestsApi.hotspots(month).catch(() => null), [month]);
  const ranked = (ranking.data?.rows ?? []).filter((r) => r.rank !== null);

  const columns: TableColumnsType<RankingRow> = [
    { title: tx('排名', 'Rank'), dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
    { title: tx('单位', 'Unit'), dataIndex: 'name' },
    { title: tx('派单', 'Dispatched'), dataIndex: 'dispatched', width: 90, render: (n: number) => formatNumber(n) },
    { title: tx('响应率', 'Response'), key: 'r', width: 90, render: (_, r) => percent(r.rates.responseRate) },
    { title: tx('解决率', 'Resolution'), key: 's', width: 90, render: (_, r) => percent(r.rates.resolutionRate) },
    { title: tx('满意率', 'Satisfaction'), key: 'm', width: 100, render: (_, r) => percent(r.rates.satisfactionRate) },
    { title: tx('综合', 'Composite'), key: 'c', width: 80, render: (_, r) => (r.rates.composite === null ? '—' : r.rates.composite.toFixed(2)) },
  ];

  return (
    <div className="page">
      <PageHeader title={tx('三率与热点', 'Rates and hotspots')}
        subtitle={tx('响应率、解决率、满意率按月计算，定义见文档 docs/requests.md', 'Response, resolution and satisfaction rates by month; docs/requests.md defines them')}
        extra={<Space>
          <Select value={month} onChange={setMonth} style={{ width: 230 }} data-testid="dashboard-month"
            options={months.map((m, i) => ({ value: m, label: i === 0 ? tx(`${m}（本月，进行中）`, `${m} (this month, in progress)`) : m }))} />
          <Segmented<Group> value={group} onChange={setGroup} options={[{ value: 'street_town', label: tx('街道乡镇', 'Streets and towns') }, { value: 'department', label: tx('区级部门', 'District departments') }]} />
        </Space>} />
      {month === months[0] && <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="dashboard-partial"
        title={tx('本月尚未结束：排名和热点是截至目前的数据，热点与上月同期相比。正式排名以完整月份为准。',
          'This month is not over: the ranking and hotspots are so far, compared with the same days of last month. Published rankings are of complete months.')} />}
      {ranking.error ? <LoadFailed error={ranking.error} onRetry={() => void ranking.reload()} /> : (
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <Card size="small" title={tx(`${month} 综合得分排名`, `Ranking by composite score, ${month}`)} data-testid="ranking-chart">
              <ReactECharts style={{ height: 520 }} option={{
                grid: { left: 110, right: 30, top: 10, bottom: 20 },
                xAxis: { type: 'value', min: 0, max: 100 },
                yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.name) },
                tooltip: { trigger: 'axis' },
                series: [{ type: 'bar', data: ranked.map((r) => Number(r.rates.composite!.toFixed(2))), label: { show: true, position: 'right' }, itemStyle: { color: '#c0392b' } }],
              }} />
            </Card>
          </Col>
          <Col xs={24} xl={14}>
            <Card size="small" title={tx('三率明细', 'The three rates in detail')}>
              <Table<RankingRow> rowKey="unitId" size="small" pagination={{ pageSize: 12 }} loading={ranking.loading} columns={columns} dataSource={ranking.data?.rows ?? []} data-testid="ranking-table" />
            </Card>
          </Col>
        </Row>
      )}
      {hot.data && <HotspotPanels hot={hot.data} />}
    </div>
  );
}

function HotspotPanels({ hot }: { hot: Hotspots }) {
  const { tx, list, sentence } = useRequestLabels();
  const top = hot.categoryTrends.slice(0, 10);
  const now = periodLabel(hot.periods.current, hot.complete);
  const before = periodLabel(hot.periods.previous, true);
  const rules = hot.rules;
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col xs={24} xl={12}>
        <Card size="small" title={tx(`诉求热点：${now} 共 ${formatNumber(hot.total)} 件`, `Hotspots: ${formatNumber(hot.total)} requests, ${now}`)}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }} data-testid="hotspot-periods">
            {tx(`对比上月同期 ${before}（${formatNumber(hot.previousTotal)} 件），按日均计算增幅。`,
              `Compared with the same days of last month, ${before} (${formatNumber(hot.previousTotal)} requests), per day.`)}
          </Typography.Paragraph>
          <div data-testid="monthly-theme" data-theme={hot.theme ? 'suggested' : 'none'}>
            {hot.theme ? (
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={sentence(hot.theme.title)}
                description={<ul style={{ margin: 0, paddingLeft: 18 }}>{hot.theme.evidence.map((e) => <li key={e}>{sentence(e)}</li>)}</ul>} />
            ) : (
              <Alert type="success" showIcon style={{ marginBottom: 12 }} title={tx('本期无每月一题建议', 'No suggested issue of the month')} description={sentence(hot.themeNote ?? '')} />
            )}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -4 }}>
              {tx(`规则：在本期至少 ${rules.minThemeCount} 件、占全部 ${(rules.minThemeShare * 100).toFixed(0)}% 以上、日均比上月同期增长 ${(rules.minThemeGrowth * 100).toFixed(0)}% 以上的类别中，选增加件数最多的。`,
                `Rule: among categories with at least ${rules.minThemeCount} requests, over ${(rules.minThemeShare * 100).toFixed(0)}% of all, and up ${(rules.minThemeGrowth * 100).toFixed(0)}% or more per day on the same days of last month, the one that added most requests.`)}
            </Typography.Paragraph>
          </div>
          <ReactECharts style={{ height: 300 }} option={{
            legend: { top: 0 }, grid: { left: 90, right: 60, top: 30, bottom: 20 },
            tooltip: { trigger: 'axis', formatter: (ps: { dataIndex: number }[]) => {
              const t = top[ps[0]?.dataIndex ?? 0];
              return t ? `<b>${t.name}</b><br/>${tx('本期', 'This period')}: ${formatNumber(t.count)}<br/>${tx('上月同期', 'Same days last month')}: ${formatNumber(t.previous)}<br/>${tx('环比（日均）', 'Change per day')}: ${growthText(t.growth, tx)}` : '';
            } },
            xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, data: top.map((t) => t.name) },
            series: [
              { name: tx('本期', 'This period'), type: 'bar', data: top.map((t) => t.count),
                label: { show: true, position: 'right', fontSize: 10, formatter: (p: { dataIndex: number }) => growthText(top[p.dataIndex]!.growth, tx) } },
              { name: tx('上月同期', 'Same days last month'), type: 'bar', data: top.map((t) => t.previous), itemStyle: { color: '#bfbfbf' } },
            ],
          }} />
          <ReactECharts style={{ height: 200 }} option={{
            tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
            xAxis: { type: 'category', data: hot.daily.map((d) => d.day.slice(5)) }, yAxis: { type: 'value' },
            series: [{ type: 'line', smooth: true, areaStyle: {}, data: hot.daily.map((d) => d.n) }],
          }} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={tx('诉求分布：各街道乡镇', 'Where the requests are: streets and towns')} data-testid="request-map">
          <RequestMap hot={hot} />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>
            {tx('气泡在街道乡镇中心，大小为本期诉求件数（含只选了街道、没有坐标的电话和网上诉求），颜色为未办结占比；淡点为有坐标的单件诉求。底图是按街道中心最近划分的示意分区，不是行政边界。可滚轮缩放、拖动。',
              'Each bubble sits at the centre of a street or town: its size is the requests of the period (including phone and web requests with a street but no coordinates), its colour the share still open; faint dots are single requests with coordinates. The background is a sketch (each point goes to the nearest centre), not the administrative boundaries. Scroll to zoom, drag to pan.')}
            {hot.unlocated > 0 && tx(` 另有 ${formatNumber(hot.unlocated)} 件既无街道也无坐标，未能上图。`, ` ${formatNumber(hot.unlocated)} more have neither a street nor coordinates and are not on the map.`)}
          </Typography.Paragraph>
          <List size="small" data-testid="rising-clusters"
            header={<Typography.Text strong>{tx(`上升的同类诉求（同一街道同一类别，至少 ${rules.minClusterCount} 件，日均增长 ${(rules.minClusterGrowth * 100).toFixed(0)}% 以上或新出现）`,
              `Rising clusters (one category in one street: at least ${rules.minClusterCount} requests, up ${(rules.minClusterGrowth * 100).toFixed(0)}% or more per day, or new)`)}</Typography.Text>}
            locale={{ emptyText: tx('本期没有上升的聚集', 'No rising cluster in this period') }}
            dataSource={hot.rising.slice(0, 6)}
            renderItem={(c) => (
              <List.Item>
                <span>{c.divisionName} · {c.serviceName} <Tag color="volcano">{tx(`${formatNumber(c.count)} 件`, `${formatNumber(c.count)} requests`)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tx(`上月同期 ${formatNumber(c.previous)} 件，${growthText(c.growth, tx)}`, `${formatNumber(c.previous)} in the same days last month, ${growthText(c.growth, tx)}`)}</Typography.Text>
                  {c.topWords.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}> · {list(c.topWords)}</Typography.Text>}</span>
              </List.Item>
            )} />
        </Card>
      </Col>
    </Row>
  );
}
