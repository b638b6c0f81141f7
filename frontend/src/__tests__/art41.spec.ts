import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { STATUSES, actionPlan, allowedActions, type ActionFacts, type Standing } from '../common/applications'
import {
  attachmentPurposeKey,
  correctionAnswerBody,
  correctionAnswerFaults,
  correctionOutcomeLabel,
  deliveryLabelKey,
  descriptionLabelKey,
  emptyRequest,
  forwardFaults,
  requestBody,
  requestFaults,
  resultLabel,
  type RequestFields as RequestInput,
} from '../common/art41'
import { eventFacts, eventLabel } from '../common/events'
import RequestFields from '../common/RequestFields.vue'
import CorrectionAnswerPanel from '../console/pages/applications/CorrectionAnswerPanel.vue'
import type { Detail } from '../console/pages/applications/action'
import TrackStatus from '../portal/components/TrackStatus.vue'
import type { Schemas } from '../api/client'
import { setLocale, t } from '../i18n'

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
})

const correction: ActionFacts = {
  status: 'in_progress',
  extension_days: 0,
  correction_requested_on: null,
  fee: {},
  delivered_at: null,
  consultations: [],
  draft: { leader_instructed: false },
  secrecy_reviewed: false,
  request_kind: 'correction',
}
const handler = new Set(['application.read', 'application.handle'])
const leader = new Set(['application.read', 'application.handle', 'application.approve'])
const office = new Set(['application.read', 'application.supervise'])
const principal: Standing = { duties: new Set(['disclosure_office_head']), principal: true }
const reviewer: Standing = { duties: new Set(['secrecy_reviewer']), principal: false }
const sorted = (s: ReadonlySet<string>) => [...s].sort()

describe('the actions of an Art. 41 correction request', () => {
  it('offers the handler the forward and none of the reply draft or fee while it is handled', () => {
    expect(sorted(allowedActions(correction, handler))).toEqual(['attach', 'consult', 'correction_notice', 'forward', 'proceedings'])
  })

  it("offers the leader the answer and the forward, and not the draft, the fee or the reply decision", () => {
    const plan = actionPlan(correction, leader, principal)
    expect(sorted(plan.actions)).toEqual(['attach', 'consult', 'correction_answer', 'correction_notice', 'extension', 'forward', 'proceedings'])
    for (const a of ['draft', 'fee', 'decision', 'secrecy_review', 'payment'] as const) expect(plan.actions.has(a), a).toBe(false)
    expect(plan.anything).toBe(true)
  })

  it('keeps the answer to the leader and the forward to after receipt', () => {
    for (const status of STATUSES) {
      expect(allowedActions({ ...correction, status }, handler).has('correction_answer'), status).toBe(false)
      const leaderSees = allowedActions({ ...correction, status }, leader, principal)
      expect(leaderSees.has('correction_answer'), status).toBe(status === 'in_progress')
      expect(leaderSees.has('forward'), status).toBe(status === 'in_progress')
    }
    // Before receipt it is signed for or transferred like any application.
    expect(sorted(allowedActions({ ...correction, status: 'submitted' }, handler))).toEqual(['attach', 'proceedings', 'sign', 'transfer'])
    expect(sorted(allowedActions({ ...correction, status: 'closed' }, leader))).toEqual(['attach', 'delivery', 'proceedings'])
    expect(allowedActions(correction, office).size).toBe(0)
  })

  it('never offers the Art. 35 steps, which the server refuses (not_for_correction), nor their panel', () => {
    for (const status of STATUSES) {
      for (const facts of [
        { ...correction, status },
        { ...correction, status, reasons_requested_on: '2026-12-01' },
        { ...correction, status, reasons_requested_on: '2026-12-01', reasons_given: '本人需要该记录办理低保。' },
      ]) {
        const plan = actionPlan(facts, leader, principal)
        for (const a of ['reasons_request', 'record_reasons', 'deferral'] as const) expect(plan.actions.has(a), `${status} ${a}`).toBe(false)
        expect(plan.art35, status).toBe(false)
      }
    }
    // An application for information still has them.
    const disclosure: ActionFacts = { ...correction, request_kind: 'disclosure' }
    expect(allowedActions(disclosure, handler).has('reasons_request')).toBe(true)
    expect(actionPlan(disclosure, handler).art35).toBe(true)
    expect(allowedActions({ ...disclosure, reasons_requested_on: '2026-12-01', reasons_given: '……' }, leader, principal).has('deferral')).toBe(true)
  })

  it('never offers the secrecy review or the reply decision of a draft', () => {
    const pending: ActionFacts = { ...correction, status: 'reply_pending', draft: { outcome: 'disclosed', text: '…', leader_instructed: false } }
    expect(allowedActions(pending, handler, reviewer).has('secrecy_review')).toBe(false)
    expect(allowedActions(pending, leader, principal).has('decision')).toBe(false)
  })

  it('leaves an application for information as it was: no forward after receipt, no answer', () => {
    const disclosure: ActionFacts = { ...correction, request_kind: 'disclosure' }
    const a = allowedActions(disclosure, leader, principal)
    expect(a.has('forward')).toBe(false)
    expect(a.has('correction_answer')).toBe(false)
    expect(a.has('draft')).toBe(true)
    expect(a.has('fee')).toBe(true)
  })
})

