// The citizen's pages, without login: file a request and get a tracking code; follow it by that
// code. They show no one's name or phone, and phone numbers in the text are blanked.
import { Alert, Button, Card, Form, Input, Result, Select, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/api-error.ts';
import { formatDateTime } from '../shell/format.ts';
import { useLoader } from '../shell/use-loader.ts';
import { statusColours } from './request-labels.ts';
import { requestsApi, type PublicRequestBody } from './requests-api.ts';

function PublicFrame({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div style={{ maxWidth: 720, margin: '32px auto', padding: '0 16px' }}>
      <Typography.Title level={3}>海淀区 12345 · {title}</Typography.Title>
      {children}
    </div>
  );
}

export function PublicRequestPage() {
  const services = useLoader(() => requestsApi.publicServices(), []);
  const [form] = Form.useForm<PublicRequestBody>();
  const [code, setCode] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const navigate = useNavigate();
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try { setCode((await requestsApi.file(values)).code); } finally { setSaving(false); }
  };
  if (code) {
    return (
      <PublicFrame title="提交成功">
        <Result status="success" title={<span>您的查询码：<Typography.Text copyable strong data-testid="public-code">{code}</Typography.Text></span>}
          subTitle="请保存查询码，凭码查看办理进度。" extra={<Button type="primary" onClick={() => navigate(`/track/${code}`)}>查看进度</Button>} />
      </PublicFrame>
    );
  }
  return (
    <PublicFrame title="网上反映诉求">
      <Card>
        <Form form={form} layout="vertical" name="public" initialValues={{ address: '', citizenName: '', citizenPhone: '' }}>
          <Form.Item name="serviceCode" label="诉求类别" rules={[{ required: true, message: '请选择诉求类别' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={services.loading} data-testid="public-service"
              options={(services.data ?? []).filter((s) => s.parentId).map((s) => ({ value: s.code, label: s.path }))} />
          </Form.Item>
          <Form.Item name="description" label="诉求内容" rules={[{ required: true, min: 2, max: 4000, message: '请描述问题（2–4000 字）' }]}>
            <Input.TextArea rows={5} showCount maxLength={4000} data-testid="public-description" />
          </Form.Item>
          <Form.Item name="address" label="地点"><Input maxLength={200} data-testid="public-address" /></Form.Item>
          <Form.Item name="citizenName" label="姓名（选填，仅热线中心和承办单位可见）"><Input maxLength={40} /></Form.Item>
          <Form.Item name="citizenPhone" label="电话（选填，用于回访）" rules={[{ pattern: /^[0-9+\-() ]*$/, message: '请填写电话号码' }]}><Input maxLength={30} /></Form.Item>
          <Button type="primary" loading={saving} onClick={() => void submit()} data-testid="public-submit">提交</Button>
          <Link to="/track" style={{ marginLeft: 16 }}>已有查询码？查看进度</Link>
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
  return (
    <PublicFrame title="诉求进度查询">
      <Input.Search defaultValue={code} enterButton="查询" placeholder="输入查询码，如 HD251122ABCDEFGH" onSearch={(v) => v.trim() && navigate(`/track/${v.trim().toUpperCase()}`)}
        style={{ marginBottom: 16 }} data-testid="track-search" />
      {notFound && <Alert type="warning" showIcon title="没有找到该查询码对应的诉求，请核对后再试。" />}
      {r && (
        <Card data-testid="track-card" title={<span>{r.serviceName} <Tag color={statusColours[r.status]} data-testid="track-status">{r.statusLabel}</Tag></span>}>
          <Typography.Paragraph>{r.description}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{r.address} · 受理于 {formatDateTime(r.receivedAt)}{r.unitName ? ` · 承办单位：${r.unitName}` : ''}</Typography.Paragraph>
          {r.reply && <Alert type="info" title="办理答复" description={r.reply} style={{ marginBottom: 16 }} />}
          <Steps orientation="vertical" size="small" current={r.steps.length - 1} items={r.steps.map((s) => ({ title: s.label, content: formatDateTime(s.at) }))} />
        </Card>
      )}
    </PublicFrame>
  );
}
