import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from './session-context.tsx';

/** Pages behind login; a created account first has to replace its initial password. */
export function RequireLogin({ children, allowPasswordChange = false }: { children: ReactNode; allowPasswordChange?: boolean }) {
  const { state } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (state.status === 'loading') return <div className="page-loading"><Spin size="large" description={t('common.loading')} /></div>;
  if (state.status === 'anonymous') {
    // After a logout the next user starts at home, not on the page the last one left.
    const next = state.reason === 'logout' ? '/' : `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (state.user.mustChangePassword && !allowPasswordChange) return <Navigate to="/password" replace />;
  return <>{children}</>;
}
