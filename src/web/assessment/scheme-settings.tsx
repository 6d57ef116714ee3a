// The scheme-wide settings of a draft (方案设置): name, statistics source, missing-value rule and
// default scoring method; periods with deadline and process weight; veto items; bonus and penalty
// caps; tier rules. Every field shows its problem under it; a published scheme shows them read-only.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Typography } from 'antd';
import type { SchemeContent } from '../../core/scheme/scheme.ts';
import { api } from '../api/client.ts';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { codeProblem, type Problems } from './scheme-checks.ts';
import { MethodFields } from './scheme-methods.tsx';
import { CommitInput } from './scheme-node-form.tsx';

interface SettingsProps {
  content: SchemeContent;
  name: string;
  editable: boolean;
  problems: Problems;
  onChange: (next: SchemeContent, changed: string[]) => void;
  onName: (name: string) => void;
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);
/** Shares are stored as 0–1 and shown as percentages; 0.3 shows as 30, not 30.000000000000004. */
const percent = (share: number | undefined) => (share === undefined ? null : Math.round(share * 100 * 1e6) / 1e6);

export function SchemeSettings({ content, name, editable, problems, onChange, onName }: SettingsProps) {
  const tx = useText();
  const units = useLoader(() => api.units.list({ limit: 500 }), []);
  const disabled = !editable;
  const edit = (changed: string, mutate: (draft: SchemeContent) => void) => {
    const next = structuredClone(content);
    mutate(next);
    onChange(next, [changed]);
  };
  const field = (path: string, label: React.ReactNode, control: React.ReactNode, extra?: React.ReactNode) => {
    const error = problems.at(path);
    return <Form.Item label={label} validateStatus={error ? 'error' : undefined} help={error} extra={extra} style={{ marginBottom: 10 }}>{control}</Form.Item>;
  };
  /** A cell of a settings table: the input with its problem under it. */
  const cell = (path: string, control: React.ReactNode) => {
    const error = problems.at(path);
    return <Form.Item validateStatus={error ? 'error' : undefined} help={error} style={{ marginBottom: 0 }}>{control}</Form.Item>;
  };
  const periodTotal = content.periods.reduce((a, p) => a + (Number.isFinite(p.weight) ? p.weight : 0), 0);
  const a = content.adjustment;
  const tiers = content.tiers;
  const add = (label: string, onClick: () => void, testId: string) => editable && <Button size="small" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>{label}</Button>;
  const remove = (onClick: () => void, testId: string) => <Button size="small" type="text" danger icon={<DeleteOutlined />} disabled={disabled} onClick={onClick} data-testid={testId} aria-label={tx('删除', 'Delete')} />;

  return (
    <Form layout="vertical" size="small" disabled={disabled} data-testid="scheme-settings">
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" className="section-card" title={tx('基本设置与计分规则', 'General and scoring rules')}>
            {field('name', tx('方案名称', 'Scheme name'), <Input value={name} maxLength={100} onChange={(e) => onName(e.target.value)} data-testid="settings-name" />)}
            {field('statisticsUnitCode', tx('统计数据来源单位', 'Statistics source unit'),
              <Select allowClear showSearch optionFilterProp="label" style={{ width: 280 }} loading={units.loading} value={content.statisticsUnitCode ?? undefined}
                placeholder={tx('不指定（只有考核办导入）', 'None (only the office imports)')} data-testid="settings-statistics-unit"
                options={(units.data?.items ?? []).filter((u) => u.active || u.code === content.statisticsUnitCode).map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
                onChange={(code?: string) => edit('statisticsUnitCode', (d) => { d.statisticsUnitCode = code ?? null; })} />,
              tx('该单位的填报员可为所有单位批量导入数据来源为“统计局”的指标', 'Its reporters bulk-import the indicators whose source is “statistics”, for every unit'))}
            {field('missingValue', tx('审核后仍缺失的数据', 'Values still missing after review'),
              <Radio.Group value={content.missingValue} onChange={(e) => edit('missingValue', (d) => { d.missingValue = e.target.value as 'worst' | 'exclude'; })} data-testid="settings-missing"
                options={[{ value: 'worst', label: tx('按本类别最差值计（不报不得分）', 'Worst value of the category') }, { value: 'exclude', label: tx('不参与计算', 'Left out') }]} />)}
            <div className="method-box">
              <Typography.Text strong>{tx('默认计分方法（指标未单独指定时）', 'Default scoring method (indicators without their own)')}</Typography.Text>
              <MethodFields value={content.defaultMethod} disabled={disabled} testId="default-method"
                errorOf={(k) => problems.at(k === 'method' ? 'defaultMethod' : `defaultMethod.${k}`)}
                onChange={(m) => m && edit('defaultMethod', (d) => { d.defaultMethod = m; })} />
            </div>
          </Card>

          <Card size="small" className="section-card" style={{ marginTop: 12 }} title={tx('考核期与过程权重', 'Periods and process weights')}
            extra={add(tx('添加考核期', 'Period'), () => edit('periods', (d) => { d.periods.push({ code: `P${d.periods.length + 1}`, label: tx('新考核期', 'New period'), deadline: '', weight: 0 }); }), 'add-period')}>
            {problems.at('periods') && <Typography.Text type="danger">{problems.at('periods')}</Typography.Text>}
            <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={content.periods} data-testid="settings-periods" columns={[
              { title: tx('代码', 'Code'), width: 90, render: (_, p, i) => cell(`periods[${i}].code`, <Input value={p.code} onChange={(e) => edit(`periods[${i}].code`, (d) => { d.periods[i]!.code = e.target.value.trim(); })} />) },
              { title: tx('名称', 'Name'), render: (_, p, i) => cell(`periods[${i}].label`, <Input value={p.label} maxLength={20} onChange={(e) => edit(`periods[${i}].label`, (d) => { d.periods[i]!.label = e.target.value; })} />) },
              { title: tx('截止日期', 'Deadline'), width: 150, render: (_, p, i) => cell(`periods[${i}].deadline`, <Input type="date" value={p.deadline} data-testid={`period-deadline-${i}`}
                onChange={(e) => edit(`periods[${i}].deadline`, (d) => { d.periods[i]!.deadline = e.target.value; })} />) },
              { title: tx('权重', 'Weight'), width: 100, render: (_, p, i) => cell(`periods[${i}].weight`, <InputNumber min={0} step={0.05} style={{ width: 85 }} value={num(p.weight)} data-testid={`period-weight-${i}`}
                onChange={(v) => edit(`periods[${i}].weight`, (d) => { d.periods[i]!.weight = num(v) as number; })} />) },
              { title: tx('占比', 'Share'), width: 70, render: (_, p) => (periodTotal > 0 && Number.isFinite(p.weight) ? `${((p.weight / periodTotal) * 100).toFixed(1)}%` : '—') },
              { title: '', width: 40, render: (_, _p, i) => remove(() => edit('periods', (d) => { d.periods.splice(i, 1); }), `remove-period-${i}`) },
            ]} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{tx('各期为累计期；年度得分按权重合成各期得分（缺期按比例重新分配）', 'Cumulative periods; the year combines them by weight (missing periods are renormalised)')}</Typography.Text>
            <div style={{ marginTop: 10 }}>
              {field('monthlyDueDay', tx('月度填报截止日（次月几日）', 'Monthly reports due on (day of the next month)'),
                <InputNumber min={1} max={28} precision={0} style={{ width: 120 }} value={num(content.monthlyDueDay)} placeholder={tx('默认 10 日', 'default: 10th')} data-testid="settings-monthly-due-day"
                  onChange={(v) => edit('monthlyDueDay', (d) => { const x = num(v); if (x === null) delete d.monthlyDueDay; else d.monthlyDueDay = x; })} />,
                tx('按月填报的指标（频次为“按月”）每月一报，次月此日截止；指标可另设自己的截止日', 'Monthly indicators are reported each month, due this day of the next month; an indicator may set its own due day'))}
            </div>
          </Card>
        </Col>

        <Col xs={24} xl={12}>
          <Card size="small" className="section-card" title={tx('一票否决事项', 'Veto items')}
            extra={add(tx('添加事项', 'Item'), () => edit('vetoItems', (d) => { d.vetoItems.push({ code: `veto${d.vetoItems.length + 1}`, name: '' }); }), 'add-veto')}>
            <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={content.vetoItems} locale={{ emptyText: tx('没有一票否决事项', 'No veto items') }} columns={[
              { title: tx('代码', 'Code'), width: 140, render: (_, v, i) => cell(`vetoItems[${i}].code`, <Input value={v.code} onChange={(e) => edit(`vetoItems[${i}].code`, (d) => { d.vetoItems[i]!.code = e.target.value.trim(); })} />) },
              { title: tx('名称', 'Name'), render: (_, v, i) => cell(`vetoItems[${i}].name`, <Input value={v.name} maxLength={40} onChange={(e) => edit(`vetoItems[${i}].name`, (d) => { d.vetoItems[i]!.name = e.target.value; })} />) },
              { title: '', width: 40, render: (_, _v, i) => remove(() => edit('vetoItems', (d) => { d.vetoItems.splice(i, 1); }), `remove-veto-${i}`) },
            ]} />
          </Card>

          <Card size="small" className="section-card" style={{ marginTop: 12 }} title={tx('加减分与否决后果', 'Bonus, penalty and veto caps')}>
            <Space wrap align="start" size={[12, 0]}>
              {field('adjustment.bonusCap', tx('加分合计上限', 'Bonus cap'), <InputNumber min={0} placeholder={tx('不限', 'none')} value={num(a.bonusCap)} data-testid="settings-bonus-cap"
                onChange={(v) => edit('adjustment.bonusCap', (d) => { d.adjustment.bonusCap = num(v); })} />)}
              {field('adjustment.penaltyCap', tx('扣分合计上限', 'Penalty cap'), <InputNumber min={0} placeholder={tx('不限', 'none')} value={num(a.penaltyCap)} data-testid="settings-penalty-cap"
                onChange={(v) => edit('adjustment.penaltyCap', (d) => { d.adjustment.penaltyCap = num(v); })} />)}
              {field('adjustment.vetoScoreCap', tx('否决后得分上限', 'Score cap after a veto'), <InputNumber min={0} placeholder={tx('不限', 'none')} value={num(a.vetoScoreCap)}
                onChange={(v) => edit('adjustment.vetoScoreCap', (d) => { d.adjustment.vetoScoreCap = num(v); })} />)}
              {field('adjustment.vetoTierCap', tx('否决后最高等次', 'Best tier after a veto'), <Select style={{ width: 140 }} allowClear placeholder={tx('不限', 'none')} value={a.vetoTierCap ?? undefined}
                disabled={disabled || !tiers} options={(tiers?.bands ?? []).map((b) => ({ value: b.name, label: b.name }))}
                onChange={(t?: string) => edit('adjustment.vetoTierCap', (d) => { d.adjustment.vetoTierCap = t ?? null; })} />)}
            </Space>
            <Typography.Paragraph style={{ margin: '4px 0' }}>{tx('单项加分上限（按事项代码，如 award）', 'Caps per item (by item code, e.g. award)')}</Typography.Paragraph>
            <Table size="small" pagination={false} rowKey={([item]) => item} dataSource={Object.entries(a.itemCaps)} locale={{ emptyText: tx('没有单项上限', 'No item caps') }} columns={[
              { title: tx('事项代码', 'Item code'), render: (_, [item]) => <CommitInput value={item} disabled={disabled} width={140}
                check={(c) => codeProblem(c, tx) ?? (c in a.itemCaps ? tx(`事项 ${c} 已有上限`, `${c} has a cap already`) : undefined)}
                onCommit={(c) => edit('adjustment.itemCaps', (d) => { d.adjustment.itemCaps = Object.fromEntries(Object.entries(d.adjustment.itemCaps).map(([k, v]) => [k === item ? c : k, v])); })} /> },
              { title: tx('上限（分）', 'Cap (points)'), width: 130, render: (_, [item, cap]) => cell(`adjustment.itemCaps.${item}`, <InputNumber min={0} value={num(cap)}
                onChange={(v) => edit(`adjustment.itemCaps.${item}`, (d) => { d.adjustment.itemCaps[item] = num(v) as number; })} />) },
              { title: '', width: 40, render: (_, [item]) => remove(() => edit('adjustment.itemCaps', (d) => { delete d.adjustment.itemCaps[item]; }), `remove-item-cap-${item}`) },
            ]} />
            {editable && <Button size="small" style={{ marginTop: 6 }} icon={<PlusOutlined />} onClick={() => edit('adjustment.itemCaps', (d) => {
              let k = 1;
              while (`item${k}` in d.adjustment.itemCaps) k++;
              d.adjustment.itemCaps[`item${k}`] = 1;
            })}>{tx('添加单项上限', 'Item cap')}</Button>}
          </Card>

          <Card size="small" className="section-card" style={{ marginTop: 12 }} title={tx('等次规则', 'Tiers')}
            extra={tiers && add(tx('添加等次', 'Tier'), () => edit('tiers', (d) => { d.tiers!.bands.push({ name: '' }); }), 'add-tier')}>
            {field('tiers', tx('划分方式', 'Assigned by'), <Radio.Group value={tiers?.by ?? 'none'} data-testid="settings-tiers-by" onChange={(e) => edit('tiers', (d) => {
              const by = e.target.value as 'none' | 'share' | 'score';
              const names = d.tiers?.bands.map((b) => b.name) ?? ['第一等次', '第二等次', '第三等次'];
              d.tiers = by === 'none' ? undefined : by === 'share' ? { by, bands: names.map((name) => ({ name })) } : { by, bands: names.map((name) => ({ name })) };
              if (by === 'none') d.adjustment.vetoTierCap = null;
            })} options={[{ value: 'none', label: tx('不划分等次', 'No tiers') }, { value: 'share', label: tx('按名次比例', 'By share of ranks') }, { value: 'score', label: tx('按得分', 'By score') }]} />)}
            {tiers && <Table size="small" pagination={false} rowKey={(_, i) => String(i)} dataSource={tiers.bands as { name: string; share?: number; min?: number }[]} columns={[
              { title: tx('等次', 'Tier'), render: (_, b, i) => cell(`tiers.bands[${i}].name`, <Input value={b.name} maxLength={20} onChange={(e) => edit(`tiers.bands[${i}].name`, (d) => {
                const was = d.tiers!.bands[i]!.name;
                d.tiers!.bands[i]!.name = e.target.value;
                if (d.adjustment.vetoTierCap === was) d.adjustment.vetoTierCap = e.target.value;
              })} />) },
              tiers.by === 'share'
                ? { title: tx('比例 %（最后一档可留空 = 其余）', 'Share % (last may be empty = the rest)'), width: 210, render: (_, b, i) => cell(`tiers.bands[${i}].share`, <InputNumber min={0} max={100} value={percent(b.share)} data-testid={`tier-share-${i}`}
                  placeholder={tx('其余', 'the rest')} onChange={(v) => edit(`tiers.bands[${i}].share`, (d) => { const x = num(v); const band = d.tiers!.bands[i] as { share?: number }; if (x === null) delete band.share; else band.share = x / 100; })} />) }
                : { title: tx('最低分（最后一档可留空）', 'Minimum score (last may be empty)'), width: 210, render: (_, b, i) => cell(`tiers.bands[${i}].min`, <InputNumber value={num(b.min)} data-testid={`tier-min-${i}`}
                  placeholder={tx('其余', 'the rest')} onChange={(v) => edit(`tiers.bands[${i}].min`, (d) => { const x = num(v); const band = d.tiers!.bands[i] as { min?: number }; if (x === null) delete band.min; else band.min = x; })} />) },
              { title: '', width: 40, render: (_, _b, i) => remove(() => edit('tiers', (d) => { d.tiers!.bands.splice(i, 1); if (d.tiers!.bands.length === 0) d.tiers = undefined; }), `remove-tier-${i}`) },
            ]} />}
          </Card>
        </Col>
      </Row>
    </Form>
  );
}
