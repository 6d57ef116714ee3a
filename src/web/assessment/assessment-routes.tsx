// The routes of the assessment pages inside the app shell. Pages with charts or the engine load
// on demand, so the first screen stays light.
import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { DuePage } from './due-page.tsx';
import { EntryPage } from './entry-page.tsx';
import { ReviewPage, ReviewQueuePage } from './review-pages.tsx';
import { SchemePage, SchemesPage } from './scheme-pages.tsx';

const ResultsPage = lazy(async () => ({ default: (await import('./results-page.tsx')).ResultsPage }));
const ScorecardPage = lazy(async () => ({ default: (await import('./scorecard-page.tsx')).ScorecardPage }));
const WhatIfPage = lazy(async () => ({ default: (await import('./what-if-page.tsx')).WhatIfPage }));
const ImportPage = lazy(async () => ({ default: (await import('./import-page.tsx')).ImportPage }));
const later = (page: ReactNode) => <Suspense fallback={<Spin />}>{page}</Suspense>;

export function assessmentRoutes() {
  return (
    <>
      <Route path="assessment/due" element={<DuePage />} />
      <Route path="assessment/entry/:year/:period/:unitId" element={<EntryPage />} />
      <Route path="assessment/review" element={<ReviewQueuePage />} />
      <Route path="assessment/review/:submissionId" element={<ReviewPage />} />
      <Route path="assessment/schemes" element={<SchemesPage />} />
      <Route path="assessment/schemes/:schemeId" element={<SchemePage />} />
      <Route path="assessment/results" element={later(<ResultsPage />)} />
      <Route path="assessment/results/:resultId/units/:unitCode" element={later(<ScorecardPage />)} />
      <Route path="assessment/what-if/:resultId" element={later(<WhatIfPage />)} />
      <Route path="assessment/import" element={later(<ImportPage />)} />
    </>
  );
}
