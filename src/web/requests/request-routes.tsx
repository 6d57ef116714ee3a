// The routes of the citizen-request pages: staff pages inside the app shell, public ones outside.
import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Route } from 'react-router-dom';
import { CallTakerPage } from './call-taker-page.tsx';
import { CataloguePage } from './catalogue-page.tsx';
import { DispatchRulesPage } from './dispatch-rules-page.tsx';
import { Open311KeysPage } from './open311-keys-page.tsx';
import { RequestSettingsPage } from './request-settings-page.tsx';
import { PublicRequestPage, PublicTrackPage } from './public-pages.tsx';
import { RequestDetailPage } from './request-detail-page.tsx';
import { RequestImportPage } from './request-import-page.tsx';
import { RequestsPage } from './requests-page.tsx';

// The dashboard brings ECharts: loaded only when it is opened.
const HotlineDashboardPage = lazy(async () => ({ default: (await import('./hotline-dashboard-page.tsx')).HotlineDashboardPage }));

export function requestStaffRoutes() {
  return (
    <>
      <Route path="requests" element={<RequestsPage />} />
      <Route path="requests/new" element={<CallTakerPage />} />
      <Route path="requests/import" element={<RequestImportPage />} />
      <Route path="requests/dashboard" element={<Suspense fallback={<Spin />}><HotlineDashboardPage /></Suspense>} />
      <Route path="requests/:requestId" element={<RequestDetailPage />} />
      <Route path="request-catalogue" element={<CataloguePage />} />
      <Route path="dispatch-rules" element={<DispatchRulesPage />} />
      <Route path="request-settings" element={<RequestSettingsPage />} />
      <Route path="open311-keys" element={<Open311KeysPage />} />
    </>
  );
}

export function requestPublicRoutes() {
  return (
    <>
      <Route path="/report" element={<PublicRequestPage />} />
      <Route path="/track" element={<PublicTrackPage />} />
      <Route path="/track/:code" element={<PublicTrackPage />} />
    </>
  );
}
