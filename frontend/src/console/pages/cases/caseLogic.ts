// Case logic the pages share: labels for statuses and measures, the form ↔ API shape of measures,
// and which steps of a case are open to whom. The API enforces every rule; this only decides what
// to show.
import type { Schemas } from '../../../api/client'
import { chars } from '../../../common/forms'
import { locale, t, type MessageKey } from '../../../i18n'

export type Measure = Schemas['Measure']
export type Sanction = Schemas['Sanction']
export type CaseView = Schemas['CaseView']
export type PartyView = Schemas['PartyView']

export type CaseClosure = Schemas['CaseClosure']

/** A case's statuses, in the order it moves through them; `closed` is closed without measures. */
export const CASE_STATUSES = ['open', 'hearing', 'decided', 'closed'] as const
/** How a case closes without measures: exempted under AC 10, or no violation found (AC 5). */
export const CLOSURES: CaseClosure[] = ['exempted', 'no_violation']

export function statusLabel(status: string): string {
  return t(`case.st.${status}` as MessageKey)
}

/** Decided with measures or closed without them: nothing more is done on the case itself. */
export function isConcluded(status: string): boolean {
  return status === 'decided' || status === 'closed'
}

export const SEVERITIES = ['minor', 'serious', 'major', 'especially_major'] as const
export const SANCTIONS: Sanction[] = ['warning', 'demerit', 'major_demerit', 'demotion', 'removal', 'dismissal']
export const SIMPLE_MEASURES = ['order_to_correct', 'admonishment_talk', 'circulated_criticism', 'other'] as const
export const VIOLATIONS = [
  'not_updated',
  'outside_scope_or_time',
  'not_answered',
  'secrecy_failure',
  'not_clarified',
  'illegal_fees',
  'untrue',
  'no_supervision',
  'complaint_rules',
  'other',
] as const
export const FACTORS = [
  'cooperated',
  'corrected_in_time',
  'limited_harm',
  'other_mitigating',
  'shifting_blame',
  'obstructing',
  'harm_grew',
  'repeat_within_year',
  'other_aggravating',
] as const

export function measureLabel(m: Measure): string {
  if (m.measure === 'disciplinary_sanction') {
    return `${t('case.m.disciplinary_sanction')}（${t(`case.s.${m.sanction}` as MessageKey)}）`
  }
  return t(`case.m.${m.measure}` as MessageKey)
}

export function measuresText(ms: Measure[] | null | undefined): string {
  if (!ms || ms.length === 0) return t('case.none')
  return ms.map(measureLabel).join('、')
}

/** The measures form: ticked simple measures and an optional sanction. */
export interface MeasuresForm {
  simple: string[]
  sanction: Sanction | ''
}

export function toMeasures(form: MeasuresForm): Measure[] {
  const out: Measure[] = SIMPLE_MEASURES.filter((m) => form.simple.includes(m)).map((m) => ({ measure: m }) as Measure)
  if (form.sanction) out.push({ measure: 'disciplinary_sanction', sanction: form.sanction })
  return out
}

export function fromMeasures(ms: Measure[]): MeasuresForm {
  const sanction = ms.find((m) => m.measure === 'disciplinary_sanction')
  return {
    simple: ms.filter((m) => m.measure !== 'disciplinary_sanction').map((m) => m.measure),
    sanction: sanction && sanction.measure === 'disciplinary_sanction' ? sanction.sanction : '',
  }
}

/** What the deciding body can do next, given the case (the API checks again). */
export function nextSteps(c: CaseView, today: string) {
  const done = isConcluded(c.status)
  const heard = !!c.hearing_deadline
  const allAnswered = c.parties.every((p) => !!p.statement_at)
  const hearingOver = heard && (today > (c.hearing_deadline as string) || allAnswered)
  const approved = c.approval === 'not_needed' || c.approval === 'approved'
  return {
    edit: !done,
    approve: !done && c.approval === 'pending',
    hearing: !done,
    statements: !done && heard,
    decide: !done && !!c.severity && approved && hearingOver,
    /** Closing without measures is open while the case is open or in hearing. */
    close: c.status === 'open' || c.status === 'hearing',
    waitingFor: done
      ? null
      : !c.severity
        ? 'case.wait.measures'
        : !approved
          ? 'case.wait.approval'
          : !heard
            ? 'case.wait.hearing'
            : !hearingOver
              ? 'case.wait.statements'
              : null,
  } as const
}

/** An exemption (AC 10) rests on a mitigating circumstance on record. */
export function hasMitigating(c: CaseView): boolean {
  return c.circumstances.some((x) => x.kind === 'mitigating')
}

/** The closure form's own checks, by field; the API checks again (reasons 5–20000 characters). */
export function closureFaults(form: { closure: CaseClosure | ''; reasons: string }, c: CaseView): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {}
  if (!form.closure) out.closure = 'fault.required'
  else if (form.closure === 'exempted' && !hasMitigating(c)) out.closure = 'case.closure.noMitigation'
  if (chars(form.reasons) < 5) out.reasons = 'case.closure.reasonsShort'
  return out
}

