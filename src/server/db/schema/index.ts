// Every table of every domain. One file per domain; migrations are generated from this index
// (`npm run db:generate`) and applied unchanged to PGlite and to a PostgreSQL server.
export * from './platform.ts';
export * from './requests.ts';
export * from './assessment.ts';
