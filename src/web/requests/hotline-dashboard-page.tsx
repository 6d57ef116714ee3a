// 三率与热点: the month's three rates and ranking of streets/towns or departments, and the
// hotspots behind 未诉先办 and 每月一题 — trends, rising clusters, the suggested theme, a map.
import { Alert, Card, Col, DatePicker, List, Row, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import { monthOf } from '../../core/requests/sla.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { percent } from './request-labels.ts';
import { requestsApi, type Hotspots, type RankingRow } from './requests-api.ts';

type Group = 'street_town' | 'department';

export function HotlineDashboardPage() {
  const [month, setMonth] = useState(monthOf(new Date()));
  const [group, setGroup] = useState<Group>('street_town');
  const ranking = useLoader(() => requestsApi.ranking(month, group), [month, group]);
  const hot = useLoader(() => requestsApi.hotspots(month).catch(() => null), [month]);
  const ranked = (ranking.data?.rows ?? []).filter((r) => r.rank !== null);

  const columns: TableColumnsType<RankingRow> = [
    { title: '排名', dataIndex: 'rank', width: 60, render: (r: number | null) => r ?? '—' },
    { title: '单位', dataIndex: 'name' },
    { title: '派单', dataIndex: 'dispatched', width: 70 },
    { title: '响应率', key: 'r', width: 90, render: (_, r) => percent(r.rates.responseRate) },
    { title: '解决率', key: 's', width: 90, render: (_, r) => percent(r.rates.resolutionRate) },
    { title: '满意率', key: 'm', width: 90, render: (_, r) => percent(r.rates.satisfactionRate) },
    { title: '综合', key: 'c', width: 80, render: (_, r) => (r.rates.composite === null ? '—' : r.rates.composite.toFixed(2)) },
  ];

  return (
    <div className="page">
      <PageHeader title="三率与热点" subtitle="响应率、解决率、满意率按月计算，定义见文档 docs/requests.md"
        extra={<Space>
          <DatePicker picker="month" allowClear={false} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} placeholder={month} data-testid="dashboard-month" />
          <Segmented<Group> value={group} onChange={setGroup} options={[{ value: 'street_town', label: '街道乡镇' }, { value: 'department', label: '区级部门' }]} />
        </Space>} />
      {ranking.error ? <LoadFailed error={ranking.error} onRetry={() => void ranking.reload()} /> : (
        <Row gutter={16}>
          <Col xs={24} xl={10}>
            <Card size="small" title={`${month} 综合得分排名`} data-testid="ranking-chart">
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
            <Card size="small" title="三率明细">
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
  const top = hot.categoryTrends.slice(0, 10);
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col xs={24} xl={12}>
        <Card size="small" title={`诉求热点：${hot.month} 共 ${hot.total} 件`}>
          {hot.theme && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={hot.theme.title} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{hot.theme.evidence.map((e) => <li key={e}>{e}</li>)}</ul>} data-testid="monthly-theme" />}
          <ReactECharts style={{ height: 300 }} option={{
            legend: { top: 0 }, tooltip: { trigger: 'axis' }, grid: { left: 90, right: 20, top: 30, bottom: 20 },
            xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, data: top.map((t) => t.name) },
            series: [{ name: '本月', type: 'bar', data: top.map((t) => t.count) }, { name: '上月', type: 'bar', data: top.map((t) => t.previous) }],
          }} />
          <ReactECharts style={{ height: 200 }} option={{
            tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
            xAxis: { type: 'category', data: hot.daily.map((d) => d.day.slice(5)) }, yAxis: { type: 'value' },
            series: [{ type: 'line', smooth: true, areaStyle: {}, data: hot.daily.map((d) => d.n) }],
          }} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="诉求分布（经纬度）" data-testid="request-map">
          <ReactECharts style={{ height: 360 }} option={{
            tooltip: { formatter: (p: { data: [number, number, string] }) => p.data[2] },
            grid: { left: 50, right: 20, top: 20, bottom: 30 },
            xAxis: { type: 'value', min: 116.1, max: 116.42, name: '经度' }, yAxis: { type: 'value', min: 39.88, max: 40.12, name: '纬度' },
            series: [
              { type: 'scatter', symbolSize: 6, data: hot.points.filter((p) => p.status !== 'closed').map((p) => [p.lon, p.lat, p.service]), name: '未办结', itemStyle: { color: '#d4380d' } },
              { type: 'scatter', symbolSize: 5, data: hot.points.filter((p) => p.status === 'closed').map((p) => [p.lon, p.lat, p.service]), name: '已办结', itemStyle: { color: '#8c8c8c', opacity: 0.5 } },
            ],
          }} />
          <List size="small" header={<Typography.Text strong>聚集的同类诉求</Typography.Text>} dataSource={hot.rising.slice(0, 5)}
            renderItem={(c) => <List.Item>{c.divisionName} · {c.serviceName} <Tag color="volcano">{c.count} 件</Tag> <Typography.Text type="secondary">{c.topWords.join('、')}</Typography.Text></List.Item>} />
        </Card>
      </Col>
    </Row>
  );
}
