// Reviews and appeals on the pages: the step names of the track, the outside body's fields on the
// filing form of a step that leaves the county, and the record of that body's decision.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import CaseDetail from '../console/pages/cases/CaseDetail.vue'
import MyCases from '../console/pages/cases/MyCases.vue'
import { me } from '../console/session'
import type { CaseView, FilingView } from '../console/pages/cases/caseLogic'
import { setLocale } from '../i18n'

vi.mock('vue-router', () => ({ useRoute: () => ({ params: { id: 'c-1' } }) }))

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
  me.value = null
  document.body.innerHTML = ''
})

const UNITS = [
  { id: 'gov', name: '永吉县人民政府', function: 'county_government' },
  { id: 'office', name: '永吉县人民政府办公室', function: 'openness_office' },
  { id: 'sup', name: '永吉县监察委员会', function: 'supervisory_commission' },
  { id: 'town', name: '永吉县口前镇人民政府', function: null },
]

function filing(over: Partial<FilingView> = {}): FilingView {
  return {
    id: 'f-1', kind: 'appeal', party_id: 'p-1', deciding_unit_id: 'gov', grounds: '处理过重。', status: 'pending', due_on: '2026-11-11',
    decide_by: '2026-12-21', filed_at: '2026-10-20T01:00:00Z', filed_by: 'me', clock_id: null,
    external_body: null, external_filed_on: null, external_decided_on: null,
    ...over,
  } as FilingView
}

function caseView(over: Partial<CaseView> = {}): CaseView {
  return {
    id: 'c-1', number: '永问〔2026〕1号', title: '逾期答复', county_id: 'k', deciding_unit_id: 'gov', deciding_unit_name: '永吉县人民政府',
    facts: 'f', violation_types: ['other'], status: 'decided', measures: [], approval: 'not_needed', created_at: '', track: 'civil_service',
    decided_at: '2026-10-12T02:00:00Z', severity: 'serious', hearing_deadline: '2026-10-16',
    parties: [{ id: 'p-1', kind: 'person', unit_id: 'town', unit_name: '口前镇', user_id: 'me', user_name: '张三', measures: [], statement_at: 'x' }],
    subjects: [], circumstances: [], evidence: [], filings: [], circulated_to: [],
    ...over,
  } as CaseView
}

function mine(c: CaseView, filings: FilingView[] = []) {
  return {
    case: { id: c.id, number: c.number, title: c.title, status: c.status, deciding_unit_id: c.deciding_unit_id, created_at: '', violation_types: [] },
    party: c.parties[0],
    filings,
    reasons: '逾期答复。',
  }
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** Answers GETs from the table and records every POST, answering it with `posted`. */
function serve(gets: Record<string, unknown>, posted: unknown) {
  const sent: { url: string; body: unknown }[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname
      if (request.method === 'POST') {
        sent.push({ url: path, body: await request.json() })
        return json(posted)
      }
      if (path in gets) return json(gets[path])
      return json({ code: 'not_found', message: 'not found', fields: [] }, 404)
    }),
  )
  return sent
}

const signedIn = (permissions: string[] = ['case.respond']) => {
  me.value = {
    id: 'me', username: 'u', display_name: 'U', is_platform_admin: false, county_id: 'k', county_permissions: [], platform_permissions: [],
    memberships: [{ unit_id: 'gov', unit_name: '县政府', role: 'leader', function: 'county_government', is_principal: true, duties: [], permissions }],
  } as never
}

async function myCases(c: CaseView, filings: FilingView[] = []) {
  signedIn()
  const sent = serve({ '/api/v1/my/cases': [mine(c, filings)], '/api/v1/cases/c-1': c, '/api/v1/directory': { county: {}, units: UNITS } }, c)
  const wrapper = mount(MyCases, { global: { plugins: [ElementPlus] }, attachTo: document.body })
  await flushPromises()
  return { wrapper, sent }
}

async function choose(wrapper: VueWrapper, kind: 'review' | 'appeal') {
  await wrapper.get(`[data-test=file-kind-${kind}] input`).setValue(true)
}

async function submit(wrapper: VueWrapper) {
  await wrapper.get('[data-test=file-remedy]').trigger('click')
  await flushPromises()
  // The form item shows its message after a short debounce.
  await new Promise((r) => setTimeout(r, 150))
}

