// 诉求设置: the weights of the three rates and the credit of "basically satisfied" (the assessment
// office's), the duplicate radius and window and the default time limits of each SLA class (the
// hotline centre's). Admin changes all; each part is read-only to those who may not change it.
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { slaClasses, type SlaClass, type TimeLimit } from '../../core/requests/sla.ts';
import { useUser } from '../auth/session-context.tsx';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { formatNumber } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { inOrder, LimitInput, limitProblem, slaClassHint, slaClassText } from './limit-input.tsx';
import { requestsApi, type RequestSettings } from './requests-api.ts';

type Values = Omit<RequestSettings, 'version'>;

export function RequestSettingsPage() {
  const tx = useText();
  const user = useUser();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const loaded = useLoader(() => requestsApi.settings(), []);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const canRates = user.role === 'admin' || user.role === 'assessment_office';
  const canOperations = user.role === 'admin' || user.role === 'hotline_centre';
  const weights = Form.useWatch([], form) as Partial<Values> | undefined;

  useEffect(() => { if (loaded.data) form.setFieldsValue(loaded.data); }, [loaded.data, form]);

  if (loaded.error) return <LoadFailed error={loaded.error} onRetry={() => void loaded.reload()} />;
  const current = loaded.data;

  const save = async (values: Values) => {
    if (!current) return;
    setBusy(true);
    try {
      const saved = await requestsApi.saveSettings({ ...current, ...values, version: current.version });
      form.setFieldsValue(saved);
      void message.success(tx('诉求设置已保存；新的时限用于此后派单的诉求', 'Settings saved; new time limits apply to requests dispatched from now on'));
      await loaded.reload();
    } catch (error) {
      report(error, { form, onReload: () => void loaded.reload() });
    } finally {
      setBusy(false);
    }
  };

  const number = (name: keyof Values, label: string, props: { min: number; max: number; step?: number; suffix?: string }, enabled: boolean, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: tx(`请填写${label}`, `Please give the ${label.toLowerCase()}`) }]}>
      <InputNumber min={props.min} max={props.max} step={props.step ?? 1} suffix={props.suffix} disabled={!enabled} style={{ width: 160 }} data-testid={`setting-${name}`} />
    </Form.Item>
  );

  const sum = (weights?.responseWeight ?? 0) + (weights?.resolutionWeight ?? 0) + (weights?.satisfactionWeight ?? 0);
  const limitRule = (c: SlaClass, which: 'response' | 'resolution') => ({
    validator: async (_: unknown, value: Partial<TimeLimit>) => {
      const problem = limitProblem(value, tx);
      if (problem) throw new Error(problem);
      const pair = form.getFieldValue(['classLimits', c]) as { response?: Partial<TimeLimit>; resolution?: Partial<TimeLimit> } | undefined;
      const other = which === 'response' ? pair?.resolution : pair?.response;
      if (which === 'response' && other && !limitProblem(other, tx) && !inOrder(value as TimeLimit, other as TimeLimit)) {
        throw new Error(tx('不能长于办结时限', 'No longer than the resolution limit'));
      }
    },
  });

  return (
    <div className="page">
      <PageHeader title={tx('诉求设置', 'Request settings')}
        subtitle={tx('三率权重、重复诉求判定和各时限类别的默认办理时限。每次修改都记入审计日志。', 'Weights of the three rates, duplicate detection, and the default time limits of each SLA class. Every change is recorded in the audit trail.')}
        extra={(canRates || canOperations) && <Button type="primary" loading={busy} disabled={!current} onClick={() => form.submit()} data-testid="settings-save">{tx('保存', 'Save')}</Button>} />
      {!current ? <Card loading /> : (
        <Form<Values> form={form} name="request-settings" layout="vertical" onFinish={save} initialValues={current}>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Card size="small" title={tx('三率权重（考核办）', 'Weights of the three rates (assessment office)')} style={{ marginBottom: 16 }}>
                {!canRates && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={tx('权重用于综合考核，由考核办和系统管理员设置。', 'The weights feed the assessment; the assessment office and admin set them.')} />}
                <Space wrap size="large">
                  {number('responseWeight', tx('响应率权重', 'Response rate weight'), { min: 0, max: 100 }, canRates)}
                  {number('resolutionWeight', tx('解决率权重', 'Resolution rate weight'), { min: 0, max: 100 }, canRates)}
                  {number('satisfactionWeight', tx('满意率权重', 'Satisfaction rate weight'), { min: 0, max: 100 }, canRates)}
                </Space>
                {number('basicallySatisfiedCredit', tx('“基本满意”折算', '"Mostly satisfied" counts as'), { min: 0, max: 1, step: 0.05 }, canRates,
                  tx('一次“基本满意”计入满意率的份额（0–1）。', 'The share of a "mostly satisfied" answer counted as satisfied (0–1).'))}
                <Typography.Text type={sum > 0 ? 'secondary' : 'danger'} data-testid="composite-formula">
                  {sum > 0
                    ? tx(`综合得分 = 100 ×（${formatNumber(weights?.responseWeight ?? 0)} × 响应率 + ${formatNumber(weights?.resolutionWeight ?? 0)} × 解决率 + ${formatNumber(weights?.satisfactionWeight ?? 0)} × 满意率）÷ ${formatNumber(sum)}`,
                      `Composite = 100 × (${formatNumber(weights?.responseWeight ?? 0)} × response + ${formatNumber(weights?.resolutionWeight ?? 0)} × resolution + ${formatNumber(weights?.satisfactionWeight ?? 0)} × satisfaction) ÷ ${formatNumber(sum)}`)
                    : tx('三个权重不能都为 0', 'At least one weight must be more than 0')}
                </Typography.Text>
                <div><Typography.Text type="secondary">{tx('解决率和满意率只统计回访；无需回访的类别未经回访办结的诉求不计入。', 'The resolution and satisfaction rates count callbacks only; requests closed without a callback count in neither.')}</Typography.Text></div>
              </Card>
              <Card size="small" title={tx('重复诉求判定（热线中心）', 'Duplicate detection (hotline centre)')} style={{ marginBottom: 16 }}>
                <Typography.Paragraph type="secondary">{tx('同一类别、在此距离和时间内已有未办结诉求的，新诉求标为疑似重复。', 'A new request is flagged as a likely duplicate when an open request of the same category lies within this distance and time.')}</Typography.Paragraph>
                <Space wrap size="large">
                  {number('duplicateRadiusM', tx('距离', 'Radius'), { min: 10, max: 10_000, step: 10, suffix: tx('米', 'm') }, canOperations)}
                  {number('duplicateWindowHours', tx('时间窗口', 'Window'), { min: 1, max: 2_160, suffix: tx('小时', 'h') }, canOperations)}
                </Space>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={tx('各时限类别的默认办理时限（热线中心）', 'Default time limits of each SLA class (hotline centre)')} style={{ marginBottom: 16 }}>
                <Typography.Paragraph type="secondary">
                  {tx('派单目录中未单独设置时限的类别按此办理。修改只影响此后派单（或重新办理）的诉求，已派单的诉求保留原时限。时限最长 720 小时或 90 天；按天计的时限到最后一天北京时间 24 时止。',
                    'Categories without limits of their own follow these. A change applies to requests dispatched (or reopened) from then on; requests already dispatched keep their deadlines. At most 720 hours or 90 days; a limit in days ends at midnight Beijing time of the last day.')}
                </Typography.Paragraph>
                <Table<{ c: SlaClass }> rowKey="c" size="small" pagination={false} bordered dataSource={slaClasses.map((c) => ({ c }))} data-testid="class-limits"
                  columns={[
                    { title: tx('时限类别', 'SLA class'), key: 'class', render: (_, { c }) => <div><Typography.Text strong>{tx(...slaClassText[c])}</Typography.Text><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{tx(...slaClassHint[c])}</Typography.Text></div></div> },
                    { title: tx('响应时限', 'Response'), key: 'response', render: (_, { c }) => (
                      <Form.Item name={['classLimits', c, 'response']} style={{ margin: 0 }} dependencies={[['classLimits', c, 'resolution']]} rules={[limitRule(c, 'response')]}>
                        <LimitInput disabled={!canOperations} testId={`limit-${c}-response`} />
                      </Form.Item>
                    ) },
                    { title: tx('办结时限', 'Resolution'), key: 'resolution', render: (_, { c }) => (
                      <Form.Item name={['classLimits', c, 'resolution']} style={{ margin: 0 }} rules={[limitRule(c, 'resolution')]}>
                        <LimitInput disabled={!canOperations} testId={`limit-${c}-resolution`} />
                      </Form.Item>
                    ) },
                  ]} />
                {!canOperations && <Alert type="info" showIcon style={{ marginTop: 12 }} title={tx('时限和重复判定由热线中心和系统管理员设置。', 'The hotline centre and admin set the time limits and duplicate detection.')} />}
              </Card>
            </Col>
          </Row>
        </Form>
      )}
    </div>
  );
}
