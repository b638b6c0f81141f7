import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CITIZEN_KEY,
  citizen,
  citizenHeaders,
  forget,
  linkApplication,
  myApplications,
  readSession,
  remember,
  secretFromState,
  signIn,
  signOut,
  type CitizenSession,
} from '../portal/citizen'
import { ApiFailure } from '../api/client'

const later = new Date(Date.now() + 86_400_000).toISOString()
const session: CitizenSession = { token: 'tok-1', expires_at: later, display_name: '张三', email: 'z@example.org' }
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

beforeEach(() => {
  sessionStorage.clear()
  document.cookie = 'gk_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT'
  forget()
})
afterEach(() => vi.unstubAllGlobals())

describe('the citizen token store', () => {
  it('reads only a well-formed, unexpired session', () => {
    const store = (v: string | null) => ({ getItem: () => v })
    expect(readSession(store(JSON.stringify(session)))).toEqual(session)
    expect(readSession(store(null))).toBeNull()
    expect(readSession(store('{not json'))).toBeNull()
    expect(readSession(store(JSON.stringify({ token: 'x' })))).toBeNull()
    expect(readSession(store(JSON.stringify(session)), new Date(Date.parse(later) + 1))).toBeNull()
    expect(readSession(undefined)).toBeNull()
  })

  it('keeps the token in sessionStorage, never in a cookie, and sends it only as X-Citizen-Token', () => {
    expect(citizenHeaders()).toEqual({})
    remember(session)
    expect(JSON.parse(sessionStorage.getItem(CITIZEN_KEY) ?? 'null')).toEqual(session)
    expect(localStorage.getItem(CITIZEN_KEY)).toBeNull()
    expect(document.cookie).not.toContain('tok-1')
    expect(citizenHeaders()).toEqual({ 'X-Citizen-Token': 'tok-1' })
    forget()
    expect(sessionStorage.getItem(CITIZEN_KEY)).toBeNull()
    expect(citizenHeaders()).toEqual({})
  })

  it('forgets a session that has run out instead of sending it', () => {
    remember({ ...session, expires_at: new Date(Date.now() - 1000).toISOString() })
    expect(citizenHeaders()).toEqual({})
    expect(citizen.value).toBeNull()
  })

  it('takes the tracking secret only from a string in the history state', () => {
    expect(secretFromState({ secret: 'abc', back: '/mine' })).toBe('abc')
    expect(secretFromState({ secret: 3 })).toBe('')
    expect(secretFromState(null)).toBe('')
    expect(secretFromState('abc')).toBe('')
  })
})

describe('the citizen API calls', () => {
  it('signs in, lists and links with the token header, and signs out even when the server refuses', async () => {
    const seen: Request[] = []
    const answers = [json(session), json([]), new Response(null, { status: 204 }), json({ code: 'session_expired', message: 'expired', fields: [] }, 401)]
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push(request)
        return answers.shift() ?? json({}, 500)
      }),
    )
    await signIn({ email: 'z@example.org', password: 'Secret12345' })
    expect(citizen.value?.token).toBe('tok-1')
    expect(seen[0].headers.get('X-Citizen-Token')).toBeNull()
    expect(await myApplications()).toEqual([])
    await linkApplication({ tracking_code: 'YJ-1234', secret: 'abcd' })
    expect(await seen[2].clone().json()).toEqual({ tracking_code: 'YJ-1234', secret: 'abcd' })
    await signOut()
    expect(seen.slice(1).map((r) => r.headers.get('X-Citizen-Token'))).toEqual(['tok-1', 'tok-1', 'tok-1'])
    expect(seen.map((r) => r.url.replace(/^https?:\/\/[^/]+/, ''))).toEqual([
      '/api/v1/public/citizens/sign-in',
      '/api/v1/public/citizens/me/applications',
      '/api/v1/public/citizens/me/applications',
      '/api/v1/public/citizens/sign-out',
    ])
    expect(citizen.value).toBeNull()
    expect(sessionStorage.getItem(CITIZEN_KEY)).toBeNull()
  })

  it('keeps nothing when sign-in is refused, and passes the API error on', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ code: 'invalid_credentials', message: '用户名或密码错误。', fields: [] }, 401)))
    const failure = await signIn({ email: 'z@example.org', password: 'wrong' }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(ApiFailure)
    expect((failure as ApiFailure).body.code).toBe('invalid_credentials')
    expect(citizen.value).toBeNull()
  })
})
