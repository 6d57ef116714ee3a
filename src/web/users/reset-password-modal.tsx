import { Alert, App, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { UserView } from '../api/types.ts';
import { useErrorFeedback } from '../shell/error-feedback.ts';

export function ResetPasswordModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => { if (user) form.resetFields(); }, [user, form]);

  const submit = async ({ password }: { password: string }) => {
    if (!user) return;
    setBusy(true);
    try {
      await api.users.resetPassword(user.id, { password });
      void message.success(t('users.resetDone'));
      onClose();
    } catch (error) {
      report(error, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={user !== null} title={user ? t('users.resetTitle', { name: user.displayName }) : ''} onCancel={onClose}
      onOk={() => form.submit()} okText={t('users.resetPassword')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}
      confirmLoading={busy} destroyOnHidden forceRender>
      <Alert type="warning" showIcon title={t('users.resetHint')} style={{ marginBottom: 16 }} />
      <Form form={form} name="reset" layout="vertical" onFinish={submit}>
        <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.initialPasswordHelp')}
          rules={[{ required: true, message: t('password.required') }, { min: 10, message: t('password.tooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
