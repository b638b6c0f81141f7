// Field errors of a form: the client's own checks and the server's answer, by field path.
import { ApiFailure } from '../api/client'
import { t, type MessageKey } from '../i18n'

export type FieldErrors = Record<string, string>

/** Fault codes (client-side checks) → messages in the current language. */
export function faultMessages(faults: Record<string, string>): FieldErrors {
  return Object.fromEntries(Object.entries(faults).map(([field, code]) => [field, t(`fault.${code}` as MessageKey)]))
}

/** The server's field errors, already in the requested language. */
export function serverFieldErrors(e: unknown): FieldErrors {
  if (!(e instanceof ApiFailure)) return {}
  return Object.fromEntries(e.body.fields.map((f) => [f.field, f.message]))
}

/** Rethrows anything that is not an API refusal, so programming errors are not swallowed. */
export function asFailure(e: unknown): ApiFailure {
  if (e instanceof ApiFailure) return e
  throw e
}

/** Length of a text in characters, as the server counts them. */
export function chars(v: string | null | undefined): number {
  return [...(v ?? '').trim()].length
}
