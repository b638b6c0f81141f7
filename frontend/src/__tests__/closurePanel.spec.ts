import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ClosurePanel from '../console/pages/cases/ClosurePanel.vue'
import type { CaseView } from '../console/pages/cases/caseLogic'
import { setLocale } from '../i18n'

afterEach(() => vi.unstubAllGlobals())

function view(over: Partial<CaseView> = {}): CaseView {
  return {
    id: 'c-1', number: '永问〔2026〕1号', title: 't', county_id: 'k', deciding_unit_id: 'o', deciding_unit_name: '政府办',
    facts: 'f', violation_types: ['other'], status: 'open', measures: [], approval: 'not_needed', created_at: '',
    parties: [], subjects: [], circumstances: [], evidence: [], filings: [], circulated_to: [],
    ...over,
  } as CaseView
}

function answering(status: number, body: unknown) {
  const seen: { url: string; body: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      seen.push({ url: request.url, body: await request.json() })
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
    }),
  )
  return seen
}

const mountPanel = (v: CaseView) => mount(ClosurePanel, { props: { view: v }, global: { plugins: [ElementPlus] }, attachTo: document.body })

describe('the closure panel', () => {
  it('closes as no violation found with the reasons given', async () => {
    setLocale('zh')
    const seen = answering(200, view({ status: 'closed', closure: 'no_violation', reasons: '经查已按时答复' }))
    const wrapper = mountPanel(view())
    expect(wrapper.get('[data-test=closure-hint]').text()).toContain('免予处理须先')
    await wrapper.get('[data-test=closure-no_violation] input').setValue(true)
    await wrapper.get('textarea[data-test=closure-reasons]').setValue('  经查已按时答复 ')
    await wrapper.get('[data-test=panel-closure]').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(1)
    expect(seen[0].url).toMatch(/\/api\/v1\/cases\/c-1\/closure$/)
    expect(seen[0].body).toEqual({ closure: 'no_violation', reasons: '经查已按时答复' })
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ status: 'closed', closure: 'no_violation' })
    wrapper.unmount()
  })

  it('does not send an exemption without a mitigating circumstance on record', async () => {
    setLocale('zh')
    const seen = answering(200, {})
    const wrapper = mountPanel(view())
    await wrapper.get('[data-test=closure-exempted] input').setValue(true)
    await wrapper.get('textarea[data-test=closure-reasons]').setValue('及时纠正，未造成损害')
    await wrapper.get('[data-test=panel-closure]').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(0)
    expect(wrapper.text()).toContain('尚未记录从轻情节，不能免予处理。')
    wrapper.unmount()
  })

  it("shows the server's refusal", async () => {
    setLocale('zh')
    const seen = answering(409, { code: 'case_decided', message: '案件已作出决定。', fields: [] })
    const wrapper = mountPanel(view({ circumstances: [{ kind: 'mitigating', factor: 'cooperated', note: '配合', automatic: false }] }))
    expect(wrapper.get('[data-test=closure-hint]').text()).not.toContain('尚未记录从轻情节')
    await wrapper.get('[data-test=closure-exempted] input').setValue(true)
    await wrapper.get('textarea[data-test=closure-reasons]').setValue('及时纠正，未造成损害')
    await wrapper.get('[data-test=panel-closure]').trigger('submit')
    await flushPromises()
    expect(seen[0].body).toEqual({ closure: 'exempted', reasons: '及时纠正，未造成损害' })
    expect(wrapper.get('[data-test=closure-error]').text()).toContain('案件已作出决定。')
    expect(wrapper.emitted('updated')).toBeUndefined()
    wrapper.unmount()
  })
})
