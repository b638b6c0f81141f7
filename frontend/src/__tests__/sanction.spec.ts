import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import CaseDetail from '../console/pages/cases/CaseDetail.vue'
import SanctionPanel from '../console/pages/cases/SanctionPanel.vue'
import { me } from '../console/session'
import {
  canDecideSanction,
  holdsSanctionPower,
  sanctionDayAllowed,
  sanctionFaults,
  sanctionLabel,
  type CaseView,
  type PartyView,
} from '../console/pages/cases/caseLogic'
import { setLocale } from '../i18n'

vi.mock('vue-router', () => ({ useRoute: () => ({ params: { id: 'c-1' } }) }))

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
  me.value = null
})

function party(over: Partial<PartyView> = {}): PartyView {
  return { id: 'p-1', kind: 'person', unit_id: 'u', unit_name: '口前镇', user_id: 'x', user_name: '张三', measures: [], ...over } as PartyView
}

function view(over: Partial<CaseView> = {}): CaseView {
  return {
    id: 'c-1', number: '永问〔2026〕1号', title: 't', county_id: 'k', deciding_unit_id: 'o', deciding_unit_name: '政府办',
    facts: 'f', violation_types: ['other'], status: 'decided', measures: [], approval: 'not_needed', created_at: '',
    decided_at: '2026-03-01T02:00:00Z', parties: [party({ sanction_status: 'recommended' })], subjects: [], circumstances: [],
    evidence: [], filings: [], circulated_to: [],
    ...over,
  } as CaseView
}

describe('sanction helpers', () => {
  it('says where a sanction stands in both languages', () => {
    setLocale('zh')
    expect(sanctionLabel(party())).toBe('')
    expect(sanctionLabel(party({ sanction_status: 'recommended' }))).toBe('处分建议（待有权机关决定）')
    expect(sanctionLabel(party({ sanction_status: 'imposed', sanction_decided_on: '2026-03-05' }))).toBe('已由有权机关作出处分（2026-03-05）')
    expect(sanctionLabel(party({ sanction_status: 'declined', sanction_decided_on: '2026-03-05' }))).toBe('有权机关决定不予处分')
    setLocale('en')
    expect(sanctionLabel(party({ sanction_status: 'recommended' }))).toBe('Recommended to the body with authority')
    expect(sanctionLabel(party({ sanction_status: 'imposed', sanction_decided_on: '2026-03-05' }))).toBe('Imposed (2026-03-05)')
    expect(sanctionLabel(party({ sanction_status: 'declined' }))).toBe('Declined')
  })

  it('lets only the body with authority decide, and only on a recommended sanction of a person', () => {
    expect(canDecideSanction(party({ sanction_status: 'recommended' }), true)).toBe(true)
    expect(canDecideSanction(party({ sanction_status: 'recommended' }), false)).toBe(false)
    expect(canDecideSanction(party({ sanction_status: 'imposed' }), true)).toBe(false)
    expect(canDecideSanction(party({ sanction_status: 'declined' }), true)).toBe(false)
    expect(canDecideSanction(party({ sanction_status: null }), true)).toBe(false)
    expect(canDecideSanction(party({ kind: 'unit', sanction_status: 'recommended' }), true)).toBe(false)
  })

  it('finds the power to decide with the county government, the supervisory commission or the platform', () => {
    const member = (fn: string | null, permissions: string[] = []) => ({ function: fn, permissions }) as never
    const signed = (over: object) => ({ county_id: 'k', county_permissions: [], platform_permissions: [], memberships: [], ...over })
    expect(holdsSanctionPower(null, 'k')).toBe(false)
    expect(holdsSanctionPower(signed({ memberships: [member('county_government', ['case.sanction'])] }), 'k')).toBe(true)
    expect(holdsSanctionPower(signed({ memberships: [member('supervisory_commission')], county_permissions: ['case.sanction'] }), 'k')).toBe(true)
    // Not in another county, nor through another body, nor without the permission.
    expect(holdsSanctionPower(signed({ memberships: [member('county_government', ['case.sanction'])] }), 'other')).toBe(false)
    expect(holdsSanctionPower(signed({ memberships: [member('openness_office', ['case.sanction'])] }), 'k')).toBe(false)
    expect(holdsSanctionPower(signed({ memberships: [member(null, ['case.sanction'])] }), 'k')).toBe(false)
    expect(holdsSanctionPower(signed({ memberships: [member('county_government', ['case.decide'])] }), 'k')).toBe(false)
    expect(holdsSanctionPower(signed({ county_id: null, platform_permissions: ['case.sanction'] }), 'k')).toBe(true)
  })

  it('takes a decision day between the case decision and today', () => {
    expect(sanctionDayAllowed('2026-03-01', '2026-03-01', '2026-03-10')).toBe(true)
    expect(sanctionDayAllowed('2026-03-10', '2026-03-01', '2026-03-10')).toBe(true)
    expect(sanctionDayAllowed('2026-02-28', '2026-03-01', '2026-03-10')).toBe(false)
    expect(sanctionDayAllowed('2026-03-11', '2026-03-01', '2026-03-10')).toBe(false)
    expect(sanctionDayAllowed('2020-01-01', null, '2026-03-10')).toBe(true)
    expect(sanctionFaults({ imposed: null, decided_on: '' }, null, '2026-03-10')).toEqual({ imposed: 'fault.required', decided_on: 'fault.required' })
    expect(sanctionFaults({ imposed: false, decided_on: '2026-03-11' }, null, '2026-03-10')).toEqual({ decided_on: 'case.sanction.badDay' })
    expect(sanctionFaults({ imposed: true, decided_on: '2026-03-05' }, '2026-03-01', '2026-03-10')).toEqual({})
  })
})

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

