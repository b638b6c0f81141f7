import { describe, expect, it } from 'vitest'
import {
  STAGE_STEPS,
  STATUSES,
  NO_STANDING,
  actionPlan,
  allowedActions,
  feeNoticeAwaitingDelivery,
  feePayBy,
  feeReceiptDayAllowed,
  feeSummaryLines,
  mayAgreeToExtension,
  outcomeLabel,
  publicInterestRequired,
  reasonsAsked,
  releasesInformation,
  secrecyReturnNote,
  secrecyReviewState,
  stageOf,
  table3Check,
  table3Layout,
  tierLines,
  yuan,
  type ActionFacts,
  type Detail,
  type Standing,
  type UnitDuty,
} from '../common/applications'
import { fileFault } from '../common/files'
import type { Schemas } from '../api/client'
import { setLocale } from '../i18n'

const base: ActionFacts = {
  status: 'in_progress',
  extension_days: 0,
  correction_requested_on: null,
  fee: {},
  delivered_at: null,
  consultations: [],
  draft: { leader_instructed: false },
  secrecy_reviewed: false,
  request_kind: 'disclosure',
}
const standing = (duties: UnitDuty[], principal = false): Standing => ({ duties: new Set(duties), principal })
/** The demo's principal leader, who also heads the disclosure office. */
const principal = standing(['disclosure_office_head'], true)
const head = standing(['disclosure_office_head'])
const reviewer = standing(['secrecy_reviewer'])
const handler = new Set(['application.read', 'application.handle'])
const leader = new Set(['application.read', 'application.handle', 'application.approve'])
const office = new Set(['application.read', 'application.supervise'])
const sorted = (s: Set<string>) => [...s].sort()

