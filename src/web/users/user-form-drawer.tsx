import { App, Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../core/auth/roles.ts';
import { api } from '../api/client.ts';
import type { UserView } from '../api/types.ts';
import { UnitPicker } from '../org/unit-picker.tsx';
import { useErrorFeedback } from '../shell/error-feedback.ts';

interface Values { username: string; displayName: string; role: Role; unitId?: string | null; password: string }

export function UserFormDrawer({ open, user, onClose, onSaved }: { open: boolean; user?: UserView; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const role = Form.useWatch('role', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user) form.setFieldsValue({ username: user.username, displayName: user.displayName, role: user.role, unitId: user.unitId });
  }, [open, user, form]);

  const submit = async (values: Values) => {
    setBusy(true);
    const unitId = values.role === 'unit_reporter' ? values.unitId ?? null : null;
    try {
      if (user) {
        await api.users.update(user.id, { displayName: values.displayName, role: values.role, unitId, version: user.version });
        void message.success(t('users.saved'));
      } else {
        const created = await api.users.create({ username: values.username, displayName: values.displayName, role: values.role, unitId, password: values.password });
        void message.success(t('users.created', { username: created.username }));
      }
      onSaved();
    } catch (error) {
      report(error, { form, onReload: () => { onClose(); onSaved(); } });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={open} onClose={onClose} size={480} destroyOnHidden forceRender
      title={user ? `${t('users.editTitle')}：${user.displayName}` : t('users.createTitle')}
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="user-form-save">{t('common.save')}</Button></Space>}>
      <Form<Values> form={form} name="user" layout="vertical" onFinish={submit} data-testid="user-form">
        <Form.Item name="username" label={t('users.username')} extra={user ? undefined : t('units.codeHelp')}
          rules={[{ required: true, whitespace: true, message: t('users.usernameRequired') }]}>
          <Input disabled={Boolean(user)} maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <Select options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} data-testid="role-select" />
        </Form.Item>
        {role === 'unit_reporter' && (
          <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('users.unitRequired') }]}>
            <UnitPicker initialLabel={user?.unitName} />
          </Form.Item>
        )}
        {!user && (
          <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.initialPasswordHelp')}
            rules={[{ required: true, message: t('password.required') }, { min: 10, message: t('password.tooShort') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
