// Open311 密钥: the keys of the clients that file requests through /open311/v2 (a street's app, a
// partner platform). Admin creates a key, which is shown once and only its hash kept, and revokes
// keys for good.
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { requestsApi, type Open311Key } from './requests-api.ts';

export function Open311KeysPage() {
  const tx = useText();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const keys = useLoader(() => requestsApi.open311Keys(), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  const revoke = async (k: Open311Key) => {
    try {
      await requestsApi.revokeOpen311Key(k.id);
      void message.success(tx(`已吊销「${k.name}」的密钥`, `The key of ${k.name} is revoked`));
      await keys.reload();
    } catch (error) {
      report(error, { onReload: () => void keys.reload() });
    }
  };

  const columns: TableColumnsType<Open311Key> = [
    { title: tx('客户端', 'Client'), dataIndex: 'name' },
    { title: tx('密钥前缀', 'Key starts with'), dataIndex: 'prefix', width: 150, render: (p: string) => <span className="mono">{p}…</span> },
    { title: tx('创建时间', 'Created'), dataIndex: 'createdAt', width: 180, render: (at: string) => formatDateTime(at) },
    {
      title: tx('状态', 'Status'), key: 'status', width: 230,
      render: (_, k) => (k.active
        ? <Tag color="green">{tx('有效', 'Active')}</Tag>
        : <Space size={4}><Tag>{tx('已吊销', 'Revoked')}</Tag>{k.revokedAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(k.revokedAt)}</Typography.Text>}</Space>),
    },
    {
      title: tx('操作', 'Actions'), key: 'actions', width: 100,
      render: (_, k) => (k.active ? (
        <Popconfirm
          title={tx(`吊销「${k.name}」的密钥？`, `Revoke the key of ${k.name}?`)}
          description={<div style={{ maxWidth: 320 }}>{tx('吊销后，使用此密钥的客户端将不能再提交诉求（其他服务器进程最迟 30 秒内生效）。吊销不能撤销；如需恢复，请新建密钥。', 'Clients using this key can no longer file requests (other server processes within 30 seconds). This cannot be undone; create a new key if needed.')}</div>}
          okText={tx('吊销', 'Revoke')} okButtonProps={{ danger: true }} cancelText={tx('取消', 'Cancel')} onConfirm={() => revoke(k)}>
          <Button type="link" size="small" danger style={{ paddingInline: 4 }} data-testid={`revoke-${k.prefix}`}>{tx('吊销', 'Revoke')}</Button>
        </Popconfirm>
      ) : null),
    },
  ];

  return (
    <div className="page">
      <PageHeader title={tx('Open311 密钥', 'Open311 keys')}
        subtitle={tx('通过 Open311 接口（/open311/v2）提交诉求的客户端须使用密钥；系统只保存密钥的摘要。', 'Clients filing requests through Open311 (/open311/v2) need a key; only a digest of each key is kept.')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-key">{tx('新建密钥', 'New key')}</Button>} />
      {keys.error ? <LoadFailed error={keys.error} onRetry={() => void keys.reload()} /> : (
        <Table<Open311Key> rowKey="id" size="small" bordered className="dense-table" loading={keys.loading} columns={columns}
          dataSource={keys.data ?? []} pagination={false} data-testid="keys-table"
          locale={{ emptyText: tx('尚未发放密钥', 'No keys yet') }} />
      )}
      {creating && <CreateKeyModal onClose={() => setCreating(false)} onCreated={(k) => { setCreating(false); setCreated(k); void keys.reload(); }} />}
      <Modal open={created !== null} title={<Space><KeyOutlined />{tx(`「${created?.name ?? ''}」的密钥`, `Key of ${created?.name ?? ''}`)}</Space>}
        onCancel={() => setCreated(null)} maskClosable={false} keyboard={false}
        footer={<Button type="primary" onClick={() => setCreated(null)} data-testid="key-done">{tx('我已妥善保存', 'I have stored it safely')}</Button>}>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }}
          title={tx('密钥只显示这一次', 'The key is shown this once only')}
          description={tx('请立即复制，并通过安全的渠道交给对方。关闭后无法再次查看；遗失时请吊销并新建。', 'Copy it now and hand it over safely. It cannot be shown again; if it is lost, revoke it and create a new one.')} />
        <Typography.Paragraph copyable={{ text: created?.key ?? '', tooltips: [tx('复制', 'Copy'), tx('已复制', 'Copied')] }} className="mono"
          style={{ padding: '8px 12px', background: 'rgba(0, 0, 0, 0.04)', borderRadius: 6, wordBreak: 'break-all', marginBottom: 0 }} data-testid="new-key-value">
          {created?.key}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}

function CreateKeyModal({ onClose, onCreated }: { onClose: () => void; onCreated: (key: { name: string; key: string }) => void }) {
  const tx = useText();
  const report = useErrorFeedback();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ name }: { name: string }) => {
    setBusy(true);
    try {
      const created = await requestsApi.createOpen311Key(name.trim());
      onCreated({ name: created.name, key: created.key });
    } catch (error) {
      report(error, { form });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={tx('新建 Open311 密钥', 'New Open311 key')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy}
      okText={tx('生成密钥', 'Create key')} cancelText={tx('取消', 'Cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" name="open311-key" onFinish={submit}>
        <Form.Item name="name" label={tx('客户端名称', 'Client name')} extra={tx('谁使用此密钥，如“学院路街道App”。', 'Who uses the key, e.g. Xueyuan Road street app.')}
          rules={[{ required: true, whitespace: true, message: tx('请填写客户端名称', 'Please name the client') }]}>
          <Input maxLength={100} autoFocus data-testid="key-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