describe('the intake of a correction request', () => {
  const filled = (over: Partial<RequestInput> = {}): RequestInput => ({
    request_kind: 'correction',
    description: ' 本人低保档案中的出生日期记录有误 ',
    correction_sought: ' 出生日期应为1980年5月1日，附户口簿复印件。 ',
    ...over,
  })

  it('sends request_kind and correction_sought only for a correction', () => {
    expect(requestBody(filled())).toEqual({
      description: '本人低保档案中的出生日期记录有误',
      request_kind: 'correction',
      correction_sought: '出生日期应为1980年5月1日，附户口簿复印件。',
    })
    // Switched back to an application for information, what was typed for the correction stays home.
    const disclosure = requestBody(filled({ request_kind: 'disclosure', description: '2026年口前镇道路修缮项目的招标文件' }))
    expect(disclosure).toEqual({ description: '2026年口前镇道路修缮项目的招标文件' })
    expect('request_kind' in disclosure).toBe(false)
    expect('correction_sought' in disclosure).toBe(false)
  })

  it('asks for the correction sought, 5 to 5000 characters, on a correction only', () => {
    expect(requestFaults(filled())).toEqual({})
    expect(requestFaults(filled({ correction_sought: '  ' }))).toEqual({ correction_sought: 'required' })
    expect(requestFaults(filled({ correction_sought: '有误' }))).toEqual({ correction_sought: 'length' })
    expect(requestFaults(filled({ correction_sought: '错'.repeat(5001) }))).toEqual({ correction_sought: 'length' })
    expect(requestFaults(filled({ request_kind: 'disclosure', correction_sought: '' }))).toEqual({})
    expect(requestFaults({ ...emptyRequest(), request_kind: 'correction' })).toEqual({ description: 'length', correction_sought: 'required' })
  })

  it('names the description by what is asked for', () => {
    setLocale('zh')
    expect(t(descriptionLabelKey('correction'))).toBe('需要更正的记录（哪个机关保存的什么记录）')
    expect(t(descriptionLabelKey('disclosure'))).toBe('所需政府信息的名称、文号或便于查询的其他特征性描述')
    expect(t(deliveryLabelKey('correction'))).toBe('接收答复的方式')
    expect(t(deliveryLabelKey('disclosure'))).toBe('获取信息的方式')
    expect(t('a41.sought')).toBe('更正内容及理由（记录哪里不准确、应当如何更正、有何证据）')
    expect(t('a41.kind.disclosure')).toBe('申请公开政府信息')
    expect(t('a41.kind.correction')).toBe('申请更正本人信息记录（条例第四十一条）')
    setLocale('en')
    expect(t('a41.kind.correction')).toBe('Ask to correct a record about me (Art. 41)')
  })

  it('shows the correction sought and the evidence hint once a correction is chosen', async () => {
    setLocale('zh')
    const request = ref<RequestInput>(emptyRequest())
    const Host = defineComponent({
      setup: () => () => h(RequestFields, { modelValue: request.value, 'onUpdate:modelValue': (v: RequestInput) => (request.value = v), errors: {}, idPrefix: 'ap', evidenceHint: 'a41.evidenceHint' }),
    })
    const wrapper = mount(Host, { global: { plugins: [ElementPlus] } })
    expect(wrapper.text()).toContain('所需政府信息的名称')
    expect(wrapper.find('[data-test=ap-sought]').exists()).toBe(false)
    request.value = { ...request.value, request_kind: 'correction' }
    await flushPromises()
    expect(wrapper.text()).toContain('需要更正的记录（哪个机关保存的什么记录）')
    expect(wrapper.text()).toContain('更正内容及理由（记录哪里不准确、应当如何更正、有何证据）')
    expect(wrapper.get('[data-test=ap-evidence-hint]').text()).toBe('证明记录不准确的材料（如户口簿、证明材料）可在提交后作为附件上传。')
    await wrapper.get('textarea[data-test=ap-sought]').setValue('出生日期应为1980年5月1日。')
    expect(request.value.correction_sought).toBe('出生日期应为1980年5月1日。')
    wrapper.unmount()
  })
})

