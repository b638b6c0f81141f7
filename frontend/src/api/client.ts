// The typed API client, generated from api/openapi.json: the same contract mobile clients use.
import createClient, { type Middleware } from 'openapi-fetch'
import type { components, paths } from './schema'
import { locale } from '../i18n'

export type Schemas = components['schemas']
export type ErrorBody = Schemas['ErrorBody']

export function cookie(name: string): string | undefined {
  return document.cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1)
}

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', locale.value === 'en' ? 'en' : 'zh-CN')
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      const csrf = cookie('gk_csrf')
      if (csrf) request.headers.set('X-CSRF-Token', decodeURIComponent(csrf))
    }
    return request
  },
}

// fetch is looked up on each call, so tests can replace it.
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', fetch: (request) => globalThis.fetch(request) })
api.use(headers)

/** An API error with its stable code and the fields at fault. */
export class ApiFailure extends Error {
  constructor(
    public status: number,
    public body: ErrorBody,
  ) {
    super(body.message)
  }

  fieldMessage(field: string): string | undefined {
    return this.body.fields.find((f) => f.field === field)?.message
  }
}

type Outcome<T> = { data?: T; error?: unknown; response: Response }

let onUnauthenticated: (code: string) => void = () => {}
export function whenSignedOut(handler: (code: string) => void) {
  onUnauthenticated = handler
}

/** Returns the data of a response, or throws an ApiFailure carrying the API's error body. */
export async function call<T>(request: Promise<Outcome<T>>): Promise<T> {
  const { data, error, response } = await request
  if (response.ok) return data as T
  const body: ErrorBody =
    error && typeof error === 'object' && 'code' in (error as object)
      ? (error as ErrorBody)
      : { code: 'internal_error', message: response.statusText, fields: [] }
  if (response.status === 401) onUnauthenticated(body.code)
  throw new ApiFailure(response.status, body)
}
