// Pure helpers for applications for disclosure: labels, money, the fee tiers, the layout of the
// annual report's table 3, which actions a status and a role allow (mirroring the server's rules),
// and where a status stands on the stage bar.
import type { Schemas } from '../api/client'
import { t, type MessageKey } from '../i18n'

export type Status = Schemas['ApplicationStatus']
export type Outcome = Schemas['ReplyOutcome']
export type Detail = Schemas['ApplicationDetail']
export type UnitDuty = Schemas['UnitDuty']

export const STATUSES: Status[] = ['submitted', 'in_progress', 'awaiting_correction', 'consulting', 'awaiting_payment', 'reply_pending', 'closed']
export const APPLICANT_KINDS: Schemas['ApplicantKind'][] = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'social_welfare_org',
  'legal_service_org',
  'other_org',
]
export const DELIVERY_FORMS: Schemas['DeliveryForm'][] = ['paper', 'email', 'pickup', 'online']
export const STAFF_CHANNELS: Schemas['ApplicationChannel'][] = ['in_person', 'registered_post', 'ordinary_post', 'fax', 'email']

export function statusTag(status: Status): 'info' | 'primary' | 'warning' | 'success' | 'danger' {
  if (status === 'closed') return 'success'
  if (status === 'submitted') return 'danger'
  if (status === 'awaiting_correction' || status === 'awaiting_payment') return 'warning'
  if (status === 'reply_pending') return 'primary'
  return 'info'
}

/** The outcome groups of table 3, in its order: a group of one outcome is a row of its own. */
export const OUTCOME_GROUPS: { key: MessageKey | null; outcomes: Outcome[] }[] = [
  { key: null, outcomes: ['disclosed', 'partially_disclosed'] },
  {
    key: 'og.withheld',
    outcomes: [
      'withheld_state_secret',
      'withheld_prohibited_by_law',
      'withheld_security_stability',
      'withheld_third_party_rights',
      'withheld_internal_affairs',
      'withheld_process_information',
      'withheld_enforcement_file',
      'withheld_inquiry_matter',
    ],
  },
  { key: 'og.unavailable', outcomes: ['unavailable_not_held', 'unavailable_needs_creation', 'unavailable_still_unclear'] },
  {
    key: 'og.not_processed',
    outcomes: [
      'not_processed_petition',
      'not_processed_repeated',
      'not_processed_publication',
      'not_processed_mass_repeated',
      'not_processed_confirmation',
    ],
  },
  { key: 'og.other', outcomes: ['other_no_correction', 'other_unpaid', 'other_other'] },
]

/** `不予公开：属于国家秘密` style: the group's name without its number, then the item. */
export function outcomeLabel(outcome: Outcome | null | undefined): string {
  if (!outcome) return ''
  const group = OUTCOME_GROUPS.find((g) => g.outcomes.includes(outcome))
  const item = t(`outcome.${outcome}` as MessageKey)
  if (!group?.key) return item
  const name = t(group.key).replace(/^[（(][^）)]*[）)]\s*/, '')
  return `${name}：${item}`
}

/** 1234 fen → "12.34". */
export function yuan(fen: number | null | undefined): string {
  return ((fen ?? 0) / 100).toFixed(2)
}

/** One line per tier of a fee quote, free tiers included. */
export function tierLines(quote: Schemas['FeeQuote']): string[] {
  const unit = t(quote.method === 'per_item' ? 'act.unitItem' : 'act.unitPage')
  return quote.tiers.map((tier) =>
    tier.rate_yuan === 0
      ? t('act.tierFree', { from: tier.from, to: tier.to, unit })
      : t('act.tier', { from: tier.from, to: tier.to, unit, rate: tier.rate_yuan, sub: yuan(tier.subtotal_fen) }),
  )
}

/** A fee notice sent on paper whose delivery is not yet recorded: the payment period has not begun. */
export function feeNoticeAwaitingDelivery(d: Pick<Detail, 'status' | 'fee'>): boolean {
  return d.status === 'awaiting_payment' && !d.fee.notice_received_on
}

/** A paper notice cannot reach the applicant before it was sent, nor after today (Beijing). */
export function feeReceiptDayAllowed(day: string, noticeOn: string | null | undefined, today: string): boolean {
  return (!noticeOn || day >= noticeOn) && day <= today
}

/** The day the fee is due, from the latest notice or delivery event that set one (none while a paper notice is on its way). */
export function feePayBy(events: Pick<Schemas['EventView'], 'kind' | 'details'>[]): string | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]
    if (e.kind !== 'fee_notice' && e.kind !== 'fee_notice_received') continue
    const payBy = (e.details as Record<string, unknown> | null | undefined)?.pay_by
    if (typeof payBy === 'string' && payBy) return payBy
  }
  return null
}

