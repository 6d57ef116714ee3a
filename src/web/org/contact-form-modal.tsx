import { App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { ContactView } from '../api/types.ts';
import { useErrorFeedback } from '../shell/error-feedback.ts';

interface Values { name: string; title?: string; phone?: string; email?: string }

export function ContactFormModal({ open, unitId, contact, onClose, onSaved }: {
  open: boolean; unitId: string; contact?: ContactView; onClose: () => void; onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (contact) form.setFieldsValue({ name: contact.name, title: contact.title, phone: contact.phone, email: contact.email });
  }, [open, contact, form]);

  const submit = async (values: Values) => {
    setBusy(true);
    const body = { name: values.name, title: values.title ?? '', phone: values.phone ?? '', email: values.email ?? '' };
    try {
      if (contact) await api.contacts.update(contact.id, { ...body, version: contact.version });
      else await api.contacts.create(unitId, body);
      void message.success(t('contacts.saved'));
      onSaved();
    } catch (error) {
      report(error, { form, onReload: () => { onClose(); onSaved(); } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={contact ? t('contacts.editTitle') : t('contacts.addTitle')} onCancel={onClose} onOk={() => form.submit()}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden forceRender>
      <Form<Values> form={form} name="contact" layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('contacts.name')} rules={[{ required: true, whitespace: true, message: t('contacts.nameRequired') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="title" label={t('contacts.title')}><Input maxLength={60} /></Form.Item>
        <Form.Item name="phone" label={t('contacts.phone')}><Input maxLength={30} /></Form.Item>
        <Form.Item name="email" label={t('contacts.email')} rules={[{ type: 'email', message: t('contacts.emailInvalid') }]}>
          <Input maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
