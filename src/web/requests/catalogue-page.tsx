// 派单目录: the categories of requests in their two-level tree, each with the kind of unit that
// answers it, its time limits (its own or its class's default) and whether the citizen must be
// called back. The hotline centre and admin create, edit, deactivate and reactivate them.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Col, Drawer, Form, Input, Popconfirm, Radio, Row, Select, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { pinyinKeys } from '../../core/org/pinyin-search.ts';
import { responsibleKinds, type ResponsibleKind } from '../../core/requests/catalogue.ts';
import { slaClasses, type SlaClass, type TimeLimit } from '../../core/requests/sla.ts';
import { api } from '../api/client.ts';
import { useUser } from '../auth/session-context.tsx';
import { ActiveBadge } from '../org/unit-status.tsx';
import { UnitPicker } from '../org/unit-picker.tsx';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';
import { useText } from '../shell/use-text.ts';
import { matchesTerm } from './call-taker-page.tsx';
import { inOrder, LimitInput, limitProblem, responsibleKindText, slaClassHint, slaClassText, useLimitText } from './limit-input.tsx';
import { requestsApi, type RequestSettings, type ServiceView } from './requests-api.ts';

type Row = ServiceView & { children?: Row[] };

export function CataloguePage() {
  const tx = useText();
  const user = useUser();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const limitText = useLimitText();
  const canManage = user.role === 'admin' || user.role === 'hotline_centre';
  const services = useLoader(() => requestsApi.services(), []);
  const settings = useLoader(() => requestsApi.settings(), []);
  // Names of the departments that answer department categories.
  const units = useLoader(() => api.units.list({ limit: 500 }), []);
  const unitNames = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u.name])), [units.data]);
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<ServiceView | 'new' | null>(null);

  const tree = useMemo(() => {
    const all = services.data ?? [];
    const keys = new Map(all.map((s) => [s.id, pinyinKeys(s.name)]));
    const hit = (s: ServiceView) => matchesTerm(search, s.name, s.pinyinInitials || keys.get(s.id)!.initials, keys.get(s.id)!.full, s.code)
      || s.keywords.some((k) => k.includes(search.trim()));
    const visible = (s: ServiceView) => showInactive || s.active;
    const groups = all.filter((s) => s.parentId === null);
    return groups.flatMap((g): Row[] => {
      const children = all.filter((s) => s.parentId === g.id && visible(s) && (hit(s) || hit(g)));
      if (!visible(g) && children.length === 0) return [];
      if (search.trim() && children.length === 0 && !hit(g)) return [];
      return [{ ...g, children: children.length ? children : undefined }];
    });
  }, [services.data, search, showInactive]);

  const setActive = async (s: ServiceView, active: boolean) => {
    try {
      await requestsApi.updateService(s.id, { active, version: s.version });
      void message.success(active ? tx(`已启用「${s.name}」`, `${s.name} is in use again`) : tx(`已停用「${s.name}」`, `${s.name} is no longer offered`));
      await services.reload();
    } catch (error) {
      report(error, { onReload: () => void services.reload() });
    }
  };

  // The exceptions stand out: a category's own limit is tagged, a class default is shown quietly.
  const limitCell = (limit: TimeLimit, own: TimeLimit | null) => (own
    ? <Space size={4}><span>{limitText(limit)}</span><Tag color="gold" style={{ marginInlineEnd: 0 }}>{tx('单独', 'own')}</Tag></Space>
    : <Tooltip title={tx('按时限类别的默认值（在诉求设置中修改）', 'The default of its class (changed in the request settings)')}>
      <Typography.Text type="secondary">{limitText(limit)}</Typography.Text>
    </Tooltip>);

  const columns: TableColumnsType<Row> = [
    {
      title: tx('类别', 'Category'), dataIndex: 'name', width: 220,
      render: (name: string, s) => (s.parentId === null ? <Typography.Text strong>{name}</Typography.Text> : <span style={{ paddingInlineStart: 16 }}>{name}</span>),
    },
    { title: tx('代码', 'Code'), dataIndex: 'code', width: 120, render: (c: string) => <span className="mono">{c}</span> },
    { title: tx('拼音', 'Pinyin'), dataIndex: 'pinyinInitials', width: 80, render: (p: string) => <span className="mono">{p}</span> },
    {
      title: tx('承办单位', 'Answered by'), key: 'responsible', width: 190,
      render: (_, s) => (s.parentId === null ? null : (
        <span>{tx(...responsibleKindText[s.responsibleKind])}{s.responsibleKind === 'department' && s.defaultUnitId
          ? <Typography.Text type="secondary">{tx('：', ': ')}{unitNames.get(s.defaultUnitId) ?? '…'}</Typography.Text> : null}</span>
      )),
    },
    { title: tx('时限类别', 'SLA class'), dataIndex: 'slaClass', width: 100, render: (c: SlaClass, s) => (s.parentId === null ? null : tx(...slaClassText[c])) },
    { title: tx('响应时限', 'Response'), key: 'response', width: 130, render: (_, s) => (s.parentId === null ? null : limitCell(s.responseLimit, s.ownResponseLimit)) },
    { title: tx('办结时限', 'Resolution'), key: 'resolution', width: 130, render: (_, s) => (s.parentId === null ? null : limitCell(s.resolutionLimit, s.ownResolutionLimit)) },
    {
      title: tx('回访', 'Callback'), dataIndex: 'callbackRequired', width: 120,
      render: (required: boolean, s) => (s.parentId === null ? null : required
        ? <Tag color="blue">{tx('须回访', 'Required')}</Tag>
        : <Tooltip title={tx('答复后热线中心可直接办结，不计入解决率和满意率', 'The hotline may close it once the unit has replied; it then counts in no rate')}><Tag>{tx('无需回访', 'Not required')}</Tag></Tooltip>),
    },
    { title: tx('状态', 'Status'), dataIndex: 'active', width: 90, render: (a: boolean) => <ActiveBadge active={a} /> },
  ];
  if (canManage) {
    columns.push({
      title: tx('操作', 'Actions'), key: 'actions', width: 150, fixed: 'right',
      render: (_, s) => (
        <Space size={0}>
          <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => setEditing(s)} data-testid={`edit-${s.code}`}>{tx('编辑', 'Edit')}</Button>
          {s.active ? (
            <Popconfirm
              title={tx(`停用「${s.name}」？`, `Deactivate ${s.name}?`)}
              description={<div style={{ maxWidth: 300 }}>{s.parentId === null
                ? tx('停用后此分类不再用于新的类别；其下类别仍可选择，需要时请逐一停用。已有诉求不受影响。', 'The group takes no new categories; the categories in it stay in use until you deactivate them one by one. Existing requests are not affected.')
                : tx('停用后热线、网上和 Open311 都不能再选择此类别；已有诉求照常办理。可随时重新启用。', 'The hotline, the public form and Open311 can no longer choose it; existing requests go on as before. You can reactivate it at any time.')}</div>}
              okText={tx('停用', 'Deactivate')} okButtonProps={{ danger: true }} cancelText={tx('取消', 'Cancel')} onConfirm={() => setActive(s, false)}>
              <Button type="link" size="small" danger style={{ paddingInline: 4 }} data-testid={`deactivate-${s.code}`}>{tx('停用', 'Deactivate')}</Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => void setActive(s, true)}>{tx('启用', 'Reactivate')}</Button>
          )}
        </Space>
      ),
    });
  }

  const groups = (services.data ?? []).filter((s) => s.parentId === null);
  return (
    <div className="page">
      <PageHeader title={tx('派单目录', 'Dispatch catalogue')}
        subtitle={tx('诉求类别、承办单位类型、办理时限和回访要求；未单独设置时限的类别按时限类别的默认值办理。', 'Categories of requests, who answers them, their time limits and whether a callback is required; a category without limits of its own follows the default of its class.')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="new-service">{tx('新建类别', 'New category')}</Button>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear style={{ width: 380 }} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="catalogue-search"
          placeholder={tx('名称、代码、关键词或拼音首字母，如 zdjy', 'Name, code, keyword or pinyin initials, e.g. zdjy')} />
        <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)}>{tx('显示已停用', 'Show deactivated')}</Checkbox>
      </Space>
      {services.error ? <LoadFailed error={services.error} onRetry={() => void services.reload()} /> : (
        <Table<Row> rowKey="id" size="small" bordered className="dense-table" loading={services.loading} columns={columns} dataSource={tree}
          pagination={false} scroll={{ x: 1200 }} data-testid="catalogue-table"
          expandable={{ expandedRowKeys: tree.map((g) => g.id), showExpandColumn: false }}
          onRow={(s) => ({ style: s.active ? undefined : { color: 'rgba(0, 0, 0, 0.45)' } })}
          locale={{ emptyText: search ? tx('没有匹配的类别', 'No category matches') : tx('暂无类别', 'No categories yet') }} />
      )}
      {editing !== null && (
        <ServiceDrawer service={editing === 'new' ? undefined : editing} groups={groups} settings={settings.data} unitNames={unitNames}
          onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void services.reload(); }} />
      )}
    </div>
  );
}