/** Section 六 of the annual report: counts as they are, amounts in yuan with two decimals. */
export interface FeeSummaryLine {
  key: 'notices' | 'charged' | 'payments' | 'collected'
  label: string
  /** As shown: a count, or yuan with two decimals. */
  text: string
  /** For a spreadsheet: the count, or the yuan. */
  value: number
  /** An amount of yuan, shown with two decimals. */
  money: boolean
}

export function feeSummaryLines(f: Pick<Schemas['FeeSummary'], 'notices' | 'charged_fen' | 'payments' | 'collected_fen'>): FeeSummaryLine[] {
  const count = (key: 'notices' | 'payments', n: number): FeeSummaryLine => ({ key, label: t(`fees.${key}`), text: String(n), value: n, money: false })
  const money = (key: 'charged' | 'collected', fen: number): FeeSummaryLine => ({ key, label: t(`fees.${key}`), text: yuan(fen), value: Number(yuan(fen)), money: true })
  return [count('notices', f.notices), money('charged', f.charged_fen), count('payments', f.payments), money('collected', f.collected_fen)]
}

export type Table3Line =
  | { type: 'heading'; number: string; label: string }
  | { type: 'row'; number: string; label: string; key: string; values: number[] }

const GROUP_OF_NUMBER: Record<string, MessageKey> = {
  '（三）': 'og.withheld',
  '（四）': 'og.unavailable',
  '（五）': 'og.not_processed',
  '（六）': 'og.other',
}

/** The rows of table 3 as the annual report prints them: the "三" heading before the results,
 *  and a heading for each group of numbered items, e.g. "（三）不予公开" before "（三）1". */
export function table3Layout(rows: Schemas['TableRow'][], label: (row: Schemas['TableRow']) => string = (r) => r.label): Table3Line[] {
  const lines: Table3Line[] = []
  let resultsStarted = false
  let group = ''
  for (const row of rows) {
    const isResult = !['new', 'carried_over', 'carried_forward'].includes(row.key)
    if (isResult && !resultsStarted) {
      resultsStarted = true
      lines.push({ type: 'heading', number: '三', label: t('stat.results').replace(/^三、\s*|^III\.\s*/, '') })
    }
    const m = /^(（[一二三四五六七]）)(\d+)$/.exec(row.number)
    if (m && m[1] !== group && GROUP_OF_NUMBER[m[1]]) {
      group = m[1]
      lines.push({ type: 'heading', number: m[1], label: t(GROUP_OF_NUMBER[m[1]]).replace(/^[（(][^）)]*[）)]\s*/, '') })
    }
    lines.push({ type: 'row', number: m ? m[2] : row.number, label: label(row), key: row.key, values: row.values.map(Number) })
  }
  return lines
}

/** 一 + 二 = （七） + 四 for each column, computed from the rows (the server sends its own too). */
export function table3Check(rows: Schemas['TableRow'][]): boolean[] {
  const by = (key: string) => rows.find((r) => r.key === key)?.values ?? []
  const [a, b, total, forward] = [by('new'), by('carried_over'), by('results_total'), by('carried_forward')]
  return total.map((_, i) => Number(a[i] ?? 0) + Number(b[i] ?? 0) === Number(total[i] ?? 0) + Number(forward[i] ?? 0))
}

export type Action =
  | 'sign'
  | 'transfer'
  | 'correction_notice'
  | 'record_correction'
  | 'extension'
  | 'consult'
  | 'answer'
  | 'fee'
  | 'fee_receipt'
  | 'payment'
  | 'draft'
  | 'secrecy_review'
  | 'decision'
  | 'delivery'
  | 'proceedings'
  | 'attach'
  | 'reasons_request'
  | 'record_reasons'
  | 'deferral'
  | 'forward'
  | 'correction_answer'

/** What the actions of an application depend on. */
export type ActionFacts = Pick<
  Detail,
  | 'status'
  | 'extension_days'
  | 'correction_requested_on'
  | 'fee'
  | 'delivered_at'
  | 'consultations'
  | 'draft'
  | 'secrecy_reviewed'
  | 'reasons_requested_on'
  | 'reasons_given'
  | 'deferred_until'
  | 'request_kind'
>

/**
 * What the person answers for in the application's unit besides their role: the duties its
 * principal leader gave them (`/auth/me`, per membership), and whether they are that principal leader.
 */
export interface Standing {
  duties: ReadonlySet<UnitDuty>
  principal: boolean
}

export const NO_STANDING: Standing = { duties: new Set(), principal: false }

