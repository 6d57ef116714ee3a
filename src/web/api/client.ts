// The typed API client: every call the web app makes to the server, one function each.
import { rememberCsrfToken, request } from './transport.ts';
import type {
  AuditEntityType, AuditVerifyResult, CategoryCreateBody, CategoryUpdateBody, CategoryView, ChangePasswordBody, ContactCreateBody,
  ContactUpdateBody, ContactView, DivisionView, HealthReport, HistoryEntry, LoginBody, MeResponse, RecentChange, UnitCreateBody, UnitListQuery,
  UnitUpdateBody, UnitView, UserCreateBody, UserResetPasswordBody, UserUpdateBody, UserView,
} from './types.ts';

const id = (value: string) => encodeURIComponent(value);

export const api = {
  auth: {
    async login(body: LoginBody): Promise<MeResponse> {
      const me = await request<MeResponse>('POST', '/api/auth/login', { body, quiet: true });
      rememberCsrfToken(me.csrfToken);
      return me;
    },
    async me(): Promise<MeResponse> {
      const me = await request<MeResponse>('GET', '/api/auth/me', { quiet: true });
      rememberCsrfToken(me.csrfToken);
      return me;
    },
    async logout(): Promise<void> {
      try {
        await request<void>('POST', '/api/auth/logout', { quiet: true });
      } finally {
        rememberCsrfToken(null);
      }
    },
    changePassword: (body: ChangePasswordBody) => request<void>('POST', '/api/auth/password', { body }),
  },
  units: {
    list: (query: UnitListQuery = {}) => request<{ items: UnitView[]; total: number }>('GET', '/api/units', { query }),
    get: (unitId: string) => request<UnitView>('GET', `/api/units/${id(unitId)}`),
    create: (body: UnitCreateBody) => request<UnitView>('POST', '/api/units', { body }),
    update: (unitId: string, body: UnitUpdateBody) => request<UnitView>('PATCH', `/api/units/${id(unitId)}`, { body }),
    deactivate: (unitId: string, version: number) => request<UnitView>('POST', `/api/units/${id(unitId)}/deactivate`, { body: { version } }),
    activate: (unitId: string, version: number) => request<UnitView>('POST', `/api/units/${id(unitId)}/activate`, { body: { version } }),
  },
  contacts: {
    list: (unitId: string) => request<ContactView[]>('GET', `/api/units/${id(unitId)}/contacts`),
    create: (unitId: string, body: ContactCreateBody) => request<ContactView>('POST', `/api/units/${id(unitId)}/contacts`, { body }),
    update: (contactId: string, body: ContactUpdateBody) => request<ContactView>('PATCH', `/api/contacts/${id(contactId)}`, { body }),
  },
  categories: {
    list: () => request<CategoryView[]>('GET', '/api/categories'),
    create: (body: CategoryCreateBody) => request<CategoryView>('POST', '/api/categories', { body }),
    update: (categoryId: string, body: CategoryUpdateBody) => request<CategoryView>('PATCH', `/api/categories/${id(categoryId)}`, { body }),
  },
  divisions: {
    children: (parent?: string) => request<DivisionView[]>('GET', '/api/divisions', { query: { parent } }),
    get: (code: string) => request<{ division: DivisionView; path: DivisionView[] }>('GET', `/api/divisions/${id(code)}`),
  },
  users: {
    list: () => request<UserView[]>('GET', '/api/users'),
    create: (body: UserCreateBody) => request<UserView>('POST', '/api/users', { body }),
    update: (userId: string, body: UserUpdateBody) => request<UserView>('PATCH', `/api/users/${id(userId)}`, { body }),
    resetPassword: (userId: string, body: UserResetPasswordBody) => request<void>('POST', `/api/users/${id(userId)}/reset-password`, { body }),
  },
  audit: {
    history: (type: AuditEntityType, entityId: string) => request<HistoryEntry[]>('GET', `/api/audit/${type}/${id(entityId)}`),
    verify: () => request<AuditVerifyResult>('GET', '/api/audit/verify'),
    recent: (query: { entityType?: AuditEntityType; limit: number; offset: number }) => {
      const params = new URLSearchParams({ limit: String(query.limit), offset: String(query.offset), ...(query.entityType ? { entityType: query.entityType } : {}) });
      return request<{ items: RecentChange[]; total: number }>('GET', `/api/audit?${params}`);
    },
  },
  health: () => request<HealthReport>('GET', '/api/health'),
};

export type Api = typeof api;