interface Values {
  code: string; name: string; parentId: string | null; description?: string; keywords?: string[];
  responsibleKind: ResponsibleKind; defaultUnitId?: string | null; slaClass: SlaClass;
  ownResponse: boolean; responseLimit?: Partial<TimeLimit>; ownResolution: boolean; resolutionLimit?: Partial<TimeLimit>;
  callbackRequired: boolean;
}

function ServiceDrawer({ service, groups, settings, unitNames, onClose, onSaved }: {
  service?: ServiceView; groups: ServiceView[]; settings?: RequestSettings; unitNames: Map<string, string>; onClose: () => void; onSaved: () => void;
}) {
  const tx = useText();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const limitText = useLimitText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const slaClass = Form.useWatch('slaClass', form) ?? 'general';
  const kind = Form.useWatch('responsibleKind', form);
  const parentId = Form.useWatch('parentId', form);
  const ownResponse = Form.useWatch('ownResponse', form);
  const ownResolution = Form.useWatch('ownResolution', form);
  const isGroup = service ? service.parentId === null : !parentId;
  const classDefault = settings?.classLimits[slaClass];

  useEffect(() => {
    const s = service;
    const fallback = settings?.classLimits[s?.slaClass ?? 'general'];
    form.setFieldsValue({
      code: s?.code ?? '', name: s?.name ?? '', parentId: s?.parentId ?? groups[0]?.id ?? null, description: s?.description ?? '', keywords: s?.keywords ?? [],
      responsibleKind: s?.responsibleKind ?? 'street_town', defaultUnitId: s?.defaultUnitId ?? null, slaClass: s?.slaClass ?? 'general',
      ownResponse: Boolean(s?.ownResponseLimit), responseLimit: s?.ownResponseLimit ?? fallback?.response ?? { amount: 24, unit: 'hours' },
      ownResolution: Boolean(s?.ownResolutionLimit), resolutionLimit: s?.ownResolutionLimit ?? fallback?.resolution ?? { amount: 7, unit: 'days' },
      callbackRequired: s?.callbackRequired ?? true,
    });
    // Filled once when the drawer opens; later changes of the settings do not overwrite typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [service, form]);

  const submit = async (v: Values) => {
    const responseLimit = v.ownResponse ? v.responseLimit as TimeLimit : null;
    const resolutionLimit = v.ownResolution ? v.resolutionLimit as TimeLimit : null;
    setBusy(true);
    try {
      const common = {
        name: v.name.trim(), description: v.description?.trim() ?? '', keywords: v.keywords ?? [], responsibleKind: v.responsibleKind,
        defaultUnitId: v.responsibleKind === 'department' ? v.defaultUnitId ?? null : null, slaClass: v.slaClass,
        responseLimit, resolutionLimit, callbackRequired: v.callbackRequired,
      };
      if (service) await requestsApi.updateService(service.id, { ...common, version: service.version });
      else await requestsApi.createService({ ...common, code: v.code.trim(), parentId: v.parentId ?? null });
      void message.success(tx(`已保存「${common.name}」`, `${common.name} saved`));
      onSaved();
    } catch (error) {
      report(error, { form, onReload: () => { onClose(); onSaved(); } });
    } finally {
      setBusy(false);
    }
  };

  const effective = (own: boolean | undefined, field: 'responseLimit' | 'resolutionLimit', fallback?: TimeLimit): TimeLimit | undefined => {
    const value = form.getFieldValue(field) as Partial<TimeLimit> | undefined;
    return own && value?.amount && value.unit ? value as TimeLimit : fallback;
  };
  const limitItem = (ownName: 'ownResponse' | 'ownResolution', field: 'responseLimit' | 'resolutionLimit', label: string, fallback?: TimeLimit, own?: boolean) => (
    <Form.Item label={label} required>
      <Space wrap>
        <Form.Item name={ownName} noStyle>
          <Radio.Group optionType="button" size="small" options={[
            { value: false, label: tx(`按类别默认${fallback ? `（${limitText(fallback)}）` : ''}`, `Class default${fallback ? ` (${limitText(fallback)})` : ''}`) },
            { value: true, label: tx('单独设置', 'Own limit') },
          ]} />
        </Form.Item>
        {own && (
          <Form.Item name={field} noStyle dependencies={[ownName, 'ownResponse', 'ownResolution', 'responseLimit', 'resolutionLimit', 'slaClass']} rules={[{
            validator: async (_, value: Partial<TimeLimit>) => {
              const problem = limitProblem(value, tx);
              if (problem) throw new Error(problem);
              const response = effective(form.getFieldValue('ownResponse'), 'responseLimit', classDefault?.response);
              const resolution = effective(form.getFieldValue('ownResolution'), 'resolutionLimit', classDefault?.resolution);
              if (response && resolution && !inOrder(response, resolution)) throw new Error(tx('响应时限不能长于办结时限', 'The response limit may not be longer than the resolution limit'));
            },
          }]}>
            <LimitInput testId={`${field}-input`} />
          </Form.Item>
        )}
      </Space>
    </Form.Item>
  );

  return (
    <Drawer open onClose={onClose} size={560} destroyOnHidden
      title={service ? tx(`编辑类别：${service.path}`, `Edit category: ${service.path}`) : tx('新建类别', 'New category')}
      extra={<Space><Button onClick={onClose}>{tx('取消', 'Cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="service-save">{tx('保存', 'Save')}</Button></Space>}>
      <Form<Values> form={form} name="service" layout="vertical" onFinish={submit}>
        {!service && (
          <Form.Item name="parentId" label={tx('所属分类', 'Group')} extra={tx('目录只有两级：选「无」则新建一个分类。', 'The catalogue has two levels: choose "None" to create a group.')}>
            <Select options={[{ value: null, label: tx('无（新建分类）', 'None (a new group)') }, ...groups.map((g) => ({ value: g.id, label: g.name }))]} data-testid="service-parent" />
          </Form.Item>
        )}
        <Row gutter={12}>
          <Col span={12}><Form.Item name="code" label={tx('代码（Open311 service_code）', 'Code (Open311 service_code)')}
            rules={[{ required: true, whitespace: true, message: tx('请填写代码', 'Please give a code') }, { pattern: /^[A-Za-z0-9_.-]+$/, message: tx('只能用字母、数字和 . _ -', 'Letters, digits and . _ - only') }]}>
            <Input disabled={Boolean(service)} maxLength={40} className="mono" data-testid="service-code" />
          </Form.Item></Col>
          <Col span={12}><Form.Item name="name" label={tx('名称', 'Name')} rules={[{ required: true, whitespace: true, message: tx('请填写名称', 'Please give a name') }]}>
            <Input maxLength={60} data-testid="service-name" />
          </Form.Item></Col>
        </Row>
        <Form.Item name="description" label={tx('说明', 'Description')}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        {!isGroup && (
          <>
            <Form.Item name="keywords" label={tx('关键词', 'Keywords')} extra={tx('输入后回车；帮助接线员和相似诉求分析找到此类别。', 'Press Enter after each; they help call-takers and the similarity analysis find the category.')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} maxCount={30} />
            </Form.Item>
            <Form.Item name="responsibleKind" label={tx('承办单位类型', 'Answered by')}>
              <Radio.Group options={responsibleKinds.map((k) => ({ value: k, label: tx(...responsibleKindText[k]) }))} />
            </Form.Item>
            {kind === 'department' && (
              <Form.Item name="defaultUnitId" label={tx('默认承办部门', 'Default department')} extra={tx('派单规则未指定时派往此部门。', 'Requests go here unless a dispatch rule says otherwise.')}>
                <UnitPicker initialLabel={service?.defaultUnitId ? unitNames.get(service.defaultUnitId) : undefined} />
              </Form.Item>
            )}
            <Form.Item name="slaClass" label={tx('时限类别', 'SLA class')}>
              <Select data-testid="service-sla" options={slaClasses.map((c) => {
                const d = settings?.classLimits[c];
                return { value: c, label: `${tx(...slaClassText[c])} · ${tx(...slaClassHint[c])}${d ? tx(`（响应 ${limitText(d.response)}，办结 ${limitText(d.resolution)}）`, ` (response ${limitText(d.response)}, resolution ${limitText(d.resolution)})`) : ''}` };
              })} />
            </Form.Item>
            {limitItem('ownResponse', 'responseLimit', tx('响应时限（签收或退单）', 'Response limit (accept or return)'), classDefault?.response, ownResponse)}
            {limitItem('ownResolution', 'resolutionLimit', tx('办结时限（答复）', 'Resolution limit (reply)'), classDefault?.resolution, ownResolution)}
            <Form.Item name="callbackRequired" label={tx('须回访', 'Callback required')} valuePropName="checked"
              extra={tx('关闭后，承办单位答复即可由热线中心办结；未回访的诉求不计入解决率和满意率。', 'When off, the hotline may close a request once the unit has replied; requests closed without a callback count in neither the resolution nor the satisfaction rate.')}>
              <Switch data-testid="service-callback" />
            </Form.Item>
          </>
        )}
      </Form>
    </Drawer>
  );
}