/** A party may ask for review or appeal once measures were decided, while nothing is pending and no
 * appeal was made; a case closed without measures has nothing to contest. */
export function canFileRemedy(status: string, filings: { status: string; kind: string }[]): boolean {
  return status === 'decided' && !filings.some((f) => f.status === 'pending' || f.kind === 'appeal')
}

/** The violation date may not lie after today (in Beijing, where the API counts it). */
export function isFutureDay(day: string, today: string): boolean {
  return day > today
}

/** The parties the signed-in person may speak for: themselves, or units they lead. */
export function speakableParties(c: CaseView, userId: string, ledUnits: string[]): PartyView[] {
  return c.parties.filter((p) =>
    p.user_id ? p.user_id === userId : ledUnits.includes(p.unit_id),
  ).filter((p) => !p.statement_at)
}

const CHINESE_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/**
 * The item of the accountability measures' Art. 6 a lead is raised under (`6.4`), as each language
 * cites it: 第六条第（四）项, AC 6(4); anything else as the server gave it.
 */
export function leadItemLabel(item: string): string {
  const m = /^6\.(\d{1,2})$/.exec(item.trim())
  const n = m ? Number(m[1]) : 0
  if (!m || n < 1 || n >= CHINESE_NUMERALS.length) return item
  return locale.value === 'en' ? `AC 6(${n})` : `第六条第（${CHINESE_NUMERALS[n]}）项`
}

/** How people know a lead's subject: the label the platform wrote before the facts (an application's
 * tracking code and applicant), or its kind and id. */
export function leadSubject(lead: { subject_type: string; subject_id: string; facts: string }): string {
  const label = lead.facts.split('：')[0]?.trim() ?? ''
  return label && label !== lead.facts.trim() ? label : `${lead.subject_type} ${lead.subject_id}`
}

/** Where a person's disciplinary sanction stands: one decided by a body other than the supervisory
 * commission is only recommended until the body with authority over the person decides on it. */
export type SanctionStatus = 'recommended' | 'imposed' | 'declined'

/** A party's sanction status in words (with the day of an imposition); empty where there is none. */
export function sanctionLabel(p: Pick<PartyView, 'sanction_status' | 'sanction_decided_on'>): string {
  switch (p.sanction_status) {
    case 'recommended':
      return t('case.sanction.st.recommended')
    case 'imposed':
      return t('case.sanction.st.imposed', { date: p.sanction_decided_on ?? '—' })
    case 'declined':
      return t('case.sanction.st.declined')
    default:
      return ''
  }
}

/** The bodies with authority over a person: the county government (appointing body) and the
 * supervisory commission. */
export const SANCTION_BODIES: Schemas['OversightFunction'][] = ['county_government', 'supervisory_commission']

type Signed = Pick<Schemas['Me'], 'county_id' | 'county_permissions' | 'platform_permissions'> & {
  memberships: Pick<Schemas['MembershipView'], 'function' | 'permissions'>[]
}

/** Whether the signed-in person acts for a body with authority in the case's county with
 * `case.sanction` (there, or county-wide while a member there), or holds it platform-wide. */
export function holdsSanctionPower(me: Signed | null | undefined, countyId: string): boolean {
  if (!me) return false
  if (me.platform_permissions.includes('case.sanction')) return true
  if (me.county_id !== countyId) return false
  return me.memberships.some(
    (m) =>
      !!m.function &&
      SANCTION_BODIES.includes(m.function) &&
      (m.permissions.includes('case.sanction') || me.county_permissions.includes('case.sanction')),
  )
}

/** The body with authority decides on a person's sanction while it is only recommended. */
export function canDecideSanction(p: Pick<PartyView, 'kind' | 'sanction_status'>, mayDecide: boolean): boolean {
  return mayDecide && p.kind === 'person' && p.sanction_status === 'recommended'
}

/** The day of that decision: not after today, nor before the case's decision (days in Beijing, where
 * the API counts them; `decidedOn` is the decision's own day there). */
export function sanctionDayAllowed(day: string, decidedOn: string | null, today: string): boolean {
  return day <= today && (!decidedOn || day >= decidedOn)
}

/** The sanction decision form's own checks, by field; the API checks again. */
export function sanctionFaults(
  form: { imposed: boolean | null; decided_on: string },
  decidedOn: string | null,
  today: string,
): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {}
  if (form.imposed === null) out.imposed = 'fault.required'
  if (!form.decided_on) out.decided_on = 'fault.required'
  else if (!sanctionDayAllowed(form.decided_on, decidedOn, today)) out.decided_on = 'case.sanction.badDay'
  return out
}

// ---- Reviews and appeals: the steps of a track, and the step that leaves the county -------------

export type FilingKind = Schemas['FilingKind']
export type FilingView = Schemas['FilingView']
export type OversightFunction = Schemas['OversightFunction']

/** The two steps after a decision, in order: the first asks the deciding body again (`review`), the
 * second goes to the body above it (`appeal`). */
export const FILING_KINDS: FilingKind[] = ['review', 'appeal']