describe('which actions show for which stage and role', () => {
  it('offers sign-for and transfer only before receipt', () => {
    expect(sorted(allowedActions({ ...base, status: 'submitted' }, handler))).toEqual(['attach', 'proceedings', 'sign', 'transfer'])
  })

  it('lets a handler ask for correction once, consult, charge and draft while in progress, but not extend', () => {
    const a = allowedActions(base, handler)
    expect(sorted(a)).toEqual(['attach', 'consult', 'correction_notice', 'draft', 'fee', 'proceedings', 'reasons_request'])
    expect(allowedActions({ ...base, correction_requested_on: '2026-11-26' }, handler).has('correction_notice')).toBe(false)
    expect(allowedActions({ ...base, fee: { notice_on: '2026-11-26' } }, handler).has('fee')).toBe(false)
  })

  it('gives the extension and the reply decision to the leader only, the extension once', () => {
    expect(allowedActions(base, leader, principal).has('extension')).toBe(true)
    expect(allowedActions({ ...base, extension_days: 20 }, leader, principal).has('extension')).toBe(false)
    expect(allowedActions({ ...base, status: 'reply_pending' }, handler).has('decision')).toBe(false)
    expect(sorted(allowedActions({ ...base, status: 'reply_pending' }, leader, principal))).toEqual(['attach', 'decision', 'extension', 'proceedings'])
  })

  it('leaves the extension to the head of the disclosure office or the principal leader (Art. 33)', () => {
    expect(allowedActions(base, leader, head).has('extension')).toBe(true)
    expect(allowedActions(base, leader, standing([], true)).has('extension')).toBe(true)
    // A deputy without the duty, or a reviewer, may not agree to it.
    expect(allowedActions(base, leader).has('extension')).toBe(false)
    expect(allowedActions(base, leader, reviewer).has('extension')).toBe(false)
    // The duty without the leader's role gives nothing either.
    expect(allowedActions(base, handler, head).has('extension')).toBe(false)
    expect(mayAgreeToExtension(NO_STANDING)).toBe(false)
    expect(mayAgreeToExtension(head)).toBe(true)
    // The page says why the leader sees no extension, only where one could still be granted.
    expect(actionPlan(base, leader).extensionReserved).toBe(true)
    expect(actionPlan(base, leader, head).extensionReserved).toBe(false)
    expect(actionPlan({ ...base, extension_days: 20 }, leader).extensionReserved).toBe(false)
    expect(actionPlan({ ...base, status: 'closed' }, leader).extensionReserved).toBe(false)
    expect(actionPlan(base, handler).extensionReserved).toBe(false)
  })

  it('offers the secrecy review of a releasing draft to the designated reviewer until it is cleared', () => {
    const pending = (outcome: Detail['draft']['outcome'], secrecy_reviewed = false): ActionFacts => ({
      ...base,
      status: 'reply_pending',
      draft: { outcome, text: '…', leader_instructed: false },
      secrecy_reviewed,
    })
    expect(allowedActions(pending('disclosed'), handler, reviewer).has('secrecy_review')).toBe(true)
    expect(allowedActions(pending('partially_disclosed'), leader, reviewer).has('secrecy_review')).toBe(true)
    expect(actionPlan(pending('disclosed'), handler, reviewer).anything).toBe(true)
    // Not to someone the principal leader did not designate, whatever their role.
    expect(allowedActions(pending('disclosed'), handler).has('secrecy_review')).toBe(false)
    expect(allowedActions(pending('disclosed'), leader, principal).has('secrecy_review')).toBe(false)
    // A reply that releases nothing needs no review; a cleared one none again.
    expect(allowedActions(pending('withheld_state_secret'), handler, reviewer).has('secrecy_review')).toBe(false)
    expect(allowedActions(pending('disclosed', true), handler, reviewer).has('secrecy_review')).toBe(false)
    // Only while the reply waits for approval.
    expect(allowedActions({ ...pending('disclosed'), status: 'in_progress' }, handler, reviewer).has('secrecy_review')).toBe(false)
    expect(allowedActions({ ...pending('disclosed'), status: 'closed' }, handler, reviewer).has('secrecy_review')).toBe(false)
    // The duty alone, without the handling permission, is not enough.
    expect(allowedActions(pending('disclosed'), office, reviewer).has('secrecy_review')).toBe(false)
  })

  it('records answers of third parties but leaves referrals to the secrecy bureau', () => {
    const open = { id: 'c', application_id: 'a', unit_id: 'u', party_name: 'x', question: 'q', started_on: '2026-11-26', objected: false, status: 'open' }
    expect(allowedActions({ ...base, status: 'consulting', consultations: [{ ...open, party: 'third_party' }] }, handler).has('answer')).toBe(true)
    expect(allowedActions({ ...base, status: 'consulting', consultations: [{ ...open, party: 'secrecy_bureau' }] }, handler).has('answer')).toBe(false)
  })

  it('lets the applicant-facing steps follow: correction received, payment, delivery', () => {
    expect(allowedActions({ ...base, status: 'awaiting_correction' }, handler).has('record_correction')).toBe(true)
    expect(allowedActions({ ...base, status: 'awaiting_payment' }, handler).has('payment')).toBe(true)
    expect(allowedActions({ ...base, status: 'closed' }, handler).has('delivery')).toBe(true)
    expect(allowedActions({ ...base, status: 'closed', delivered_at: '2026-11-27T01:00:00Z' }, handler).has('delivery')).toBe(false)
  })

  it('offers to record the delivery of a paper fee notice until it is recorded, and payment either way', () => {
    const paper = { ...base, status: 'awaiting_payment' as const, fee: { amount_fen: 1000, notice_on: '2026-11-26', notice_received_on: null } }
    expect(feeNoticeAwaitingDelivery(paper)).toBe(true)
    expect(sorted(allowedActions(paper, handler))).toEqual(['attach', 'fee_receipt', 'payment', 'proceedings'])
    const delivered = { ...paper, fee: { ...paper.fee, notice_received_on: '2026-11-28' } }
    expect(feeNoticeAwaitingDelivery(delivered)).toBe(false)
    expect(sorted(allowedActions(delivered, handler))).toEqual(['attach', 'payment', 'proceedings'])
    // Sent electronically: received the day it was sent, nothing to record.
    const electronic = { ...paper, fee: { ...paper.fee, notice_received_on: '2026-11-26' } }
    expect(allowedActions(electronic, handler).has('fee_receipt')).toBe(false)
    // Only while payment is awaited, and only for the handling staff.
    expect(allowedActions({ ...paper, status: 'in_progress' }, handler).has('fee_receipt')).toBe(false)
    expect(allowedActions({ ...paper, status: 'closed' }, handler).has('fee_receipt')).toBe(false)
    expect(allowedActions(paper, office).has('fee_receipt')).toBe(false)
    expect(actionPlan(paper, handler).anything).toBe(true)
  })

  it('shows the openness office nothing to do in a unit it only oversees', () => {
    expect(allowedActions(base, office).size).toBe(0)
  })

  it('offers a closed application only what follows the reply, to anyone', () => {
    const open = { id: 'c', application_id: 'a', unit_id: 'u', party_name: 'x', question: 'q', started_on: '2026-11-26', objected: false, status: 'open', party: 'third_party' as const }
    const closed = { ...base, status: 'closed' as const, consultations: [open] }
    expect(sorted(allowedActions(closed, handler))).toEqual(['attach', 'delivery', 'proceedings'])
    expect(sorted(allowedActions(closed, leader))).toEqual(['attach', 'delivery', 'proceedings'])
    expect(sorted(allowedActions({ ...closed, delivered_at: '2026-11-27T01:00:00Z' }, leader))).toEqual(['attach', 'proceedings'])
  })

  it("never offers a handler what is the leader's, at any stage", () => {
    for (const status of STATUSES) {
      const a = allowedActions({ ...base, status }, handler)
      expect(a.has('decision'), status).toBe(false)
      expect(a.has('extension'), status).toBe(false)
    }
  })
})