describe("the leader's answer to a correction request", () => {
  it('sends the body with power to correct only with directed_elsewhere', () => {
    const named = { text: ' 已将出生日期更正为1980年5月1日。 ', body_name: ' 吉林省某某档案馆 ' }
    const corrected = correctionAnswerBody({ ...named, outcome: 'corrected' })
    expect(corrected).toEqual({ outcome: 'corrected', text: '已将出生日期更正为1980年5月1日。' })
    expect('body_name' in corrected).toBe(false)
    expect('body_name' in correctionAnswerBody({ ...named, outcome: 'not_corrected' })).toBe(false)
    expect(correctionAnswerBody({ ...named, outcome: 'directed_elsewhere' })).toEqual({
      outcome: 'directed_elsewhere',
      text: '已将出生日期更正为1980年5月1日。',
      body_name: '吉林省某某档案馆',
    })
  })

  it('checks the outcome, the text and, for directed_elsewhere, the body', () => {
    expect(correctionAnswerFaults({ outcome: null, text: '', body_name: '' })).toEqual({ outcome: 'required', text: 'length' })
    expect(correctionAnswerFaults({ outcome: 'corrected', text: '已更正出生日期。', body_name: '' })).toEqual({})
    expect(correctionAnswerFaults({ outcome: 'directed_elsewhere', text: '请向该机关提出。', body_name: ' ' })).toEqual({ body_name: 'required' })
    expect(correctionAnswerFaults({ outcome: 'directed_elsewhere', text: '请向该机关提出。', body_name: '馆' })).toEqual({ body_name: 'length' })
    expect(correctionAnswerFaults({ outcome: 'not_corrected', text: '经核查，记录无误。', body_name: '馆' })).toEqual({})
  })

  it('names the three answers in both languages, and the result of a closed request', () => {
    setLocale('zh')
    expect(['corrected', 'not_corrected', 'directed_elsewhere'].map((o) => correctionOutcomeLabel(o as Schemas['CorrectionOutcome']))).toEqual([
      '予以更正',
      '不予更正',
      '告知向有权更正的机关提出',
    ])
    expect(correctionOutcomeLabel(null)).toBe('')
    expect(resultLabel({ request_kind: 'correction', outcome: null, correction_outcome: 'corrected' })).toBe('予以更正')
    expect(resultLabel({ request_kind: 'disclosure', outcome: 'disclosed', correction_outcome: null })).toBe('予以公开')
    setLocale('en')
    expect(correctionOutcomeLabel('directed_elsewhere')).toBe('Directed to the body with power to correct')
  })

  it('checks the forward: a unit and a reason of 2 to 1000 characters', () => {
    expect(forwardFaults({ to_unit_id: '', reason: '' })).toEqual({ to_unit_id: 'required', reason: 'required' })
    expect(forwardFaults({ to_unit_id: 'u-2', reason: '档' })).toEqual({ reason: 'length' })
    expect(forwardFaults({ to_unit_id: 'u-2', reason: '该档案由民政局保管。' })).toEqual({})
  })

  it('calls the evidence of a correction request by its name', () => {
    setLocale('zh')
    expect(t(attachmentPurposeKey('correction', 'correction'))).toBe('更正证明材料')
    expect(t(attachmentPurposeKey('correction', 'disclosure'))).toBe('补正材料')
    expect(t(attachmentPurposeKey('identity_proof', 'correction'))).toBe('身份证明')
  })
})

