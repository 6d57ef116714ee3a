import { Route, Routes } from 'react-router-dom';
import { assessmentRoutes } from '../assessment/assessment-routes.tsx';
import { AuditPage } from '../audit/audit-page.tsx';
import { LoginPage } from '../auth/login-page.tsx';
import { PasswordPage } from '../auth/password-page.tsx';
import { RequireLogin } from '../auth/require-login.tsx';
import { useUser } from '../auth/session-context.tsx';
import { HomePage } from '../home/home-page.tsx';
import { CategoriesPage } from '../org/categories-page.tsx';
import { UnitDetailPage } from '../org/unit-detail-page.tsx';
import { UnitsPage } from '../org/units-page.tsx';
import { UsersPage } from '../users/users-page.tsx';
import { requestPublicRoutes, requestStaffRoutes } from '../requests/request-routes.tsx';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {requestPublicRoutes()}
      <Route path="/password" element={<RequireLogin allowPasswordChange><PasswordRoute /></RequireLogin>} />
      <Route element={<RequireLogin><AppLayout /></RequireLogin>}>
        <Route index element={<HomePage />} />
        {assessmentRoutes()}
        <Route path="units" element={<UnitsPage />} />
        <Route path="units/:unitId" element={<UnitDetailPage />} />
        <Route path="categories" element={<CategoriesPage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="audit" element={<AuditPage />} />
        {requestStaffRoutes()}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** The forced change at first login stands alone; a voluntary one happens inside the shell. */
function PasswordRoute() {
  const user = useUser();
  if (user.mustChangePassword) return <PasswordPage />;
  return <AppLayout><PasswordPage /></AppLayout>;
}
