// Indicators a unit does not report: computed from the 12345 hotline's monthly three-rate composites
// (data source `requests`). Shown read-only on the entry and review pages, with where the value
// comes from — the months of the period and the unit's composite in each — never as an input.
import { CalculatorOutlined, LockOutlined } from '@ant-design/icons';
import { Card, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { ComputedLine } from '../../core/scheme/collection.ts';
import { currentLanguage } from '../shell/i18n.ts';
import { useText } from '../shell/use-text.ts';
import { score2 } from './assessment-text.tsx';

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-03 → 3月 / Mar. */
function monthLabel(month: string): string {
  const m = Number(month.slice(5, 7));
  return currentLanguage() === 'en' ? monthNames[m - 1]! : `${m}月`;
}

/** The months a period covers: 2026年1–6月 / Jan–Jun 2026. */
function monthRange(months: string[]): string {
  if (months.length === 0) return '—';
  const year = months[0]!.slice(0, 4);
  const first = monthLabel(months[0]!), last = monthLabel(months.at(-1)!);
  if (currentLanguage() === 'en') return months.length === 1 ? `${first} ${year}` : `${first}–${last} ${year}`;
  return months.length === 1 ? `${year}年${first}` : `${year}年${first.replace('月', '')}–${last}`;
}

export function ComputedLines({ lines }: { lines: ComputedLine[] }) {
  const tx = useText();
  if (lines.length === 0) return null;
  const columns: TableColumnsType<ComputedLine> = [
    { title: tx('维度', 'Dimension'), dataIndex: 'dimension', width: 90 },
    { title: tx('指标', 'Indicator'), key: 'name', width: 170, render: (_, l) => <Space direction="vertical" size={0}>
      <span>{l.name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.indicatorCode}{l.direction === -1 ? tx(' · 越低越好', ' · lower is better') : ''}</Typography.Text>
    </Space> },
    { title: tx('单位', 'Unit'), dataIndex: 'unitOfMeasure', width: 60 },
    // A score computed to full precision: shown with two decimals, like every score.
    { title: tx('目标值', 'Target'), dataIndex: 'target', width: 80, render: (v: number | null) => (v === null ? '—' : String(v)) },
    { title: tx('上期值', 'Previous'), dataIndex: 'previous', width: 90, render: score2 },
    { title: tx('本期值', 'Value'), key: 'value', width: 150, render: (_, l) => <Space size={4} data-testid={`computed-${l.indicatorCode}`}>
      {l.value === null
        ? <Tooltip title={tx('考核期内没有一个月有综合得分，按方案的缺失值规则处理', 'No month of the period has a composite: the scheme’s rule for missing values applies')}><Tag color="red">{tx('无数据', 'no data')}</Tag></Tooltip>
        : <Typography.Text strong>{score2(l.value)}</Typography.Text>}
      <Tooltip title={l.frozen ? tx('本期结果已发布，数值以发布时为准', 'The result is published: the value it used stands') : tx('自动计算，不能填报或修改', 'Computed; cannot be entered or changed')}>
        <LockOutlined style={{ color: '#8c8c8c' }} />
      </Tooltip>
    </Space> },
    { title: tx('变化', 'Change'), dataIndex: 'change', width: 80, render: (c: number | null) => (c === null ? '—'
      : <span style={{ color: c > 0 ? '#389e0d' : c < 0 ? '#cf1322' : undefined }}>{c > 0 ? '+' : ''}{score2(c)}</span>) },
    { title: tx('数据来源', 'Source'), key: 'source', render: (_, l) => <Space direction="vertical" size={2}>
      <Space size={4} wrap>
        <Tag color="geekblue" data-testid="computed-source">{tx('根据12345接诉即办数据计算', 'Computed from 12345 hotline data')}</Tag>
        <span>{tx(`${monthRange(l.months)}各月综合得分的平均`, `mean of the monthly composites, ${monthRange(l.months)}`)}</span>
        {l.frozen && <Tag color="default">{tx('已按发布结果冻结', 'frozen as published')}</Tag>}
      </Space>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="computed-months">
        {l.months.map((m, i) => <span key={m} style={{ whiteSpace: 'nowrap' }}>{i > 0 ? ' · ' : ''}{monthLabel(m)} {l.composites[m] === undefined ? '—' : score2(l.composites[m])}</span>)}
      </Typography.Text>
    </Space> },
  ];
  return (
    <Card size="small" className="section-card" style={{ marginTop: 12 }} data-testid="computed-lines"
      title={<Space><CalculatorOutlined />{tx('自动计算的指标（无需填报）', 'Computed indicators (not entered)')}</Space>}>
      <Table<ComputedLine> rowKey="indicatorCode" columns={columns} dataSource={lines} pagination={false} size="small" />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {tx('12345接诉即办每月按响应率、解决率、满意率加权计算综合得分；本期值为考核期内有得分各月的平均值。计算结果时按当时的数据重新取值，单位无需填报，也不能修改。',
          'Each month the 12345 hotline weights the response, resolution and satisfaction rates into a composite; the value is the mean over the months of the period that have one. It is taken afresh when results are computed; the unit neither enters nor changes it.')}
      </Typography.Paragraph>
    </Card>
  );
}
