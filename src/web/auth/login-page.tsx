import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/api-error.ts';
import type { LoginBody } from '../api/types.ts';
import { Brand } from '../shell/brand.tsx';
import { LanguageSwitch } from '../shell/language-switch.tsx';
import { useSession } from './session-context.tsx';

/** Where to go after login: the page that sent the user here, never another site. */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { state, login } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; detail: string } | null>(null);

  if (state.status === 'ready') return <Navigate to={state.user.mustChangePassword ? '/password' : nextPath(location.search)} replace />;

  const submit = async (values: LoginBody) => {
    setBusy(true);
    setProblem(null);
    try {
      const user = await login(values);
      navigate(user.mustChangePassword ? '/password' : nextPath(location.search), { replace: true });
    } catch (error) {
      if (isApiError(error) && error.status === 429) {
        const seconds = error.retryAfterSeconds();
        const title = !seconds ? t('login.failed')
          : seconds >= 120 ? t('login.throttledMinutes', { minutes: Math.ceil(seconds / 60) }) : t('login.throttled', { seconds });
        setProblem({ title, detail: error.message });
      } else {
        setProblem({ title: t('login.failed'), detail: isApiError(error) ? error.message : String(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-screen">
      <div className="login-top">
        <Brand />
        <LanguageSwitch light />
      </div>
      <Card className="login-card" variant="borderless">
        <Typography.Title level={3} style={{ marginBottom: 4 }}>{t('login.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {state.status === 'anonymous' && state.reason === 'expired' && !problem && (
          <Alert type="warning" showIcon title={t('errors.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {problem && <Alert type="error" showIcon title={problem.title} description={problem.detail} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />}
        <Form<LoginBody> layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-hint">{t('login.demoHint')}</Typography.Paragraph>
      </Card>
      <Typography.Text className="login-footer">{t('login.footer')}</Typography.Text>
    </div>
  );
}
