// The form behind each lifecycle button: what the step needs (a unit, a reason, a callback…).
import { Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { RequestEvent } from '../../core/requests/lifecycle.ts';
import { eventLabels } from '../../core/requests/lifecycle.ts';
import type { RequestEventBody } from '../../core/requests/request.ts';
import { UnitPicker } from '../org/unit-picker.tsx';
import type { RequestDetail } from './requests-api.ts';
import { satisfactionLabels } from './request-labels.ts';

type Values = Record<string, unknown>;

/** Steps that need nothing but a confirmation. */
export const plainEvents: RequestEvent[] = ['accept', 'start', 'close'];

export function RequestActionForm({ event, request, onSubmit, onCancel }: {
  event: RequestEvent; request: RequestDetail; onSubmit: (body: RequestEventBody) => Promise<void>; onCancel: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const pending = request.extensions.find((e) => e.status === 'pending');
  const ok = async () => {
    const v = await form.validateFields();
    await onSubmit({ event, version: request.version, ...(event === 'approve_extension' || event === 'refuse_extension' ? { extensionId: pending?.id } : {}), ...v } as RequestEventBody);
  };
  const reason = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, min: 2, max: 1000, message: `请填写${label}` }]}><Input.TextArea rows={3} autoFocus /></Form.Item>
  );
  return (
    <Modal open title={eventLabels[event]} onOk={() => void ok()} onCancel={onCancel} destroyOnHidden okText="确定" cancelText="取消">
      <Form form={form} layout="vertical" name={`event_${event}`} initialValues={{ unit: 'days', resolved: true, satisfaction: 'satisfied' }}>
        {(event === 'dispatch' || event === 'add_co_handler') && (
          <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择单位' }]}><UnitPicker /></Form.Item>
        )}
        {event === 'return' && reason('reason', '退单理由')}
        {event === 'reopen' && reason('reason', '重新办理原因')}
        {event === 'reply' && reason('reply', '答复内容')}
        {event === 'refuse_extension' && reason('reason', '驳回理由')}
        {event === 'request_extension' && (
          <>
            <Form.Item name="amount" label="延期" rules={[{ required: true, message: '请填写延期时长' }]}><InputNumber min={1} max={90} /></Form.Item>
            <Form.Item name="unit" label="单位"><Select options={[{ value: 'days', label: '天' }, { value: 'hours', label: '小时' }]} /></Form.Item>
            {reason('reason', '延期理由')}
          </>
        )}
        {(event === 'approve_extension' || event === 'refuse_extension') && pending && <p>申请延期 {pending.amount} {pending.unit === 'days' ? '天' : '小时'}：{pending.reason}</p>}
        {event === 'callback' && (
          <>
            <Form.Item name="resolved" label="是否解决"><Radio.Group options={[{ value: true, label: '已解决' }, { value: false, label: '未解决' }]} /></Form.Item>
            <Form.Item name="satisfaction" label="满意度"><Radio.Group options={Object.entries(satisfactionLabels).map(([value, label]) => ({ value, label }))} /></Form.Item>
            <Form.Item name="note" label="回访记录"><Input.TextArea rows={2} /></Form.Item>
          </>
        )}
        {plainEvents.includes(event) && <p>确定{eventLabels[event]}？</p>}
      </Form>
    </Modal>
  );
}
