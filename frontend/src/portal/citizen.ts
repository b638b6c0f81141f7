// The signed-in citizen of the portal. The token lives only in sessionStorage (never a cookie, so no
// other site can make the browser use it) and travels only in the `X-Citizen-Token` header.
import { ref } from 'vue'
import { api, call, type Schemas } from '../api/client'

export const CITIZEN_KEY = 'gongkai.citizen'
export const TOKEN_HEADER = 'X-Citizen-Token'

export type CitizenSession = Schemas['CitizenSession']

function isSession(v: unknown): v is CitizenSession {
  if (!v || typeof v !== 'object') return false
  const o = v as Record<string, unknown>
  return ['token', 'expires_at', 'display_name', 'email'].every((k) => typeof o[k] === 'string')
}

/** The stored session, unless it is missing, malformed or expired at `now`. */
export function readSession(storage: Pick<Storage, 'getItem'> | undefined, now: Date = new Date()): CitizenSession | null {
  const raw = storage?.getItem(CITIZEN_KEY)
  if (!raw) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return null
  }
  if (!isSession(parsed) || !(Date.parse(parsed.expires_at) > now.getTime())) return null
  return parsed
}

const storage = typeof sessionStorage !== 'undefined' ? sessionStorage : undefined
export const citizen = ref<CitizenSession | null>(readSession(storage))

export function remember(session: CitizenSession) {
  citizen.value = session
  storage?.setItem(CITIZEN_KEY, JSON.stringify(session))
}

export function forget() {
  citizen.value = null
  storage?.removeItem(CITIZEN_KEY)
}

/** The header that identifies the citizen, or none when signed out (or the session ran out). */
export function citizenHeaders(): Record<string, string> {
  if (citizen.value && !(Date.parse(citizen.value.expires_at) > Date.now())) forget()
  return citizen.value ? { [TOKEN_HEADER]: citizen.value.token } : {}
}

/** The tracking secret handed to the tracking page in the history state (never in the address). */
export function secretFromState(state: unknown): string {
  if (!state || typeof state !== 'object') return ''
  const secret = (state as Record<string, unknown>).secret
  return typeof secret === 'string' ? secret : ''
}

export async function signUp(body: Schemas['SignUpRequest']) {
  remember(await call(api.POST('/api/v1/public/citizens', { body })))
}

export async function signIn(body: Schemas['SignInRequest']) {
  remember(await call(api.POST('/api/v1/public/citizens/sign-in', { body })))
}

/** Ends the session on the server; forgets it here whatever the server answers. */
export async function signOut() {
  const headers = citizenHeaders()
  forget()
  await call(api.POST('/api/v1/public/citizens/sign-out', { headers })).catch(() => undefined)
}

export function myApplications() {
  return call(api.GET('/api/v1/public/citizens/me/applications', { headers: citizenHeaders() }))
}

export function linkApplication(body: Schemas['LinkRequest']) {
  return call(api.POST('/api/v1/public/citizens/me/applications', { body, headers: citizenHeaders() }))
}