/** A reply with this outcome releases information (公开、部分公开), so it is reviewed for secrecy first. */
export function releasesInformation(outcome: Outcome | null | undefined): boolean {
  return outcome === 'disclosed' || outcome === 'partially_disclosed'
}

export type SecrecyReview = 'not_needed' | 'required' | 'cleared'

/** Where the current draft stands with the secrecy review (SR 3–5: review before release). */
export function secrecyReviewState(d: Pick<Detail, 'draft' | 'secrecy_reviewed'>): SecrecyReview {
  if (!releasesInformation(d.draft.outcome)) return 'not_needed'
  return d.secrecy_reviewed ? 'cleared' : 'required'
}

/** The reviewer's reason, while a draft the secrecy review sent back waits to be redrafted. */
export function secrecyReturnNote(d: Pick<Detail, 'status' | 'secrecy_reviewed' | 'secrecy_review_note'>): string | null {
  if (d.status !== 'in_progress' || d.secrecy_reviewed) return null
  return d.secrecy_review_note?.trim() || null
}

/** Art. 33: an extension is agreed by the head of the disclosure office, or by the principal leader who designates one. */
export function mayAgreeToExtension(standing: Standing): boolean {
  return standing.principal || standing.duties.has('disclosure_office_head')
}

/**
 * Art. 32: a reply releasing information that a consulted third party objected to may still be
 * given, but only with the public-interest reason, which the third party is told in writing.
 */
export function publicInterestRequired(outcome: Outcome | null | undefined, consultations: Pick<Schemas['ConsultationView'], 'party' | 'objected'>[]): boolean {
  return releasesInformation(outcome) && consultations.some((c) => c.party === 'third_party' && c.objected)
}

/** Art. 35: the stages in which the applicant's reasons are recorded and a later reply date set. */
function art35Stage(s: Status): boolean {
  return s === 'in_progress' || s === 'consulting' || s === 'reply_pending'
}

/**
 * Art. 35 on the tracking page: what the unit asked the applicant to explain, while the reasons are
 * still awaited (asked for, none given, the application still open); null otherwise.
 */
export function reasonsAsked(p: Pick<Schemas['PublicStatus'], 'status' | 'events'>): string | null {
  if (!art35Stage(p.status)) return null
  const asked = p.events.find((e) => e.kind === 'reasons_requested')
  if (!asked || p.events.some((e) => e.kind === 'reasons_given')) return null
  const note = (asked.details as Record<string, unknown> | null | undefined)?.note
  return typeof note === 'string' ? note : ''
}

function extensionStage(d: ActionFacts): boolean {
  const s = d.status
  return (s === 'in_progress' || s === 'consulting' || s === 'reply_pending') && d.extension_days === 0
}

/**
 * The actions the application's stage allows to someone holding these permissions in its unit.
 * Roles reach the client as the permissions they give in each unit (`/auth/me`): a handler holds
 * `application.handle`, a leader `application.approve` besides, so a handler is never offered the
 * leader's extension or reply decision, and a closed application only what follows the reply
 * (delivery, proceedings, attachments). Some steps also need a duty in the unit (`standing`): the
 * secrecy review its designated reviewers, the extension its head of the disclosure office or its
 * principal leader. An Art. 41 correction request (`request_kind: correction`) takes no reply draft,
 * secrecy review, reply decision or fee: its leader answers it while it is handled, and its handler
 * may forward it to the body keeping the record; nor does it take the Art. 35 steps (reasons, later
 * reply date).
 */
