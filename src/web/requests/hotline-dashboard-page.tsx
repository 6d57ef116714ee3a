// 三率与热点: the month's three rates and ranking of streets/towns or departments, and the
// hotspots behind 未诉先办 and 每月一题 — trends, rising clusters, the suggested theme, a map.
import { Alert, Card, Col, DatePicker, List, Row, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { monthOf } from '../../core/requests/sla.ts';
import { formatNumber } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { percent, useRequestLabels } from './request-labels.ts';
import { requestsApi, type Hotspots, type RankingRow } from './requests-api.ts';

type Group = 'street_town' | 'department';

export function HotlineDashboardPage() {
  const tx = useText();
  const [month, setMonth] = useState(monthOf(new Date()));
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
          <DatePicker picker="month" allowClear={false} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} placeholder={month} data-testid="dashboard-month" />
          <Segmented<Group> value={group} onChange={setGroup} options={[{ value: 'street_town', label: tx('街道乡镇', 'Streets and towns') }, { value: 'department', label: tx('区级部门', 'District departments') }]} />
        </Space>} />
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
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col xs={24} xl={12}>
        <Card size="small" title={tx(`诉求热点：${hot.month} 共 ${formatNumber(hot.total)} 件`, `Hotspots: ${hot.month}, ${formatNumber(hot.total)} requests`)}>
          {hot.theme && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={sentence(hot.theme.title)} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{hot.theme.evidence.map((e) => <li key={e}>{sentence(e)}</li>)}</ul>} data-testid="monthly-theme" />}
          <ReactECharts style={{ height: 300 }} option={{
            legend: { top: 0 }, tooltip: { trigger: 'axis' }, grid: { left: 90, right: 20, top: 30, bottom: 20 },
            xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, data: top.map((t) => t.name) },
            series: [{ name: tx('本月', 'This month'), type: 'bar', data: top.map((t) => t.count) }, { name: tx('上月', 'Last month'), type: 'bar', data: top.map((t) => t.previous) }],
          }} />
          <ReactECharts style={{ height: 200 }} option={{
            tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
            xAxis: { type: 'category', data: hot.daily.map((d) => d.day.slice(5)) }, yAxis: { type: 'value' },
            series: [{ type: 'line', smooth: true, areaStyle: {}, data: hot.daily.map((d) => d.n) }],
          }} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={tx('诉求分布（经纬度）', 'Where the requests are (longitude and latitude)')} data-testid="request-map">
          <ReactECharts style={{ height: 360 }} option={{
            tooltip: { formatter: (p: { data: [number, number, string] }) => p.data[2] },
            grid: { left: 50, right: 20, top: 20, bottom: 30 },
            xAxis: { type: 'value', min: 116.1, max: 116.42, name: tx('经度', 'Longitude') }, yAxis: { type: 'value', min: 39.88, max: 40.12, name: tx('纬度', 'Latitude') },
            series: [
              { type: 'scatter', symbolSize: 6, data: hot.points.filter((p) => p.status !== 'closed').map((p) => [p.lon, p.lat, p.service]), name: tx('未办结', 'Open'), itemStyle: { color: '#d4380d' } },
              { type: 'scatter', symbolSize: 5, data: hot.points.filter((p) => p.status === 'closed').map((p) => [p.lon, p.lat, p.service]), name: tx('已办结', 'Closed'), itemStyle: { color: '#8c8c8c', opacity: 0.5 } },
            ],
          }} />
          <List size="small" header={<Typography.Text strong>{tx('聚集的同类诉求', 'Clusters of similar requests')}</Typography.Text>} dataSource={hot.rising.slice(0, 5)}
            renderItem={(c) => <List.Item>{c.divisionName} · {c.serviceName} <Tag color="volcano">{tx(`${formatNumber(c.count)} 件`, `${formatNumber(c.count)} requests`)}</Tag> <Typography.Text type="secondary">{list(c.topWords)}</Typography.Text></List.Item>} />
        </Card>
      </Col>
    </Row>
  );
}