describe('the action plan of the detail page', () => {
  it('says when nothing but the record is left to do', () => {
    expect(actionPlan({ ...base, status: 'reply_pending' }, handler).anything).toBe(false)
    expect(actionPlan({ ...base, status: 'reply_pending' }, leader).anything).toBe(true)
    expect(actionPlan(base, office).anything).toBe(false)
  })

  it('shows the consultations to start one or to read those held', () => {
    const held = { id: 'c', application_id: 'a', unit_id: 'u', party_name: 'x', question: 'q', started_on: '2026-11-26', objected: false, status: 'answered', party: 'third_party' as const }
    expect(actionPlan(base, handler).consultations).toBe(true)
    expect(actionPlan({ ...base, status: 'reply_pending' }, handler).consultations).toBe(false)
    expect(actionPlan({ ...base, status: 'reply_pending', consultations: [held] }, handler).consultations).toBe(true)
  })

  it('names the extension granted where it can no longer be granted', () => {
    expect(actionPlan(base, leader, principal).extendedBy).toBeNull()
    expect(actionPlan({ ...base, extension_days: 20 }, leader, principal).extendedBy).toBe(20)
    expect(actionPlan({ ...base, extension_days: 20 }, handler).extendedBy).toBe(20)
  })
})

describe('Art. 35: reasons, and a later reply date', () => {
  const asked = { ...base, reasons_requested_on: '2026-11-03', reasons_question: '请说明理由。' }
  const given = { ...asked, reasons_given: '编写村志。', reasons_given_on: '2026-11-04' }

  it('lets the handler ask for reasons once, while the application is handled', () => {
    expect(allowedActions(base, handler).has('reasons_request')).toBe(true)
    expect(allowedActions({ ...base, status: 'consulting' }, handler).has('reasons_request')).toBe(true)
    expect(allowedActions(asked, handler).has('reasons_request')).toBe(false)
    for (const status of ['submitted', 'awaiting_correction', 'awaiting_payment', 'reply_pending', 'closed'] as const) {
      expect(allowedActions({ ...base, status }, handler).has('reasons_request'), status).toBe(false)
    }
    expect(allowedActions(base, office).has('reasons_request')).toBe(false)
  })

  it('lets the handler record reasons asked for and not yet given', () => {
    expect(allowedActions(base, handler).has('record_reasons')).toBe(false)
    expect(allowedActions(asked, handler).has('record_reasons')).toBe(true)
    expect(allowedActions({ ...asked, status: 'reply_pending' }, handler).has('record_reasons')).toBe(true)
    expect(allowedActions({ ...asked, status: 'closed' }, handler).has('record_reasons')).toBe(false)
    expect(allowedActions(given, handler).has('record_reasons')).toBe(false)
  })

  it('lets the leader alone set a later reply date once the reasons are in, and once only', () => {
    expect(allowedActions(asked, leader).has('deferral')).toBe(false)
    expect(allowedActions(given, leader).has('deferral')).toBe(true)
    expect(allowedActions({ ...given, status: 'reply_pending' }, leader).has('deferral')).toBe(true)
    expect(allowedActions({ ...given, status: 'closed' }, leader).has('deferral')).toBe(false)
    expect(allowedActions({ ...given, deferred_until: '2026-12-14' }, leader).has('deferral')).toBe(false)
    expect(allowedActions(given, handler).has('deferral')).toBe(false)
  })

  it('shows its panel for a step to take or the facts on record', () => {
    expect(actionPlan(base, handler).art35).toBe(true)
    expect(actionPlan({ ...base, status: 'reply_pending' }, handler).art35).toBe(false)
    expect(actionPlan({ ...given, status: 'closed', deferred_until: '2026-12-14' }, handler).art35).toBe(true)
    expect(actionPlan(base, office).art35).toBe(false)
  })

  it('shows the applicant the question while the reasons are awaited', () => {
    const ev = (kind: string, details: Record<string, unknown> = {}) => ({ id: kind, kind, on_date: '2026-11-03', details }) as Schemas['EventView']
    const requested = ev('reasons_requested', { note: '请说明理由。' })
    expect(reasonsAsked({ status: 'in_progress', events: [ev('received')] })).toBeNull()
    expect(reasonsAsked({ status: 'in_progress', events: [ev('received'), requested] })).toBe('请说明理由。')
    expect(reasonsAsked({ status: 'reply_pending', events: [requested] })).toBe('请说明理由。')
    expect(reasonsAsked({ status: 'in_progress', events: [requested, ev('reasons_given', { note: '编写村志。' })] })).toBeNull()
    expect(reasonsAsked({ status: 'closed', events: [requested] })).toBeNull()
  })
})

