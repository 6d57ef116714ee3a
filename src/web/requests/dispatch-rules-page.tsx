// 派单规则: which unit a request goes to, by category, by street or town, or both. The dispatcher's
// suggestion follows the most specific rule; without one, the street or town the request lies in
// or the category's department answers. The hotline centre and admin add and remove rules; other
// officials read them.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { useUser } from '../auth/session-context.tsx';
import { UnitPicker } from '../org/unit-picker.tsx';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { formatDateTime } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { inLanguage, useText } from '../shell/use-text.ts';
import { requestsApi, type DispatchRuleView } from './requests-api.ts';

const specificity = (r: DispatchRuleView) => (r.serviceId ? 2 : 0) + (r.divisionCode ? 1 : 0);

export function DispatchRulesPage() {
  const tx = useText();
  const user = useUser();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const canManage = user.role === 'admin' || user.role === 'hotline_centre';
  const rules = useLoader(() => requestsApi.dispatchRules(), []);
  const [adding, setAdding] = useState(false);

  const scopeText = (r: DispatchRuleView) => ({
    3: tx('本类别 + 本街乡', 'Category + street'),
    2: tx('本类别，全区', 'Category, anywhere'),
    1: tx('本街乡，任意类别', 'Street, any category'),
  } as Record<number, string>)[specificity(r)] ?? '';

  const remove = async (r: DispatchRuleView) => {
    try {
      await requestsApi.deleteDispatchRule(r.id);
      void message.success(tx('已删除规则，删除记录保留在审计日志中', 'Rule removed; the audit trail keeps it'));
      await rules.reload();
    } catch (error) {
      report(error, { onReload: () => void rules.reload() });
    }
  };

  const columns: TableColumnsType<DispatchRuleView> = [
    { title: tx('诉求类别', 'Category'), dataIndex: 'serviceName', render: (v: string | null, r) => (v ? <span>{v} <Typography.Text type="secondary" className="mono">{r.serviceCode}</Typography.Text></span> : <Tag>{tx('任意类别', 'Any category')}</Tag>) },
    { title: tx('街道乡镇', 'Street/town'), dataIndex: 'divisionName', width: 160, render: (v: string | null) => v ?? <Tag>{tx('全区', 'Whole district')}</Tag> },
    { title: tx('派往单位', 'Goes to'), dataIndex: 'unitName', width: 220, render: (v: string, r) => <Space size={4}>{v}{!r.unitActive && <Tag color="red">{tx('已停用，规则不生效', 'inactive: rule ignored')}</Tag>}</Space> },
    { title: tx('适用范围', 'Scope'), key: 'scope', width: 170, render: (_, r) => <Tag color={['', 'default', 'blue', 'geekblue'][specificity(r)]}>{scopeText(r)}</Tag> },
    { title: tx('添加时间', 'Added'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    ...(canManage ? [{
      title: tx('操作', 'Actions'), key: 'actions', width: 90,
      render: (_: unknown, r: DispatchRuleView) => (
        <Popconfirm placement="left" title={tx('删除这条规则？', 'Remove this rule?')} okText={tx('删除', 'Remove')} cancelText={tx('取消', 'Cancel')} okButtonProps={{ danger: true }}
          description={<div style={{ maxWidth: 300 }}>{tx('此后此类诉求按属地或行业主管建议派单。', "Such requests are then suggested to the street/town or the category's department.")}</div>}
          onConfirm={() => remove(r)}>
          <Button size="small" type="link" danger data-testid="dispatch-rule-delete">{tx('删除', 'Remove')}</Button>
        </Popconfirm>
      ),
    }] : []),
  ];

  return (
    <div className="page">
      <PageHeader
        title={tx('派单规则', 'Dispatch rules')}
        subtitle={tx('热线派单时，系统按规则建议承办单位；派单员仍可改派。', 'When dispatching, the hotline is offered the unit a rule names; the dispatcher may still choose another.')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="dispatch-rule-add">{tx('新增规则', 'Add rule')}</Button>}
      />
      <Alert type="info" showIcon className="section-card"
        title={tx('规则的先后：本类别 + 本街乡 → 本类别全区 → 本街乡任意类别；都没有时，按诉求所在街道乡镇（属地）或类别的主管部门派单。', "Order: category and street → category anywhere → street, any category; with none, the street or town the request lies in, or the category's department.")} />
      {rules.error ? <LoadFailed error={rules.error} onRetry={() => void rules.reload()} /> : (
        <Table<DispatchRuleView> rowKey="id" size="small" bordered loading={rules.loading} columns={columns} dataSource={rules.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }} data-testid="dispatch-rules-table"
          locale={{ emptyText: tx('尚无派单规则：全部按属地或主管部门建议派单', 'No rules: every request is suggested to its street/town or department') }} />
      )}
      {adding && <AddRule onClose={() => setAdding(false)} onAdded={() => { setAdding(false); void rules.reload(); }} />}
    </div>
  );
}

interface Values { serviceId?: string; divisionCode?: string; unitId?: string }

function AddRule({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const tx = useText();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const services = useLoader(() => requestsApi.services(), []);
  const streets = useLoader(() => requestsApi.streets(), []);
  const serviceOptions = useMemo(() => (services.data ?? []).filter((s) => s.active && s.parentId)
    .map((s) => ({ value: s.id, label: s.path, search: `${s.path} ${s.code} ${s.pinyinInitials}`.toLowerCase() })), [services.data]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const rule = await requestsApi.createDispatchRule({ serviceId: v.serviceId ?? null, divisionCode: v.divisionCode ?? null, unitId: v.unitId! });
      void message.success(tx(`已添加：${rule.serviceName ?? '任意类别'}，${rule.divisionName ?? '全区'} → ${rule.unitName}`, `Added: ${rule.serviceName ?? 'any category'}, ${rule.divisionName ?? 'whole district'} → ${rule.unitName}`));
      onAdded();
    } catch (error) {
      // The server names the field (serviceId, divisionCode, unitId): the problem shows beside it.
      const field = isApiError(error) ? (error.details as { field?: unknown } | undefined)?.field : undefined;
      if (isApiError(error) && (field === 'serviceId' || field === 'divisionCode' || field === 'unitId')) {
        form.setFields([{ name: field, errors: [inLanguage(error.message, tx)] }]);
      } else report(error, { form });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={tx('新增派单规则', 'Add a dispatch rule')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving}
      okText={tx('添加', 'Add')} cancelText={tx('取消', 'Cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="serviceId" label={tx('诉求类别', 'Category')} extra={tx('不选：任意类别', 'Empty: any category')}
          dependencies={['divisionCode']}
          rules={[({ getFieldValue }) => ({ validator: async (_, value) => { if (!value && !getFieldValue('divisionCode')) throw new Error(tx('类别和街道乡镇至少选一项', 'Choose a category, a street or town, or both')); } })]}>
          <Select allowClear loading={services.loading} placeholder={tx('搜索类别名称、代码或拼音首字母', 'Search by name, code or pinyin initials')} data-testid="dispatch-rule-service"
            showSearch={{ filterOption: (input, option) => (option?.search ?? '').includes(input.trim().toLowerCase()) }} options={serviceOptions} />
        </Form.Item>
        <Form.Item name="divisionCode" label={tx('街道乡镇', 'Street or town')} extra={tx('不选：全区', 'Empty: the whole district')}>
          <Select allowClear loading={streets.loading} placeholder={tx('选择街道乡镇', 'Choose a street or town')} data-testid="dispatch-rule-street"
            showSearch={{ optionFilterProp: 'label' }} options={(streets.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
        <Form.Item name="unitId" label={tx('派往单位', 'Goes to')} rules={[{ required: true, message: tx('请选择承办单位', 'Choose the unit') }]}>
          <UnitPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