describe('the filing form of a person concerned', () => {
  it('asks for the outside body and its day for an appeal against the county government', async () => {
    const { wrapper, sent } = await myCases(caseView())
    expect(wrapper.get('[data-test=file-kind]').text()).toBe('复核申诉')
    expect(wrapper.find('[data-test=external-body]').exists()).toBe(false)
    await choose(wrapper, 'appeal')
    expect(wrapper.get('[data-test=external-hint]').text()).toBe('该步骤由县外机关办理，平台只记录提出日期和结果。')
    expect(wrapper.text()).toContain('外部受理机关')
    expect(wrapper.text()).toContain('提出日期')
    await wrapper.get('textarea[data-test=grounds]').setValue('处理过重。')
    await submit(wrapper)
    expect(sent).toHaveLength(0)
    expect(wrapper.text()).toContain('必填')
    expect(wrapper.findAll('.el-form-item__error').map((e) => e.text())).toEqual(['必填', '必填'])
    // A field's fault goes once it is filled in.
    await wrapper.get('input[data-test=external-body]').setValue(' 吉林市人民政府 ')
    await new Promise((r) => setTimeout(r, 150))
    expect(wrapper.findAll('.el-form-item__error')).toHaveLength(1)
    wrapper.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', '2026-01-05')
    await submit(wrapper)
    expect(sent).toEqual([
      {
        url: '/api/v1/cases/c-1/filings',
        body: { kind: 'appeal', grounds: '处理过重。', party_id: null, external_body: '吉林市人民政府', filed_on: '2026-01-05' },
      },
    ])
    wrapper.unmount()
  })

  it('sends neither for an appeal the county government hears on the platform', async () => {
    const { wrapper, sent } = await myCases(caseView({ deciding_unit_id: 'office', deciding_unit_name: '政府办' }))
    await choose(wrapper, 'appeal')
    expect(wrapper.find('[data-test=external-hint]').exists()).toBe(false)
    expect(wrapper.find('[data-test=external-body]').exists()).toBe(false)
    await wrapper.get('textarea[data-test=grounds]').setValue('处理过重。')
    await submit(wrapper)
    expect(sent).toEqual([{ url: '/api/v1/cases/c-1/filings', body: { kind: 'appeal', grounds: '处理过重。', party_id: null } }])
    wrapper.unmount()
  })

  it('never asks for them for a review', async () => {
    const { wrapper, sent } = await myCases(caseView())
    await wrapper.get('textarea[data-test=grounds]').setValue('请求复核。')
    await submit(wrapper)
    expect(sent).toEqual([{ url: '/api/v1/cases/c-1/filings', body: { kind: 'review', grounds: '请求复核。', party_id: null } }])
    wrapper.unmount()
  })

  it('names the supervisory steps 复审 and 复核, and sends 复核 to the higher commission', async () => {
    const review = filing({ kind: 'review', status: 'decided', outcome: 'upheld', deciding_unit_id: 'sup' })
    const c = caseView({ deciding_unit_id: 'sup', deciding_unit_name: '永吉县监察委员会', track: 'supervisory', filings: [review] })
    const { wrapper } = await myCases(c, [review])
    expect(wrapper.get('[data-test=my-filing]').text()).toContain('复审 · 维持')
    expect(wrapper.get('[data-test=file-kind]').text()).toBe('复审复核')
    // 复审 was used: 复核 is what is left, and it leaves the county.
    expect(wrapper.get('[data-test=file-kind-review]').classes()).toContain('is-disabled')
    expect(wrapper.find('[data-test=external-hint]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('shows where an external step was filed and when it was decided', async () => {
    const appeal = filing({ status: 'decided', outcome: 'revoked', external_body: '吉林市人民政府', external_filed_on: '2026-10-20', external_decided_on: '2026-11-20' })
    const { wrapper } = await myCases(caseView({ filings: [appeal] }), [appeal])
    expect(wrapper.get('[data-test=my-filing]').text()).toContain('申诉 · 撤销')
    expect(wrapper.get('[data-test=my-filing-external]').text()).toBe(
      '· 县外机关：吉林市人民政府，提出日期 2026-10-20，应于 2026-12-21 前作出决定（供参考）；决定日期 2026-11-20',
    )
    expect(wrapper.find('[data-test=file-form]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('the filings on the case page', () => {
  async function casePage(c: CaseView) {
    signedIn(['case.read', 'case.decide'])
    const sent = serve({ '/api/v1/cases/c-1': c }, c)
    const wrapper = mount(CaseDetail, { global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    return { wrapper, sent }
  }

  it('records the decision of a body outside the county with its day', async () => {
    const external = filing({ external_body: '吉林市人民政府', external_filed_on: '2026-01-05' })
    const { wrapper, sent } = await casePage(caseView({ filings: [external] }))
    expect(wrapper.get('[data-test=filing-external]').text()).toBe('县外机关：吉林市人民政府，提出日期 2026-01-05，应于 2026-12-21 前作出决定（供参考）')
    expect(wrapper.get('[data-test=filing]').text()).not.toContain('决定期限')
    const form = wrapper.get('[data-test=record-external]')
    expect(form.text()).toContain('记录县外机关的决定')
    expect(form.find('input[aria-label="决定日期"]').exists()).toBe(true)
    expect(form.get('[data-test=decide-filing]').text()).toBe('记录县外机关的决定')
    // Extending as complex is for appeals the county decides itself.
    expect(wrapper.find('[data-test=complex-appeal]').exists()).toBe(false)
    await form.get('input[data-test=filing-reason]').setValue('撤销原处理。')
    await form.get('[data-test=decide-filing]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150))
    expect(sent).toHaveLength(0)
    expect(form.get('.el-form-item__error').text()).toBe('必填')
    form.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', '2026-02-01')
    await form.get('[data-test=decide-filing]').trigger('click')
    await flushPromises()
    expect(sent).toEqual([
      { url: '/api/v1/cases/c-1/filings/f-1/decision', body: { outcome: 'upheld', reason: '撤销原处理。', decided_on: '2026-02-01' } },
    ])
    wrapper.unmount()
  })

  it('shows the day an outside body decided', async () => {
    const decided = filing({
      status: 'decided', outcome: 'upheld', external_body: '吉林市人民政府', external_filed_on: '2026-01-05', external_decided_on: '2026-02-01',
    })
    const { wrapper } = await casePage(caseView({ filings: [decided] }))
    expect(wrapper.get('[data-test=filing-external-decided]').text()).toBe('· 决定日期 2026-02-01')
    expect(wrapper.find('[data-test=record-external]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('keeps the decision of an appeal inside the county as it was', async () => {
    const inside = filing({ deciding_unit_id: 'gov', clock_id: 'clock-1' })
    const { wrapper, sent } = await casePage(caseView({ deciding_unit_id: 'office', deciding_unit_name: '政府办', filings: [inside] }))
    expect(wrapper.text()).toContain('复核与申诉')
    expect(wrapper.get('[data-test=filing]').text()).toContain('申诉 · 处理过重。 · 决定期限 2026-12-21')
    expect(wrapper.find('[data-test=filing-external]').exists()).toBe(false)
    expect(wrapper.find('[data-test=record-external]').exists()).toBe(false)
    expect(wrapper.find('input[aria-label="决定日期"]').exists()).toBe(false)
    expect(wrapper.get('[data-test=decide-filing]').text()).toBe('作出决定')
    expect(wrapper.find('[data-test=complex-appeal]').exists()).toBe(true)
    await wrapper.get('input[data-test=filing-reason]').setValue('原处理适当。')
    await wrapper.get('[data-test=decide-filing]').trigger('click')
    await flushPromises()
    expect(sent).toEqual([{ url: '/api/v1/cases/c-1/filings/f-1/decision', body: { outcome: 'upheld', reason: '原处理适当。' } }])
    wrapper.unmount()
  })

  it('names the supervisory steps on the case page', async () => {
    const review = filing({ kind: 'review', deciding_unit_id: 'sup', clock_id: 'clock-1', decide_by: '2026-11-12' })
    const { wrapper } = await casePage(caseView({ deciding_unit_id: 'sup', track: 'supervisory', filings: [review] }))
    expect(wrapper.text()).toContain('复审与复核')
    expect(wrapper.get('[data-test=filing]').text()).toContain('复审 · 处理过重。 · 决定期限 2026-11-12')
    setLocale('en')
    await flushPromises()
    expect(wrapper.get('[data-test=filing]').text()).toContain('Re-examination')
    wrapper.unmount()
  })
})
