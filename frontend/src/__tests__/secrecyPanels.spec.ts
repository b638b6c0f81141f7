import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ReplyPanel from '../console/pages/applications/ReplyPanel.vue'
import SecrecyPanel from '../console/pages/applications/SecrecyPanel.vue'
import type { Detail } from '../console/pages/applications/action'
import { setLocale } from '../i18n'

afterEach(() => vi.unstubAllGlobals())

function detail(over: Partial<Detail> = {}): Detail {
  return {
    id: 'a-1',
    unit_id: 'u-1',
    status: 'reply_pending',
    draft: { outcome: 'disclosed', text: '现予以公开。', leader_instructed: false, drafted_at: '2026-12-01T02:00:00Z' },
    secrecy_reviewed: false,
    events: [],
    consultations: [],
    ...over,
  } as unknown as Detail
}

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })

describe("the leader's decision on a releasing reply", () => {
  it('is held back until the secrecy review cleared it', () => {
    setLocale('zh')
    vi.stubGlobal('fetch', vi.fn())
    const wrapper = mount(ReplyPanel, { props: { detail: detail(), mode: 'decision' }, global: { plugins: [ElementPlus] } })
    expect(wrapper.get('[data-test=dc-secrecy-required]').text()).toContain('须经本单位指定的保密审查人审查通过后方可批准')
    expect(wrapper.get('[data-test=dc-approve]').attributes('disabled')).toBeDefined()
    // Returning it stays possible.
    expect(wrapper.get('[data-test=dc-return]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('names who cleared it, when, and their note', async () => {
    setLocale('zh')
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json([{ id: 'r', user_id: 'rev-1', display_name: '口前镇经办人', username: 'kouqian.handler', role: 'handler', is_principal: false, user_status: 'active', assigned_at: '2026-01-01T00:00:00Z' }])),
    )
    const cleared = detail({ secrecy_reviewed: true, secrecy_reviewed_by: 'rev-1', secrecy_reviewed_at: '2026-12-01T03:04:00Z', secrecy_review_note: '不涉及国家秘密。' })
    const wrapper = mount(ReplyPanel, { props: { detail: cleared, mode: 'decision' }, global: { plugins: [ElementPlus] } })
    await flushPromises()
    expect(wrapper.get('[data-test=dc-secrecy-by]').text()).toBe('口前镇经办人 于 2026-12-01 11:04 审查通过')
    expect(wrapper.get('[data-test=dc-secrecy-note]').text()).toBe('审查意见：不涉及国家秘密。')
    expect(wrapper.find('[data-test=dc-secrecy-required]').exists()).toBe(false)
    expect(wrapper.get('[data-test=dc-approve]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it('asks nothing of a reply that releases no information', () => {
    vi.stubGlobal('fetch', vi.fn())
    const withheld = detail({ draft: { outcome: 'withheld_state_secret', text: '不予公开。', leader_instructed: false } })
    const wrapper = mount(ReplyPanel, { props: { detail: withheld, mode: 'decision' }, global: { plugins: [ElementPlus] } })
    expect(wrapper.find('[data-test=dc-secrecy-required]').exists()).toBe(false)
    expect(wrapper.find('[data-test=dc-secrecy-cleared]').exists()).toBe(false)
    expect(wrapper.get('[data-test=dc-approve]').attributes('disabled')).toBeUndefined()
    wrapper.unmount()
  })

  it("shows the handler the reviewer's reason on the draft sent back", () => {
    setLocale('zh')
    const back = detail({ status: 'in_progress', secrecy_review_note: '第2页含个人电话号码，请删除。' })
    const wrapper = mount(ReplyPanel, { props: { detail: back, mode: 'draft' }, global: { plugins: [ElementPlus] } })
    expect(wrapper.get('[data-test=sr-returned-note]').text()).toBe('第2页含个人电话号码，请删除。')
    expect(wrapper.find('[data-test=rd-secrecy-hint]').exists()).toBe(true)
    wrapper.unmount()
  })
})

describe('a draft disclosing over a third party objection (Art. 32)', () => {
  const objected = {
    id: 'c-1',
    application_id: 'a-1',
    unit_id: 'u-1',
    party: 'third_party' as const,
    party_name: '吉林某某建筑有限公司',
    question: '是否同意公开？',
    started_on: '2026-11-02',
    status: 'answered',
    answer: '不同意公开。',
    objected: true,
  }

  it('asks for the public-interest reason and sends it', async () => {
    setLocale('zh')
    const seen: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push(await request.json())
        return json(detail())
      }),
    )
    const draft = detail({ status: 'in_progress', consultations: [objected] })
    const wrapper = mount(ReplyPanel, { props: { detail: draft, mode: 'draft' }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    expect(wrapper.find('textarea[data-test=rd-public-interest]').exists()).toBe(true)
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(seen).toHaveLength(0)
    // Element Plus shows the message after its own render tick.
    await vi.waitFor(() => expect(wrapper.find('.el-form-item.is-error').text()).toContain('必填'))
    await wrapper.get('textarea[data-test=rd-public-interest]').setValue(' 项目使用财政资金，不公开将损害公众监督。 ')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(seen).toEqual([
      { outcome: 'disclosed', text: '现予以公开。', leader_instructed: false, objection: null, public_interest_reason: '项目使用财政资金，不公开将损害公众监督。' },
    ])
    wrapper.unmount()
  })

  it('does not ask for it where nothing is released or nobody objected', () => {
    setLocale('zh')
    const withheld = detail({
      status: 'in_progress',
      consultations: [objected],
      draft: { outcome: 'withheld_third_party_rights', text: '不予公开。', leader_instructed: false },
    })
    const a = mount(ReplyPanel, { props: { detail: withheld, mode: 'draft' }, global: { plugins: [ElementPlus] } })
    expect(a.find('[data-test=rd-public-interest]').exists()).toBe(false)
    a.unmount()
    const agreed = detail({ status: 'in_progress', consultations: [{ ...objected, objected: false }] })
    const b = mount(ReplyPanel, { props: { detail: agreed, mode: 'draft' }, global: { plugins: [ElementPlus] } })
    expect(b.find('[data-test=rd-public-interest]').exists()).toBe(false)
    b.unmount()
  })

  it('shows the leader the reason given', () => {
    setLocale('zh')
    vi.stubGlobal('fetch', vi.fn())
    const pending = detail({ draft: { outcome: 'disclosed', text: '现予以公开。', leader_instructed: false, public_interest_reason: '关系公共利益。' } })
    const wrapper = mount(ReplyPanel, { props: { detail: pending, mode: 'decision' }, global: { plugins: [ElementPlus] } })
    expect(wrapper.get('[data-test=dc-public-interest]').text()).toBe('公共利益理由：关系公共利益。')
    wrapper.unmount()
  })
})

describe('the secrecy review panel', () => {
  it('sends a draft back only with a reason, and clears it', async () => {
    setLocale('zh')
    const seen: { url: string; body: unknown }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        seen.push({ url: request.url, body: await request.json() })
        return json(detail({ secrecy_reviewed: true }))
      }),
    )
    const wrapper = mount(SecrecyPanel, { props: { detail: detail() }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await wrapper.get('[data-test=sr-return]').trigger('click')
    await flushPromises()
    expect(seen).toHaveLength(0)
    expect(wrapper.find('.el-form-item.is-error').exists()).toBe(true)
    await wrapper.get('textarea[data-test=sr-note]').setValue('  已核对，不涉及国家秘密。 ')
    await wrapper.get('[data-test=sr-clear]').trigger('click')
    await flushPromises()
    expect(seen).toHaveLength(1)
    expect(seen[0].url).toMatch(/\/api\/v1\/units\/u-1\/applications\/a-1\/secrecy-review$/)
    expect(seen[0].body).toEqual({ cleared: true, note: '已核对，不涉及国家秘密。' })
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ secrecy_reviewed: true })
    wrapper.unmount()
  })
})
