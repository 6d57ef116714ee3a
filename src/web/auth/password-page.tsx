import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client.ts';
import { Brand } from '../shell/brand.tsx';
import { useErrorFeedback } from '../shell/error-feedback.ts';
import { LanguageSwitch } from '../shell/language-switch.tsx';
import { useSession, useUser } from './session-context.tsx';

interface Values { currentPassword: string; newPassword: string; repeat: string }

/** Shown on its own at the first login of a created account, inside the shell otherwise. */
export function PasswordPage() {
  const user = useUser();
  const forced = user.mustChangePassword;
  const form = <PasswordForm forced={forced} />;
  if (!forced) return <div className="page narrow-page">{form}</div>;
  return (
    <div className="login-screen">
      <div className="login-top"><Brand /><LanguageSwitch light /></div>
      {form}
    </div>
  );
}

function PasswordForm({ forced }: { forced: boolean }) {
  const { t } = useTranslation();
  const { refresh, logout } = useSession();
  const { message } = App.useApp();
  const report = useErrorFeedback();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    try {
      await api.auth.changePassword({ currentPassword, newPassword });
      void message.success(t('password.changed'));
      await refresh();
      navigate('/', { replace: true });
    } catch (error) {
      report(error, { form });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card className={forced ? 'login-card' : undefined} variant={forced ? 'borderless' : 'outlined'}>
      <Typography.Title level={4}>{forced ? t('password.forcedTitle') : t('password.title')}</Typography.Title>
      {forced && <Alert type="info" showIcon title={t('password.forcedHint')} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('password.required') }, { min: 10, message: t('password.tooShort') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="repeat" label={t('password.repeat')} dependencies={['newPassword']}
          rules={[{ required: true, message: t('password.required') }, ({ getFieldValue }) => ({
            validator: (_rule, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          })]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block={forced}>{t('password.submit')}</Button>
        {forced && (
          <Button type="link" block style={{ marginTop: 8 }} onClick={async () => { await logout(); navigate('/login', { replace: true }); }}>
            {t('user.logout')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