const mountPanel = (v: CaseView) =>
  mount(SanctionPanel, { props: { view: v, party: v.parties[0] }, global: { plugins: [ElementPlus] }, attachTo: document.body })

async function fill(wrapper: ReturnType<typeof mountPanel>, choice: 'yes' | 'no', day: string, note: string) {
  await wrapper.get(`[data-test=sanction-${choice}] input`).setValue(true)
  const picker = wrapper.findComponent({ name: 'ElDatePicker' })
  picker.vm.$emit('update:modelValue', day)
  await wrapper.get('input[data-test=sanction-note]').setValue(note)
  await wrapper.get('[data-test=panel-sanction]').trigger('submit')
  await flushPromises()
}

describe('the sanction panel', () => {
  it("records the body with authority's decision", async () => {
    const decided = view({ parties: [party({ sanction_status: 'imposed', sanction_decided_on: '2026-03-05' })] })
    const seen = answering(200, decided)
    const wrapper = mountPanel(view())
    await fill(wrapper, 'yes', '2026-03-05', ' 永政任〔2026〕3号 ')
    expect(seen).toHaveLength(1)
    expect(seen[0].url).toMatch(/\/api\/v1\/cases\/c-1\/parties\/p-1\/sanction$/)
    expect(seen[0].body).toEqual({ imposed: true, decided_on: '2026-03-05', note: '永政任〔2026〕3号' })
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ parties: [{ sanction_status: 'imposed' }] })
    wrapper.unmount()
  })

  it('does not send without a decision and a day', async () => {
    const seen = answering(200, {})
    const wrapper = mountPanel(view())
    await wrapper.get('[data-test=panel-sanction]').trigger('submit')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150))
    expect(seen).toHaveLength(0)
    expect(wrapper.text()).toContain('必填')
    wrapper.unmount()
  })

  it("shows the server's refusal and the field it names", async () => {
    const seen = answering(400, {
      code: 'validation',
      message: '输入有误。',
      fields: [{ field: 'decided_on', code: 'invalid_value', message: '日期不符合要求' }],
    })
    const wrapper = mountPanel(view())
    await fill(wrapper, 'no', '2026-03-02', '')
    expect(seen[0].body).toEqual({ imposed: false, decided_on: '2026-03-02', note: null })
    expect(wrapper.get('[data-test=sanction-error]').text()).toContain('输入有误。')
    // The form item shows its message after a short debounce.
    await new Promise((r) => setTimeout(r, 150))
    expect(wrapper.text()).toContain('日期不符合要求')
    expect(wrapper.emitted('updated')).toBeUndefined()
    wrapper.unmount()
  })
})

describe('the case page', () => {
  const signedAs = (permissions: string[]) => ({
    id: 'me', username: 'u', display_name: 'U', is_platform_admin: false, county_id: 'k', county_permissions: [], platform_permissions: [],
    memberships: [{ unit_id: 'gov', unit_name: '县政府', role: 'leader', function: 'county_government', is_principal: true, duties: [], permissions }],
  }) as never

  async function open(permissions: string[], parties: Partial<PartyView>[]) {
    me.value = signedAs(permissions)
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(view({ parties: parties.map(party) })), { status: 200, headers: { 'content-type': 'application/json' } })))
    const wrapper = mount(CaseDetail, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    return wrapper
  }

  it('shows where each sanction stands, and the form to the body with authority', async () => {
    const wrapper = await open(['case.sanction'], [
      { id: 'p-1', sanction_status: 'recommended' },
      { id: 'p-2', user_name: '李四', sanction_status: 'imposed', sanction_decided_on: '2026-03-05', sanction_ends_on: '2026-09-05', sanction_note: '永政任〔2026〕3号' },
    ])
    const statuses = wrapper.findAll('[data-test=sanction-status]').map((s) => s.text())
    expect(statuses[0]).toContain('处分建议（待有权机关决定）')
    expect(statuses[1]).toContain('已由有权机关作出处分（2026-03-05）')
    expect(statuses[1]).toContain('永政任〔2026〕3号')
    expect(wrapper.text()).toContain('处分期至 2026-09-05')
    expect(wrapper.findAll('[data-test=panel-sanction]')).toHaveLength(1)
    expect(wrapper.get('[data-test=panel-sanction]').text()).toContain('张三')
    wrapper.unmount()
  })

  it('shows no form without the power to decide', async () => {
    const wrapper = await open(['case.decide'], [{ sanction_status: 'recommended' }])
    expect(wrapper.get('[data-test=sanction-status]').text()).toContain('处分建议')
    expect(wrapper.find('[data-test=panel-sanction]').exists()).toBe(false)
    wrapper.unmount()
  })
})
