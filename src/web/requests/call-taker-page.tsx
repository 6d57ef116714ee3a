// 受理诉求: the call-taker's form, built to be used without the mouse. The category is searched by
// pinyin initials ("zdjy" → 占道经营), Tab walks the fields in the order of the call, Ctrl+Enter
// takes the request, and the digit keys dispatch it to the suggested unit.
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { pinyinKeys } from '../../core/org/pinyin-search.ts';
import { PageHeader } from '../shell/page-header.tsx';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { useLoader } from '../shell/use-loader.ts';
import { useRequestLabels } from './request-labels.ts';
import { requestsApi, type RequestCreateBody, type Suggestions } from './requests-api.ts';

interface Taken { id: string; code: string; duplicateOf: string | null; duplicateOfCode: string | null; version: number; suggestions: Suggestions | null }

/** Matches a typed term against a name, its pinyin initials and full pinyin, and a code. */
export function matchesTerm(term: string, name: string, initials: string, full: string, code = ''): boolean {
  const t = term.trim().toLowerCase();
  if (!t) return true;
  return name.includes(term.trim()) || initials.startsWith(t) || full.includes(t) || code.toLowerCase().includes(t);
}

export function CallTakerPage() {
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const labels = useRequestLabels();
  const { tx } = labels;
  const navigate = useNavigate();
  const [form] = Form.useForm<RequestCreateBody>();
  const [saving, setSaving] = useState(false);
  const [taken, setTaken] = useState<Taken | null>(null);
  const categoryRef = useRef<{ focus: () => void } | null>(null);
  const descriptionRef = useRef<{ focus: () => void } | null>(null);
  const nameRef = useRef<{ focus: () => void } | null>(null);
  // A choice made with Enter moves on to the next field by itself, as a call-taker expects.
  const advance = (to: typeof descriptionRef) => setTimeout(() => to.current?.focus(), 0);
  const services = useLoader(() => requestsApi.services(), []);
  const [streetSearch, setStreetSearch] = useState('');
  const streets = useLoader(() => requestsApi.streets(streetSearch || undefined), [streetSearch]);

  const serviceOptions = useMemo(() => (services.data ?? []).filter((s) => s.active && s.parentId).map((s) => {
    const keys = pinyinKeys(s.name);
    return { value: s.id, label: `${s.path}`, initials: s.pinyinInitials || keys.initials, full: keys.full, code: s.code, name: s.name };
  }), [services.data]);
  // No options while a search is on its way, so a quick Enter never picks a stale first row.
  const streetOptions = streets.loading ? [] : (streets.data ?? []).map((d) => ({ value: d.code, label: d.name }));

  useEffect(() => { if (services.data) categoryRef.current?.focus(); }, [services.data]);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const created = await requestsApi.create({ ...values, channel: 'phone' });
      const suggestions = await requestsApi.suggestions(created.id).catch(() => null);
      setTaken({ ...created, version: 1, suggestions });
      void message.success(tx(`已受理，工单编号 ${created.code}`, `Request taken: ${created.code}`));
    } catch (error) {
      report(error, { form });
    } finally {
      setSaving(false);
    }
  };

  const dispatchTo = async (unitId: string, unitName: string) => {
    if (!taken) return;
    try {
      await requestsApi.event(taken.id, { event: 'dispatch', version: taken.version, unitId });
    } catch (error) {
      report(error);
      return;
    }
    void message.success(tx(`已派至${unitName}`, `Dispatched to ${unitName}`));
    setTaken(null);
    form.resetFields();
    categoryRef.current?.focus();
  };

  const targets = taken?.suggestions ? [
    ...(taken.suggestions.rule ? [{ unitId: taken.suggestions.rule.unitId, unitName: taken.suggestions.rule.unitName, reason: labels.sentence(taken.suggestions.rule.reason) }] : []),
    ...taken.suggestions.similar.filter((s) => s.unitId !== taken.suggestions?.rule?.unitId).map((s) => ({ unitId: s.unitId, unitName: s.unitName, reason: labels.similarReason(s) })),
  ].slice(0, 4) : [];

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !taken) { e.preventDefault(); void submit(); }
  };
  // Once taken, the form is disabled and the focus may be anywhere: listen on the whole window.
  const dispatchKeys = useRef<(e: globalThis.KeyboardEvent) => void>(() => {});
  dispatchKeys.current = (e) => {
    if (!taken || !/^[1-4]$/.test(e.key) || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    const target = targets[Number(e.key) - 1];
    if (target) { e.preventDefault(); void dispatchTo(target.unitId, target.unitName); }
  };
  useEffect(() => {
    const listener = (e: globalThis.KeyboardEvent) => dispatchKeys.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="page" onKeyDown={onKeyDown}>
      <PageHeader title={tx('受理诉求', 'Take a request')}
        subtitle={tx('类别和街道可按拼音首字母检索，回车选定后自动进入下一项；Tab 逐项填写，Ctrl+Enter 受理，数字键 1–4 派单',
          'Search category and street by pinyin initials; Enter picks one and moves on. Tab goes field by field, Ctrl+Enter takes the request, keys 1–4 dispatch it')} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Form form={form} layout="vertical" name="intake" disabled={saving || taken !== null} initialValues={{ address: '', citizenName: '', citizenPhone: '' }}>
              <Form.Item name="serviceId" label={tx('诉求类别', 'Category')} rules={[{ required: true, message: tx('请选择诉求类别', 'Please choose a category') }]}>
                <Select
                  ref={(r) => { categoryRef.current = r; }}
                  showSearch={{ filterOption: (input, option) => matchesTerm(input, option?.name ?? '', option?.initials ?? '', option?.full ?? '', option?.code ?? '') }}
                  options={serviceOptions}
                  onSelect={() => advance(descriptionRef)}
                  placeholder={tx('输入类别或拼音首字母，如 zdjy', 'Category or its pinyin initials, e.g. zdjy')}
                  loading={services.loading}
                  data-testid="intake-service"
                />
              </Form.Item>
              <Form.Item name="description" label={tx('诉求内容', 'Description')} rules={[{ required: true, min: 2, max: 4000, message: tx('请填写诉求内容（2–4000 字）', 'Please describe the request (2–4,000 characters)') }]}>
                <Input.TextArea ref={(r) => { descriptionRef.current = r; }} rows={4} showCount maxLength={4000} data-testid="intake-description" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={14}>
                  <Form.Item name="address" label={tx('地址', 'Address')}><Input maxLength={200} data-testid="intake-address" /></Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name="divisionCode" label={tx('所属街道乡镇', 'Street or town')}>
                    <Select allowClear showSearch={{ filterOption: false, onSearch: setStreetSearch }} loading={streets.loading} onSelect={() => advance(nameRef)}
                      options={streetOptions} placeholder={tx('拼音首字母，如 zgc', 'Pinyin initials, e.g. zgc')} data-testid="intake-street" />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={10}><Form.Item name="citizenName" label={tx('市民姓名', "Caller's name")}><Input ref={(r) => { nameRef.current = r; }} maxLength={40} data-testid="intake-name" /></Form.Item></Col>
                <Col span={14}>
                  <Form.Item name="citizenPhone" label={tx('联系电话', 'Phone number')} rules={[{ pattern: /^[0-9+\-() ]*$/, message: tx('只能填写数字、空格和 + - ( )', 'Only digits, spaces and + - ( )') }]}>
                    <Input maxLength={30} data-testid="intake-phone" />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" onClick={() => void submit()} loading={saving} data-testid="intake-submit">{tx('受理（Ctrl+Enter）', 'Take request (Ctrl+Enter)')}</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {taken ? (
            <Card size="small" title={<span>{tx('工单', 'Request')} <Typography.Text copyable strong data-testid="intake-code">{taken.code}</Typography.Text></span>}
              extra={<Button size="small" onClick={() => navigate(`/requests/${taken.id}`)}>{tx('详情', 'Details')}</Button>}>
              {taken.duplicateOf && (
                <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="intake-duplicate"
                  title={<span>{tx('疑似重复：同一地点或附近已有同类未办结诉求 ', 'Possible duplicate: an open request of the same kind at or near this place, ')}
                    <Link to={`/requests/${taken.duplicateOf}`} className="mono" target="_blank">{taken.duplicateOfCode ?? ''}</Link></span>}
                  description={tx('可告知市民该问题已在办理，并在派单时一并说明。', 'You may tell the caller the matter is already being handled, and mention it when dispatching.')} />
              )}
              <Typography.Paragraph type="secondary">{tx('派单建议（按数字键派单）：', 'Suggested units (press the number to dispatch):')}</Typography.Paragraph>
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="intake-suggestions">
                {targets.map((s, i) => (
                  <Card key={s.unitId} size="small" hoverable onClick={() => void dispatchTo(s.unitId, s.unitName)}>
                    <Space>
                      <Tag color="blue">{i + 1}</Tag>
                      <Typography.Text strong>{s.unitName}</Typography.Text>
                    </Space>
                    <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.reason}</Typography.Text></div>
                  </Card>
                ))}
                {targets.length === 0 && <Typography.Text type="secondary">{tx('暂无建议，请在详情页选择承办单位派单。', 'No suggestion: choose the handling unit on the details page.')}</Typography.Text>}
                <Button onClick={() => { setTaken(null); form.resetFields(); categoryRef.current?.focus(); }}>{tx('暂不派单，受理下一件', 'Do not dispatch now; take the next call')}</Button>
              </Space>
            </Card>
          ) : (
            <Card size="small" title={tx('受理提示', 'Taking a call')}>
              <Typography.Paragraph>{tx('先问清诉求事项和地点，再记录市民姓名和电话。紧急事项（燃气泄漏等）30 分钟内须响应。',
                'First ask what the matter is and where, then note the caller\'s name and phone number. Emergencies (a gas leak and the like) must be responded to within 30 minutes.')}</Typography.Paragraph>
              <Typography.Paragraph type="secondary">{tx('市民姓名和电话仅热线中心与承办单位可见。', 'Only the hotline centre and the handling unit can see the caller\'s name and phone number.')}</Typography.Paragraph>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