describe('disclosing over a third party objection (Art. 32)', () => {
  const consultation = (party: Schemas['ConsultedParty'], objected: boolean) => ({ party, objected })

  it('needs the public-interest reason only where the reply releases what a third party objected to', () => {
    expect(publicInterestRequired('disclosed', [consultation('third_party', true)])).toBe(true)
    expect(publicInterestRequired('partially_disclosed', [consultation('third_party', false), consultation('third_party', true)])).toBe(true)
    expect(publicInterestRequired('withheld_third_party_rights', [consultation('third_party', true)])).toBe(false)
    expect(publicInterestRequired(null, [consultation('third_party', true)])).toBe(false)
    expect(publicInterestRequired('disclosed', [consultation('third_party', false)])).toBe(false)
    expect(publicInterestRequired('disclosed', [consultation('other_body', true)])).toBe(false)
    expect(publicInterestRequired('disclosed', [])).toBe(false)
  })
})

describe('the secrecy review of a reply', () => {
  const draft = (outcome: Detail['draft']['outcome']) => ({ outcome, text: '…', leader_instructed: false })

  it('is needed only where the reply releases information', () => {
    expect(releasesInformation('disclosed')).toBe(true)
    expect(releasesInformation('partially_disclosed')).toBe(true)
    expect(releasesInformation('withheld_state_secret')).toBe(false)
    expect(releasesInformation('unavailable_not_held')).toBe(false)
    expect(releasesInformation(null)).toBe(false)
  })

  it('holds back the approval of a releasing draft until the reviewer cleared it', () => {
    expect(secrecyReviewState({ draft: draft('disclosed'), secrecy_reviewed: false })).toBe('required')
    expect(secrecyReviewState({ draft: draft('partially_disclosed'), secrecy_reviewed: true })).toBe('cleared')
    expect(secrecyReviewState({ draft: draft('not_processed_repeated'), secrecy_reviewed: false })).toBe('not_needed')
    expect(secrecyReviewState({ draft: { leader_instructed: false }, secrecy_reviewed: false })).toBe('not_needed')
  })

  it("shows the handler the reviewer's reason for a draft sent back, until it is redrafted", () => {
    const back = { status: 'in_progress' as const, secrecy_reviewed: false, secrecy_review_note: '第2页含个人电话号码，请删除。' }
    expect(secrecyReturnNote(back)).toBe('第2页含个人电话号码，请删除。')
    // A new draft clears the note; a cleared review's note is the reviewer's remark, not a reason.
    expect(secrecyReturnNote({ ...back, secrecy_review_note: null })).toBeNull()
    expect(secrecyReturnNote({ ...back, secrecy_review_note: '  ' })).toBeNull()
    expect(secrecyReturnNote({ ...back, secrecy_reviewed: true })).toBeNull()
    expect(secrecyReturnNote({ ...back, status: 'reply_pending' })).toBeNull()
  })
})

