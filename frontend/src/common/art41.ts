// Art. 41 requests to correct a record about oneself (更正申请): what the intake forms send, how the
// answer is checked and sent, and how the answer and the evidence are named. They ride on the
// application record (request_kind = correction); the rules mirror the server's.
import type { Schemas } from '../api/client'
import { outcomeLabel } from './applications'
import { chars } from './forms'
import { t, type MessageKey } from '../i18n'

export type RequestKind = Schemas['RequestKind']
export type CorrectionOutcome = Schemas['CorrectionOutcome']

export const REQUEST_KINDS: RequestKind[] = ['disclosure', 'correction']
export const CORRECTION_OUTCOMES: CorrectionOutcome[] = ['corrected', 'not_corrected', 'directed_elsewhere']

export function isCorrection(d: { request_kind?: RequestKind | null } | null | undefined): boolean {
  return d?.request_kind === 'correction'
}

export function isCorrectionOutcome(v: unknown): v is CorrectionOutcome {
  return typeof v === 'string' && (CORRECTION_OUTCOMES as string[]).includes(v)
}

/** 予以更正 / 不予更正 / 告知向有权更正的机关提出, in the reader's language. */
export function correctionOutcomeLabel(outcome: CorrectionOutcome | null | undefined): string {
  return outcome ? t(`a41.outcome.${outcome}` as MessageKey) : ''
}

/** The result of a closed request: the correction's answer, or the table-3 outcome of an application. */
export function resultLabel(d: Pick<Schemas['ApplicationSummary'], 'request_kind' | 'outcome' | 'correction_outcome'>): string {
  return isCorrection(d) ? correctionOutcomeLabel(d.correction_outcome) : outcomeLabel(d.outcome)
}

/** What the description field asks for: the information wanted, or the record to correct. */
export function descriptionLabelKey(kind: RequestKind): MessageKey {
  return kind === 'correction' ? 'a41.record' : 'app.description'
}

/** The same, where the description is read back (tracking page, detail). */
export function descriptionShortKey(kind: RequestKind): MessageKey {
  return kind === 'correction' ? 'a41.recordShort' : 'app.excerpt'
}

/** How the applicant gets the information, or (a correction) the answer. */
export function deliveryLabelKey(kind: RequestKind): MessageKey {
  return kind === 'correction' ? 'a41.deliveryForm' : 'app.deliveryForm'
}

/** The part of an intake form that says what is asked for. */
export interface RequestFields {
  request_kind: RequestKind
  description: string
  correction_sought: string
}

export function emptyRequest(): RequestFields {
  return { request_kind: 'disclosure', description: '', correction_sought: '' }
}

/** Fault codes by field, as the server would give them. */
export function requestFaults(f: RequestFields): Record<string, string> {
  const faults: Record<string, string> = {}
  if (chars(f.description) < 5 || chars(f.description) > 5000) faults.description = 'length'
  if (f.request_kind === 'correction') {
    const n = chars(f.correction_sought)
    if (n === 0) faults.correction_sought = 'required'
    else if (n < 5 || n > 5000) faults.correction_sought = 'length'
  }
  return faults
}

/**
 * The request's part of a SubmitRequest or RegisterRequest: an application for information sends
 * only its description, as before (the server's default kind); a correction says its kind and what
 * it seeks (the server refuses `correction_sought` on an application for information).
 */
export function requestBody(f: RequestFields): { description: string; request_kind?: RequestKind; correction_sought?: string } {
  const description = f.description.trim()
  if (f.request_kind !== 'correction') return { description }
  return { description, request_kind: 'correction', correction_sought: f.correction_sought.trim() }
}

/** The leader's answer as filled in. */
export interface CorrectionAnswerFields {
  outcome: CorrectionOutcome | null
  text: string
  body_name: string
}

export function correctionAnswerFaults(f: CorrectionAnswerFields): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.outcome) faults.outcome = 'required'
  if (chars(f.text) < 5 || chars(f.text) > 5000) faults.text = 'length'
  if (f.outcome === 'directed_elsewhere') {
    const n = chars(f.body_name)
    if (n === 0) faults.body_name = 'required'
    else if (n < 2 || n > 200) faults.body_name = 'length'
  }
  return faults
}

/** The body of `correction-answer`: the body with power to correct only with `directed_elsewhere`. */
export function correctionAnswerBody(f: CorrectionAnswerFields & { outcome: CorrectionOutcome }): Schemas['CorrectionAnswerRequest'] {
  const body: Schemas['CorrectionAnswerRequest'] = { outcome: f.outcome, text: f.text.trim() }
  if (f.outcome === 'directed_elsewhere') body.body_name = f.body_name.trim()
  return body
}

/** A file added "for the correction" is the applicant's evidence on a correction request, a 补正 material otherwise. */
export function attachmentPurposeKey(purpose: string, kind: RequestKind | null | undefined): MessageKey {
  if (purpose === 'correction' && kind === 'correction') return 'a41.evidence'
  return `purpose.${purpose}` as MessageKey
}

/** The forward (转送) to the body in the county keeping the record: a unit and the reason, as the server checks them. */
export function forwardFaults(f: { to_unit_id: string; reason: string }): Record<string, string> {
  const faults: Record<string, string> = {}
  if (!f.to_unit_id) faults.to_unit_id = 'required'
  const n = chars(f.reason)
  if (n === 0) faults.reason = 'required'
  else if (n < 2 || n > 1000) faults.reason = 'length'
  return faults
}