describe('the correction answer panel', () => {
  const detail = { id: 'a-1', unit_id: 'u-1', status: 'in_progress', request_kind: 'correction', events: [], consultations: [] } as unknown as Detail

  function answering() {
    const seen: { url: string; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push({ url: request.url, body: await request.json() })
        return new Response(JSON.stringify({ ...detail, status: 'closed', correction_outcome: 'corrected' }), { status: 200, headers: { 'content-type': 'application/json' } })
      }),
    )
    return seen
  }

  it('answers 予以更正 without a body, and asks for the body only with directed_elsewhere', async () => {
    setLocale('zh')
    const seen = answering()
    const wrapper = mount(CorrectionAnswerPanel, { props: { detail }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(wrapper.findAll('[data-test^=a41-outcome-]').map((r) => r.text())).toEqual(['予以更正', '不予更正', '告知向有权更正的机关提出'])
    expect(wrapper.find('[data-test=a41-body]').exists()).toBe(false)

    // Directed elsewhere: the body's name is asked for before anything is sent.
    await wrapper.get('[data-test=a41-outcome-directed_elsewhere] input').setValue(true)
    expect(wrapper.find('input[data-test=a41-body]').exists()).toBe(true)
    await wrapper.get('input[data-test=a41-body]').setValue('吉林省某某档案馆')
    await wrapper.get('textarea[data-test=a41-text]').setValue('请向吉林省某某档案馆提出。')
    await wrapper.get('[data-test=a41-outcome-corrected] input').setValue(true)
    expect(wrapper.find('[data-test=a41-body]').exists()).toBe(false)
    await wrapper.get('textarea[data-test=a41-text]').setValue('')
    await wrapper.get('[data-test=a41-form]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-test=panel-correction-answer] .el-form-item__error').text()).toBe('长度不符合要求'))
    expect(seen).toHaveLength(0)

    await wrapper.get('textarea[data-test=a41-text]').setValue('经核对户口簿，已将出生日期更正为1980年5月1日。')
    await wrapper.get('[data-test=a41-form]').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(1)
    expect(seen[0].url).toMatch(/\/api\/v1\/units\/u-1\/applications\/a-1\/correction-answer$/)
    // The body typed before switching to 予以更正 is not sent (the server would refuse it: directed_only).
    expect(seen[0].body).toEqual({ outcome: 'corrected', text: '经核对户口簿，已将出生日期更正为1980年5月1日。' })
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ status: 'closed', correction_outcome: 'corrected' })
    wrapper.unmount()
  })

  it('refuses directed_elsewhere without the body with power to correct', async () => {
    setLocale('zh')
    const seen = answering()
    const wrapper = mount(CorrectionAnswerPanel, { props: { detail }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await wrapper.get('[data-test=a41-outcome-directed_elsewhere] input').setValue(true)
    await wrapper.get('textarea[data-test=a41-text]').setValue('请向有权更正的机关提出。')
    await wrapper.get('[data-test=a41-form]').trigger('submit')
    await vi.waitFor(() => expect(wrapper.get('[data-test=panel-correction-answer] .el-form-item__error').text()).toBe('必填'))
    expect(seen).toHaveLength(0)
    await wrapper.get('input[data-test=a41-body]').setValue('吉林省某某档案馆')
    await wrapper.get('[data-test=a41-form]').trigger('submit')
    await flushPromises()
    expect(seen[0].body).toEqual({ outcome: 'directed_elsewhere', text: '请向有权更正的机关提出。', body_name: '吉林省某某档案馆' })
    wrapper.unmount()
  })
})

