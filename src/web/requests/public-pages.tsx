// The citizen's pages, without login: file a request and get a tracking code; follow it by that
// code. They show no one's name or phone, and phone numbers in the text are blanked.
import { Alert, Button, Card, Form, Input, Result, Select, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/api-error.ts';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { formatDateTime } from '../shell/format.ts';
import { LanguageSwitch } from '../shell/language-switch.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { statusColours, useRequestLabels } from './request-labels.ts';
import { requestsApi, type PublicRequestBody } from './requests-api.ts';

/** The page of a citizen, who has no user menu: the choice of language sits beside the title. */
function PublicFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const tx = useText();
  return (
    <div style={{ maxWidth: 720, margin: '32px auto', padding: '0 16px' }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{tx('海淀区 12345', 'Haidian 12345')} · {title}</Typography.Title>
        <LanguageSwitch />
      </div>
      {children}
    </div>
  );
}

export function PublicRequestPage() {
  const tx = useText();
  const services = useLoader(() => requestsApi.publicServices(), []);
  const areas = useLoader(() => requestsApi.publicAreas(), []);
  const [form] = Form.useForm<PublicRequestBody>();
  const [code, setCode] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const navigate = useNavigate();
  const report = useErrorFeedback();
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      setCode((await requestsApi.file(values)).code);
    } catch (error) {
      // Too many filings from one address (429), or a field the server refused: say so.
      report(error, { form });
    } finally {
      setSaving(false);
    }
  };
  if (code) {
    return (
      <PublicFrame title={tx('提交成功', 'Submitted')}>
        <Result status="success" title={<span>{tx('您的查询码：', 'Your tracking code: ')}<Typography.Text copyable strong data-testid="public-code">{code}</Typography.Text></span>}
          subTitle={tx('请保存查询码，凭码查看办理进度。', 'Please keep this code: with it you can follow how your request is handled.')}
          extra={<Button type="primary" onClick={() => navigate(`/track/${code}`)}>{tx('查看进度', 'See progress')}</Button>} />
      </PublicFrame>
    );
  }
  return (
    <PublicFrame title={tx('网上反映诉求', 'Report a problem online')}>
      <Card>
        <Form form={form} layout="vertical" name="public" initialValues={{ address: '', citizenName: '', citizenPhone: '' }}>
          <Form.Item name="serviceCode" label={tx('诉求类别', 'Category')} rules={[{ required: true, message: tx('请选择诉求类别', 'Please choose a category') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={services.loading} data-testid="public-service"
              options={(services.data ?? []).filter((s) => s.parentId).map((s) => ({ value: s.code, label: s.path }))} />
          </Form.Item>
          <Form.Item name="description" label={tx('诉求内容', 'Description')} rules={[{ required: true, min: 2, max: 4000, message: tx('请描述问题（2–4000 字）', 'Please describe the problem (2–4,000 characters)') }]}>
            <Input.TextArea rows={5} showCount maxLength={4000} data-testid="public-description" />
          </Form.Item>
          <Form.Item name="divisionCode" label={tx('所在街道乡镇（选填）', 'Street or town (optional)')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={areas.loading} data-testid="public-street"
              options={(areas.data ?? []).map((a) => ({ value: a.code, label: a.name }))} />
          </Form.Item>
          <Form.Item name="address" label={tx('地点', 'Location')}><Input maxLength={200} placeholder={tx('如：学院路30号院3号楼', 'e.g. 学院路30号院3号楼')} data-testid="public-address" /></Form.Item>
          <Form.Item name="citizenName" label={tx('姓名（选填，仅热线中心和承办单位可见）', 'Name (optional; only the hotline centre and the handling unit see it)')}><Input maxLength={40} /></Form.Item>
          <Form.Item name="citizenPhone" label={tx('电话（选填，用于回访）', 'Phone (optional; for a call back)')} rules={[{ pattern: /^[0-9+\-() ]*$/, message: tx('请填写电话号码', 'Please enter a phone number') }]}><Input maxLength={30} /></Form.Item>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="public-submit">{tx('提交', 'Submit')}</Button>
          <Link to="/track" style={{ marginLeft: 16 }}>{tx('已有查询码？查看进度', 'Have a tracking code? See progress')}</Link>
        </Form>
      </Card>
    </PublicFrame>
  );
}

export function PublicTrackPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const tracked = useLoader(async () => (code ? requestsApi.track(code) : null), [code]);
  const notFound = tracked.error instanceof ApiError && (tracked.error.status === 404 || tracked.error.status === 400);
  const r = tracked.data;
  const labels = useRequestLabels();
  const { tx } = labels;
  return (
    <PublicFrame title={tx('诉求进度查询', 'Track a request')}>
      <Input.Search defaultValue={code} enterButton={tx('查询', 'Track')} placeholder={tx('输入查询码，如 HD251122ABCDEFGH', 'Tracking code, e.g. HD251122ABCDEFGH')} onSearch={(v) => v.trim() && navigate(`/track/${v.trim().toUpperCase()}`)}
        style={{ marginBottom: 16 }} data-testid="track-search" />
      {notFound && <Alert type="warning" showIcon title={tx('没有找到该查询码对应的诉求，请核对后再试。', 'No request has this tracking code. Please check it and try again.')} />}
      {r && (
        <Card data-testid="track-card" title={<span>{r.serviceName} <Tag color={statusColours[r.status]} data-testid="track-status">{labels.status(r.status)}</Tag></span>}>
          <Typography.Paragraph>{r.description}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{r.address} · {tx('受理于', 'Received')} {formatDateTime(r.receivedAt)}{r.unitName ? tx(` · 承办单位：${r.unitName}`, ` · Handling unit: ${r.unitName}`) : ''}</Typography.Paragraph>
          {r.reply && <Alert type="info" title={tx('办理答复', 'Reply')} description={r.reply} style={{ marginBottom: 16 }} />}
          <Steps orientation="vertical" size="small" current={r.steps.length - 1} items={r.steps.map((s) => ({ title: labels.publicStep(s.label), content: formatDateTime(s.at) }))} />
        </Card>
      )}
    </PublicFrame>
  );
}