export function allowedActions(d: ActionFacts, permissions: ReadonlySet<string>, standing: Standing = NO_STANDING): Set<Action> {
  const out = new Set<Action>()
  const handle = permissions.has('application.handle')
  const approve = permissions.has('application.approve')
  const s = d.status
  // Art. 41: a correction request is answered in its own step, never drafted, reviewed or charged for.
  const correction = d.request_kind === 'correction'
  if (handle) {
    if (s === 'submitted') out.add('sign').add('transfer')
    // After receipt, a body without power to correct forwards the request to the one keeping the record.
    if (correction && s === 'in_progress') out.add('forward')
    if (s === 'in_progress' && !d.correction_requested_on) out.add('correction_notice')
    if (s === 'awaiting_correction') out.add('record_correction')
    if (s === 'in_progress' || s === 'consulting') out.add('consult')
    // Art. 35: the applicant is asked once for reasons, which come on the tracking page or by letter.
    // A correction request is not asked (the server refuses it: not_for_correction).
    if (!correction && (s === 'in_progress' || s === 'consulting') && !d.reasons_requested_on) out.add('reasons_request')
    if (!correction && art35Stage(s) && d.reasons_requested_on && !d.reasons_given) out.add('record_reasons')
    // The secrecy bureau answers its own referrals, on its page.
    if (s !== 'closed' && d.consultations.some((c) => c.status === 'open' && c.party !== 'secrecy_bureau')) out.add('answer')
    if (!correction && s === 'in_progress' && !d.fee.notice_on) out.add('fee')
    // A notice sent on paper starts the 20 working days only once its delivery is recorded; one
    // sent electronically is received the day it is sent. Payment can be recorded either way.
    if (feeNoticeAwaitingDelivery(d)) out.add('fee_receipt')
    if (s === 'awaiting_payment') out.add('payment')
    if (!correction && s === 'in_progress') out.add('draft')
    // A releasing draft waits for the designated reviewer before the leader may approve it.
    if (!correction && s === 'reply_pending' && secrecyReviewState(d) === 'required' && standing.duties.has('secrecy_reviewer')) out.add('secrecy_review')
    if (s === 'closed' && !d.delivered_at) out.add('delivery')
    // Review and litigation, and the files of the record, can come at any stage, after the reply too.
    out.add('proceedings').add('attach')
  }
  if (approve) {
    if (extensionStage(d) && mayAgreeToExtension(standing)) out.add('extension')
    if (!correction && s === 'reply_pending') out.add('decision')
    // The leader answers a correction request in place of a drafted reply and its approval.
    if (correction && s === 'in_progress') out.add('correction_answer')
    // Art. 35: once the reasons are in, the leader may set one reasonable later reply date.
    if (!correction && art35Stage(s) && d.reasons_given && !d.deferred_until) out.add('deferral')
  }
  return out
}

/** What the detail page offers: the actions, and the panels they imply. */
export interface ActionPlan {
  actions: ReadonlySet<Action>
  /** Something to do at this stage besides keeping the record (proceedings, attachments). */
  anything: boolean
  /** The consultations panel: to start one, or to read those held. */
  consultations: boolean
  /** The working days of the one extension granted, said where the leader would grant it. */
  extendedBy: number | null
  /** A leader who could extend at this stage but holds neither capacity Art. 33 asks for. */
  extensionReserved: boolean
  /** The Art. 35 panel: a step to take, or the reasons asked for and the later reply date to read. */
  art35: boolean
}

const ART35_ACTIONS: Action[] = ['reasons_request', 'record_reasons', 'deferral']

export function actionPlan(d: ActionFacts, permissions: ReadonlySet<string>, standing: Standing = NO_STANDING): ActionPlan {
  const actions = allowedActions(d, permissions, standing)
  return {
    actions,
    anything: [...actions].some((a) => a !== 'proceedings' && a !== 'attach'),
    consultations: actions.has('consult') || d.consultations.length > 0,
    extendedBy: !actions.has('extension') && d.extension_days ? d.extension_days : null,
    extensionReserved: permissions.has('application.approve') && extensionStage(d) && !mayAgreeToExtension(standing),
    // A correction request never takes the Art. 35 steps, so it has no such panel.
    art35: d.request_kind !== 'correction' && (ART35_ACTIONS.some((a) => actions.has(a)) || !!d.reasons_requested_on || !!d.deferred_until),
  }
}

/** The steps of the stage bar: the path every application takes. */
export const STAGE_STEPS = ['receipt', 'handling', 'approval', 'closed'] as const
export type StageStep = (typeof STAGE_STEPS)[number]
/** Waits on someone outside the unit while it handles the application; shown on the handling step. */
export type SideWait = Extract<Status, 'awaiting_correction' | 'consulting' | 'awaiting_payment'>

export interface Stage {
  /** The current step's index (for el-steps' `active`): the steps before it are done; past the last once closed. */
  active: number
  step: StageStep | null
  wait: SideWait | null
}

/**
 * Where a status stands on 提交/签收 → 办理中 → 待审批 → 办结. Correction, consultation and payment
 * stop the handling (and its clock) without moving it on, so they are waits on the handling step;
 * a reply the leader returns goes back to in_progress and so back to that step.
 */
export function stageOf(status: Status): Stage {
  switch (status) {
    case 'submitted':
      return { active: 0, step: 'receipt', wait: null }
    case 'in_progress':
      return { active: 1, step: 'handling', wait: null }
    case 'awaiting_correction':
    case 'consulting':
    case 'awaiting_payment':
      return { active: 1, step: 'handling', wait: status }
    case 'reply_pending':
      return { active: 2, step: 'approval', wait: null }
    case 'closed':
      return { active: STAGE_STEPS.length, step: null, wait: null }
  }
}