/** A decision of the supervisory commission: the first step is 复审 and the second 复核. */
export function isSupervisoryTrack(track: string | null | undefined): boolean {
  return track === 'supervisory'
}

/** What a step is called on the case's track: 复审/复核 before the supervisory commission (and the
 * higher commission), 复核/申诉 otherwise. */
export function stepLabel(kind: string, track: string | null | undefined): string {
  const key = isSupervisoryTrack(track) ? `case.fk.sup.${kind}` : `case.fk.${kind}`
  return t(key as MessageKey)
}

/** The heading over a case's filings, in the track's words. */
export function filingsHeading(track: string | null | undefined): string {
  return t(isSupervisoryTrack(track) ? 'case.filings.supervisory' : 'case.filings')
}

/** Whether a step goes to a body outside the county, which the platform only records: the second
 * step on the supervisory track (to the higher supervisory commission), or an appeal against the
 * county government's own decision (to the body above it), or where the county has no county
 * government on the platform to hear it. The first step never leaves: it asks the deciding body. */
export function stepLeavesCounty(
  kind: string,
  track: string | null | undefined,
  decidingFunction: OversightFunction | null | undefined,
  countyHasGovernment = true,
): boolean {
  if (kind !== 'appeal') return false
  return isSupervisoryTrack(track) || decidingFunction === 'county_government' || !countyHasGovernment
}

/** The steps the API would take now, given the party's earlier filings: the first step once only,
 * and on the supervisory track the second only after the first (the API checks again). */
export function fileableKinds(track: string | null | undefined, filings: { kind: string }[]): FilingKind[] {
  const reviewed = filings.some((f) => f.kind === 'review')
  return FILING_KINDS.filter((k) => (k === 'review' ? !reviewed : !isSupervisoryTrack(track) || reviewed))
}

/** The filing form of a party. */
export interface FilingForm {
  kind: FilingKind
  grounds: string
  external_body: string
  filed_on: string
}

export function emptyFilingForm(kind: FilingKind = 'review'): FilingForm {
  return { kind, grounds: '', external_body: '', filed_on: '' }
}

/** The filing form's own checks of the outside body and its day, by field; nothing to check for a
 * step inside the county (the API checks everything again). */
export function filingFaults(form: FilingForm, external: boolean, today: string): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {}
  if (!external) return out
  const name = chars(form.external_body)
  if (name === 0) out.external_body = 'fault.required'
  else if (name < 2 || name > 200) out.external_body = 'case.ext.bodyLength'
  if (!form.filed_on) out.filed_on = 'fault.required'
  else if (form.filed_on > today) out.filed_on = 'case.ext.future'
  return out
}

/** The request for a filing: the outside body and its day only for a step that leaves the county. */
export function filingRequest(form: FilingForm, external: boolean, partyId: string | null): Schemas['FilingRequest'] {
  const body: Schemas['FilingRequest'] = { kind: form.kind, grounds: form.grounds, party_id: partyId }
  if (external) {
    body.external_body = form.external_body.trim()
    body.filed_on = form.filed_on
  }
  return body
}

/** A filing with a body outside the county: where and when it was filed, and by when that body is
 * due to decide (for information: the county keeps no clock for it); empty inside the county. */
export function externalSummary(f: Pick<FilingView, 'external_body' | 'external_filed_on' | 'decide_by'>): string {
  if (!f.external_body) return ''
  return t('case.ext.summary', { body: f.external_body, filed: f.external_filed_on ?? '—', due: f.decide_by })
}

/** The day the outside body decided, once recorded; empty otherwise. */
export function externalDecided(f: Pick<FilingView, 'external_body' | 'external_decided_on'>): string {
  return f.external_body && f.external_decided_on ? t('case.ext.decided', { date: f.external_decided_on }) : ''
}

/** The day an outside body decided: not after today, nor before the step was filed there. */
export function externalDayAllowed(day: string, filedOn: string | null | undefined, today: string): boolean {
  return day <= today && (!filedOn || day >= filedOn)
}

/** The decision form's own check of that day, for an external filing only. */
export function filingDecisionFaults(
  form: { decided_on: string },
  f: Pick<FilingView, 'external_body' | 'external_filed_on'>,
  today: string,
): Record<string, MessageKey> {
  if (!f.external_body) return {}
  if (!form.decided_on) return { decided_on: 'fault.required' }
  if (form.decided_on > today) return { decided_on: 'case.ext.future' }
  if (f.external_filed_on && form.decided_on < f.external_filed_on) return { decided_on: 'case.ext.beforeFiled' }
  return {}
}

/** The request recording a filing's decision: the outside body's day only for an external filing. */
export function filingDecisionRequest(
  form: { outcome: Schemas['Outcome']; reason: string; form: MeasuresForm; decided_on: string },
  f: Pick<FilingView, 'external_body'>,
): Schemas['FilingDecisionRequest'] {
  return {
    outcome: form.outcome,
    reason: form.reason,
    measures: form.outcome === 'changed' ? toMeasures(form.form) : undefined,
    decided_on: f.external_body ? form.decided_on : undefined,
  }
}