describe('the timeline and the tracking page of a correction request', () => {
  it('words the forward and the answer', () => {
    setLocale('zh')
    expect(eventLabel('forwarded')).toBe('转送有权更正的机关')
    expect(eventLabel('correction_answered')).toBe('答复更正申请')
    expect(eventFacts({ details: { to_unit_name: '永吉县民政局', reason: '该低保档案由民政局保管。' } })).toEqual([
      ['转送至', '永吉县民政局'],
      ['理由', '该低保档案由民政局保管。'],
    ])
    expect(eventFacts({ details: { outcome: 'corrected', label: '予以更正', text: '已将出生日期更正为1980年5月1日。', body_name: null } })).toEqual([
      ['办理结果', '予以更正'],
      ['答复内容', '已将出生日期更正为1980年5月1日。'],
    ])
    expect(eventFacts({ details: { outcome: 'directed_elsewhere', label: '告知向有权更正的机关提出', text: '请向该馆提出。', body_name: '吉林省某某档案馆' } })).toEqual([
      ['办理结果', '告知向有权更正的机关提出'],
      ['有权更正的机关', '吉林省某某档案馆'],
      ['答复内容', '请向该馆提出。'],
    ])
    // A reply's table-3 outcome is named as before.
    expect(eventFacts({ details: { outcome: 'disclosed' } })).toEqual([['办理结果', '予以公开']])
    setLocale('en')
    expect(eventLabel('forwarded')).toBe('Forwarded to the body with power to correct')
  })

  const status = (over: Partial<Schemas['PublicStatus']> = {}): Schemas['PublicStatus'] => ({
    applicant_name: '王**',
    description: '本人低保档案中的出生日期记录有误',
    events: [],
    request_kind: 'correction',
    correction_sought: '出生日期应为1980年5月1日。',
    status: 'in_progress',
    submitted_at: '2026-12-01T02:00:00Z',
    tracking_code: 'YJ-1',
    unit_id: 'u-1',
    unit_name: '永吉县民政局',
    ...over,
  })

  it('shows the kind and the correction sought, then the answer once closed', () => {
    setLocale('zh')
    const open = mount(TrackStatus, { props: { status: status(), code: 'YJ-1', secret: 's' }, global: { plugins: [ElementPlus] } })
    expect(open.get('[data-test=track-kind]').text()).toBe('申请更正本人信息记录（条例第四十一条）')
    expect(open.get('[data-test=track-sought]').text()).toBe('出生日期应为1980年5月1日。')
    expect(open.text()).toContain('需要更正的记录')
    expect(open.find('[data-test=track-reply]').exists()).toBe(false)
    open.unmount()

    const closed = status({
      status: 'closed',
      closed_on: '2026-12-02',
      correction_outcome: 'directed_elsewhere',
      correction_label: '告知向有权更正的机关提出',
      correction_body: '吉林省某某档案馆',
      reply_text: '请向吉林省某某档案馆提出。',
    })
    const done = mount(TrackStatus, { props: { status: closed, code: 'YJ-1', secret: 's' }, global: { plugins: [ElementPlus] } })
    expect(done.get('[data-test=track-outcome]').text()).toBe('告知向有权更正的机关提出')
    expect(done.get('[data-test=track-correction-body]').text()).toBe('有权更正的机关：吉林省某某档案馆')
    expect(done.get('[data-test=track-reply-text]').text()).toBe('请向吉林省某某档案馆提出。')
    done.unmount()
  })

  it('names an application for information as before', () => {
    setLocale('zh')
    const wrapper = mount(TrackStatus, {
      props: { status: status({ request_kind: 'disclosure', correction_sought: null, status: 'closed', outcome: 'disclosed', outcome_label: '予以公开' }), code: 'YJ-1', secret: 's' },
      global: { plugins: [ElementPlus] },
    })
    expect(wrapper.get('[data-test=track-kind]').text()).toBe('申请公开政府信息')
    expect(wrapper.find('[data-test=track-sought]').exists()).toBe(false)
    expect(wrapper.get('[data-test=track-outcome]').text()).toBe('予以公开')
    expect(wrapper.find('[data-test=track-correction-body]').exists()).toBe(false)
    wrapper.unmount()
  })
})
