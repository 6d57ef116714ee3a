// Everything of the composite assessment the application registers. File uploads (Excel, evidence)
// get their own content-type parsers and body limit inside this plugin, so the rest of the API
// keeps its 1 MiB JSON limit.
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../http/api-app.ts';
import { collectionRoutes } from './collection-routes.ts';
import { fileRoutes, uploadBodyLimit, uploadTypes } from './file-routes.ts';
import { resultRoutes } from './result-routes.ts';
import { schemeRoutes } from './scheme-routes.ts';

export async function registerAssessment(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  schemeRoutes(app, deps);
  collectionRoutes(app, deps);
  resultRoutes(app, deps);
  await app.register(async (scope) => {
    scope.addContentTypeParser(uploadTypes, { parseAs: 'buffer', bodyLimit: uploadBodyLimit }, (_request, body, done) => done(null, body));
    fileRoutes(scope, deps);
  });
}
