import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';

describe('ApiError', () => {
  it('names the field of a service refusal', () => {
    const error = new ApiError(409, { code: 'conflict', message: '单位代码 BM001 已存在 (unit code already in use)', details: { field: 'code' } });
    expect(error.fieldProblems()).toEqual([{ field: 'code', message: '单位代码 BM001 已存在 (unit code already in use)' }]);
  });

  it('turns validation paths into form field names', () => {
    const error = new ApiError(400, {
      code: 'validation_failed', message: '输入有误',
      details: [{ path: 'body.name', message: 'Too small' }, { path: 'body', message: 'Unrecognized key: x' }, { path: 'querystring.limit', message: 'Too big' }],
    });
    expect(error.fieldProblems()).toEqual([{ field: 'name', message: 'Too small' }, { field: 'limit', message: 'Too big' }]);
  });

  it('reads the wait of a throttled login', () => {
    const error = new ApiError(429, { code: 'too_many_requests', message: '登录失败次数过多', details: { retryAfterSeconds: 900 } });
    expect(error.retryAfterSeconds()).toBe(900);
    expect(new ApiError(401, { code: 'invalid_credentials', message: 'x' }).retryAfterSeconds()).toBeNull();
  });
});
