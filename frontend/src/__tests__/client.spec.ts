import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, call, ApiFailure } from '../api/client'
import { setLocale } from '../i18n'

afterEach(() => vi.unstubAllGlobals())

describe('the API client', () => {
  it('sends the CSRF token and language, and turns error bodies into ApiFailure with fields', async () => {
    document.cookie = 'gk_csrf=token-123'
    setLocale('en')
    const seen: Request[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push(request)
        return new Response(
          JSON.stringify({ code: 'validation_failed', message: 'Some fields are invalid', fields: [{ field: 'new_password', code: 'password_too_weak', message: 'Too weak' }] }),
          { status: 400, headers: { 'content-type': 'application/json' } },
        )
      }),
    )
    const failure = await call(api.POST('/api/v1/auth/password', { body: { current_password: 'a', new_password: 'b' } })).catch((e) => e)
    expect(failure).toBeInstanceOf(ApiFailure)
    expect((failure as ApiFailure).body.code).toBe('validation_failed')
    expect((failure as ApiFailure).fieldMessage('new_password')).toBe('Too weak')
    expect(seen[0].headers.get('X-CSRF-Token')).toBe('token-123')
    expect(seen[0].headers.get('Accept-Language')).toBe('en')
    setLocale('zh')
  })

  it('returns the data of a successful response', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ unread: 4 }), { status: 200, headers: { 'content-type': 'application/json' } })))
    const data = await call(api.GET('/api/v1/notifications/unread-count', {}))
    expect(data.unread).toBe(4)
  })
})