describe('the stage bar', () => {
  it('puts every status on 提交/签收 → 办理中 → 待审批 → 办结', () => {
    expect(STAGE_STEPS).toEqual(['receipt', 'handling', 'approval', 'closed'])
    const at = Object.fromEntries(STATUSES.map((s) => [s, stageOf(s)]))
    expect(at.submitted).toEqual({ active: 0, step: 'receipt', wait: null })
    expect(at.in_progress).toEqual({ active: 1, step: 'handling', wait: null })
    expect(at.reply_pending).toEqual({ active: 2, step: 'approval', wait: null })
    // Closed: every step is done.
    expect(at.closed).toEqual({ active: 4, step: null, wait: null })
  })

  it('shows correction, consultation and payment as waits on the handling step', () => {
    for (const s of ['awaiting_correction', 'consulting', 'awaiting_payment'] as const) {
      expect(stageOf(s)).toEqual({ active: 1, step: 'handling', wait: s })
    }
  })
})

describe('fees, outcomes and table 3', () => {
  it('prints fen as yuan and each tier of a quote', () => {
    setLocale('zh')
    expect(yuan(123456)).toBe('1234.56')
    const lines = tierLines({
      method: 'per_page',
      quantity: 120,
      earlier_this_month: 0,
      amount_fen: 110000,
      tiers: [
        { from: 1, to: 30, rate_yuan: 0, subtotal_fen: 0 },
        { from: 31, to: 100, rate_yuan: 10, subtotal_fen: 70000 },
        { from: 101, to: 120, rate_yuan: 20, subtotal_fen: 40000 },
      ],
    })
    expect(lines).toEqual(['第 1–30 页：免费', '第 31–100 页：每页 10 元，小计 700.00 元', '第 101–120 页：每页 20 元，小计 400.00 元'])
  })

  it('lets a paper notice be delivered from the day it was sent to today', () => {
    expect(feeReceiptDayAllowed('2026-11-26', '2026-11-26', '2026-12-01')).toBe(true)
    expect(feeReceiptDayAllowed('2026-12-01', '2026-11-26', '2026-12-01')).toBe(true)
    expect(feeReceiptDayAllowed('2026-11-25', '2026-11-26', '2026-12-01')).toBe(false)
    expect(feeReceiptDayAllowed('2026-12-02', '2026-11-26', '2026-12-01')).toBe(false)
    expect(feeReceiptDayAllowed('2026-11-20', null, '2026-12-01')).toBe(true)
  })

  it('takes the payment deadline from the latest notice or delivery that set one', () => {
    const ev = (kind: string, details: unknown) => ({ kind, details })
    expect(feePayBy([])).toBeNull()
    // A paper notice has no deadline until its delivery is recorded.
    const paper = ev('fee_notice', { pay_by: null, notice_delivery: 'paper' })
    expect(feePayBy([ev('received', {}), paper])).toBeNull()
    expect(feePayBy([paper, ev('fee_notice_received', { pay_by: '2026-12-29' })])).toBe('2026-12-29')
    expect(feePayBy([ev('fee_notice', { pay_by: '2026-12-24', notice_delivery: 'electronic' }), ev('fee_paid', null)])).toBe('2026-12-24')
  })

  it('prints section 六 with counts and yuan', () => {
    setLocale('zh')
    const lines = feeSummaryLines({ notices: 3, charged_fen: 123450, payments: 2, collected_fen: 70000 })
    expect(lines.map((l) => [l.key, l.text, l.value, l.money])).toEqual([
      ['notices', '3', 3, false],
      ['charged', '1234.50', 1234.5, true],
      ['payments', '2', 2, false],
      ['collected', '700.00', 700, true],
    ])
    expect(lines[0].label).toBe('发出收费通知（件）')
  })

  it('names outcomes with their table-3 group', () => {
    setLocale('zh')
    expect(outcomeLabel('disclosed')).toBe('予以公开')
    expect(outcomeLabel('withheld_state_secret')).toBe('不予公开：属于国家秘密')
    expect(outcomeLabel('other_other')).toBe('其他处理：其他')
  })

  it('lays table 3 out as the annual report, with group headings and the cross-check', () => {
    setLocale('zh')
    const v = (n: number) => [n, 0, 0, 0, 0, 0, n]
    const rows = [
      { key: 'new', number: '一', label: '本年新收', values: v(3) },
      { key: 'carried_over', number: '二', label: '上年结转', values: v(1) },
      { key: 'disclosed', number: '（一）', label: '予以公开', values: v(2) },
      { key: 'withheld_state_secret', number: '（三）1', label: '属于国家秘密', values: v(1) },
      { key: 'withheld_prohibited_by_law', number: '（三）2', label: '其他法律行政法规禁止公开', values: v(0) },
      { key: 'unavailable_not_held', number: '（四）1', label: '本机关不掌握', values: v(0) },
      { key: 'results_total', number: '（七）', label: '总计', values: v(3) },
      { key: 'carried_forward', number: '四', label: '结转下年度', values: v(1) },
    ]
    const lines = table3Layout(rows)
    expect(lines.map((l) => `${l.type === 'heading' ? '#' : ''}${l.number} ${l.label}`)).toEqual([
      '一 本年新收',
      '二 上年结转',
      '#三 本年度办理结果',
      '（一） 予以公开',
      '#（三） 不予公开',
      '1 属于国家秘密',
      '2 其他法律行政法规禁止公开',
      '#（四） 无法提供',
      '1 本机关不掌握',
      '（七） 总计',
      '四 结转下年度',
    ])
    expect(table3Check(rows)).toEqual([true, true, true, true, true, true, true])
    expect(table3Check(rows.map((r) => (r.key === 'carried_forward' ? { ...r, values: v(2) } : r)))[0]).toBe(false)
  })

  it('refuses files the server would refuse', () => {
    expect(fileFault({ type: 'application/pdf', size: 1000 })).toBeNull()
    expect(fileFault({ type: 'image/gif', size: 1000 })).toBe('file_type')
    expect(fileFault({ type: 'image/png', size: 5 * 1024 * 1024 + 1 })).toBe('file_size')
  })
})
