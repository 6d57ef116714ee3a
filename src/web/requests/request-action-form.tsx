// The form behind each lifecycle button: what the step needs (a unit, a reason, a callback…).
import { Alert, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { eventLabels, type RequestEvent } from '../../core/requests/lifecycle.ts';
import { satisfactionLevels } from '../../core/requests/rates.ts';
import type { RequestEventBody } from '../../core/requests/request.ts';
import { UnitPicker } from '../org/unit-picker.tsx';
import type { RequestDetail } from './requests-api.ts';
import { useRequestLabels } from './request-labels.ts';

type Values = Record<string, unknown>;

/** Steps that need nothing but a confirmation. */
export const plainEvents: RequestEvent[] = ['accept', 'start', 'close'];

/** The question before a step that needs nothing else. */
const confirmEn: Partial<Record<RequestEvent, string>> = {
  accept: 'Accept this request?', start: 'Start work on this request?', close: 'Close this request?',
};

export function RequestActionForm({ event, request, onSubmit, onCancel }: {
  event: RequestEvent; request: RequestDetail; onSubmit: (body: RequestEventBody) => Promise<void>; onCancel: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const labels = useRequestLabels();
  const { tx } = labels;
  const pending = request.extensions.find((e) => e.status === 'pending');
  const ok = async () => {
    const v = await form.validateFields();
    await onSubmit({ event, version: request.version, ...(event === 'approve_extension' || event === 'refuse_extension' ? { extensionId: pending?.id } : {}), ...v } as RequestEventBody);
  };
  const reason = (name: string, zh: string, en: string) => (
    <Form.Item name={name} label={tx(zh, en)} rules={[{ required: true, min: 2, max: 1000, message: tx(`请填写${zh}`, `Please give the ${en.toLowerCase()}`) }]}>
      <Input.TextArea rows={3} autoFocus />
    </Form.Item>
  );
  return (
    <Modal open title={labels.event(event)} onOk={() => void ok()} onCancel={onCancel} destroyOnHidden okText={tx('确定', 'OK')} cancelText={tx('取消', 'Cancel')}>
      <Form form={form} layout="vertical" name={`event_${event}`} initialValues={{ unit: 'days', resolved: true, satisfaction: 'satisfied' }}>
        {(event === 'dispatch' || event === 'add_co_handler') && (
          <Form.Item name="unitId" label={tx('承办单位', event === 'dispatch' ? 'Handling unit' : 'Co-handling unit')} rules={[{ required: true, message: tx('请选择单位', 'Please choose a unit') }]}><UnitPicker /></Form.Item>
        )}
        {event === 'return' && reason('reason', '退单理由', 'Reason for returning it')}
        {event === 'reopen' && reason('reason', '重新办理原因', 'Reason for reopening')}
        {event === 'reply' && reason('reply', '答复内容', 'Reply')}
        {event === 'refuse_extension' && reason('reason', '驳回理由', 'Reason for refusing')}
        {event === 'request_extension' && (
          <>
            <Form.Item name="amount" label={tx('延期', 'Extend by')} rules={[{ required: true, message: tx('请填写延期时长', 'Please give the length of the extension') }]}><InputNumber min={1} max={90} /></Form.Item>
            <Form.Item name="unit" label={tx('单位', 'Days or hours')}><Select options={[{ value: 'days', label: tx('天', 'days') }, { value: 'hours', label: tx('小时', 'hours') }]} /></Form.Item>
            {reason('reason', '延期理由', 'Reason for the extension')}
          </>
        )}
        {(event === 'approve_extension' || event === 'refuse_extension') && pending && <p>{tx(`申请延期 ${labels.duration(pending.amount, pending.unit)}：`, `Extension of ${labels.duration(pending.amount, pending.unit)} requested: `)}{pending.reason}</p>}
        {event === 'callback' && (
          <>
            <Form.Item name="resolved" label={tx('是否解决', 'Resolved?')}><Radio.Group options={[{ value: true, label: tx('已解决', 'Resolved') }, { value: false, label: tx('未解决', 'Not resolved') }]} /></Form.Item>
            <Form.Item name="satisfaction" label={tx('满意度', 'Satisfaction')}><Radio.Group options={satisfactionLevels.map((value) => ({ value, label: labels.satisfaction(value) }))} /></Form.Item>
            <Form.Item name="note" label={tx('回访记录', 'Notes of the call')}><Input.TextArea rows={2} /></Form.Item>
          </>
        )}
        {plainEvents.includes(event) && <p>{tx(`确定${eventLabels[event]}？`, confirmEn[event] ?? `${labels.event(event)}?`)}</p>}
        {event === 'close' && request.status === 'replied' && (
          <Alert type="info" showIcon data-testid="close-without-callback" title={tx('此类别无需回访，将直接办结', 'This category needs no callback: the request is closed as replied')}
            description={tx('未经回访办结的诉求不计入解决率和满意率。', 'A request closed without a callback counts in neither the resolution nor the satisfaction rate.')} />
        )}
      </Form>
    </Modal>
  );
}
