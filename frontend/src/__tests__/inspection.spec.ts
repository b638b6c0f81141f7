import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import {
  ATTACHMENT_ACCEPT,
  attachmentFault,
  attachmentTypeLabel,
  daysBetween,
  emptyHeading,
  eventLabel,
  eventNote,
  fieldLabel,
  freshnessState,
  freshnessTag,
  headingBody,
  headingFaults,
  headingFormOf,
  hitGroups,
  itemActions,
  maskable,
  publicAttachmentHref,
  sortFreshness,
  unreadableFiles,
  unreadableLabel,
  type Freshness,
  type Heading,
  type Hit,
  type ItemAttachment,
  type ItemCapabilities,
  type ItemFacts,
} from '../common/items'
import {
  byKindText,
  defaultPeriod,
  emptyOrder,
  findingActions,
  findingKind,
  findingPlace,
  findingStatusLabel,
  findingStatusTag,
  noteFaults,
  orderBody,
  orderFaults,
  periodFaults,
  remedyLabel,
  remedyOverdue,
  reportTotals,
  triggerLabel,
  unitFindingsRoute,
  type UnitInspection,
} from '../common/inspection'
import {
  badFigure,
  complaintAnswerBody,
  complaintAnswerFaults,
  complaintBody,
  complaintFaults,
  complaintFindingLabel,
  complaintOverdue,
  complaintStatusLabel,
  complaintTotals,
  complaintTrackRoute,
  emptyAnswer,
  emptyComplaint,
  type UnitComplaints,
} from '../common/complaints'
import { setLocale } from '../i18n'
import type { Item } from '../console/pages/items/action'
import HitsPanel from '../console/pages/items/HitsPanel.vue'
import FilesPanel from '../console/pages/items/FilesPanel.vue'
import CatalogueItem from '../portal/pages/CatalogueItem.vue'
import Complain from '../portal/pages/Complain.vue'
import ComplaintTrack from '../portal/pages/ComplaintTrack.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
  document.body.innerHTML = ''
})

const TODAY = '2026-12-10'
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const sorted = (s: Set<string>) => [...s].sort()
const Host = defineComponent({ setup: () => () => h(RouterView) })
const handler: ItemCapabilities = { canDraft: true, canReview: true, canApprove: false, canPublish: true }

const hit = (over: Partial<Hit> = {}): Hit => ({
  field: 'body',
  kind: 'mobile',
  start: 30,
  end: 41,
  text: '13812345678',
  context: '联系电话：【13812345678】，欢迎来电',
  mask: '138****5678',
  ...over,
})

const file = (over: Partial<ItemAttachment> = {}): ItemAttachment => ({
  id: 'a-1',
  file_name: '低保名单.docx',
  content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  size_bytes: 2048,
  sha256: 'ab',
  text_chars: 120,
  unreadable: null,
  added_revision: 2,
  created_at: '2026-12-01T00:00:00Z',
  ...over,
})

const facts = (over: Partial<ItemFacts> = {}): ItemFacts => ({
  status: 'draft',
  attribute: 'proactive',
  hits: [],
  consultations: [],
  first_published_on: null,
  bound_not_to_disclose: false,
  ...over,
})

function item(over: Partial<Item> = {}): Item {
  return {
    id: 'i-1',
    unit_id: 'u-1',
    title: '口前镇2026年临时救助名单',
    summary: '',
    body: '名单见附件。',
    category: 'local_affairs',
    formed_on: '2026-12-01',
    attribute: 'proactive',
    status: 'draft',
    revision: 3,
    hits: [],
    attachments: [],
    reviews: [],
    consultations: [],
    events: [],
    versions: [],
    reevaluations: [],
    sensitive_domains: [],
    bound_not_to_disclose: false,
    drafter_id: 'p-1',
    created_at: '2026-12-01T00:00:00Z',
    updated_at: '2026-12-01T00:00:00Z',
    ...over,
  } as Item
}

describe('files attached to an item', () => {
  it('masks in place only the item’s own text: a file is replaced, a classification mark re-decided', () => {
    expect(maskable(hit())).toBe(true)
    expect(maskable(hit({ field: 'attachment', attachment_id: 'a-1' }))).toBe(false)
    expect(maskable(hit({ kind: 'classification_mark', mask: null }))).toBe(false)
    // A draft whose only hit is in a file offers no mask.
    expect(sorted(itemActions(facts({ hits: [hit({ field: 'attachment', attachment_id: 'a-1' })] }), handler, TODAY))).toEqual(['edit', 'submit'])
    expect(sorted(itemActions(facts({ hits: [hit(), hit({ field: 'attachment', attachment_id: 'a-1' })] }), handler, TODAY))).toEqual(['edit', 'mask', 'submit'])
  })

  it('groups the hits by place: the text first, then each file in the order of the files', () => {
    const files = [file({ id: 'a-1', file_name: '名单.pdf' }), file({ id: 'a-2', file_name: '附表.xlsx' }), file({ id: 'a-3', file_name: '照片.png' })]
    const inA2 = hit({ field: 'attachment', attachment_id: 'a-2', start: 5 })
    const inA1 = hit({ field: 'attachment', attachment_id: 'a-1', kind: 'id_number' })
    const lost = hit({ field: 'attachment', attachment_id: 'gone' })
    const title = hit({ field: 'title', start: 1 })
    const groups = hitGroups([inA2, title, inA1, lost, hit()], files)
    expect(groups.map((g) => [g.key, g.attachment?.file_name ?? null, g.hits.length])).toEqual([
      ['text', null, 2],
      ['a-1', '名单.pdf', 1],
      ['a-2', '附表.xlsx', 1],
      ['files', null, 1],
    ])
    expect(groups[0].hits).toEqual([title, hit()])
    expect(hitGroups([], files)).toEqual([])
  })

  it('checks a file as the server does: its kind by name, at most 20 MiB, not empty', () => {
    expect(attachmentFault({ name: '名单.PDF', size: 10 })).toBeNull()
    expect(attachmentFault({ name: '名单.docx', size: 10 })).toBeNull()
    expect(attachmentFault({ name: '附表.xlsx', size: 20 * 1024 * 1024 })).toBeNull()
    expect(attachmentFault({ name: 'photo', type: 'image/jpeg', size: 10 })).toBeNull()
    expect(attachmentFault({ name: '名单.doc', size: 10 })).toBe('attachment_type')
    expect(attachmentFault({ name: 'setup.exe', type: 'application/x-msdownload', size: 10 })).toBe('attachment_type')
    expect(attachmentFault({ name: '附表.xlsx', size: 20 * 1024 * 1024 + 1 })).toBe('attachment_size')
    expect(attachmentFault({ name: '空.pdf', size: 0 })).toBe('attachment_empty')
    expect(ATTACHMENT_ACCEPT.split(',')).toContain('.docx')
    expect(ATTACHMENT_ACCEPT.split(',')).toContain('image/png')
  })

  it('names the kinds, the unreadable files, the events and the public link', () => {
    setLocale('zh')
    expect(attachmentTypeLabel('application/pdf')).toBe('PDF')
    expect(attachmentTypeLabel('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('Excel')
    expect(attachmentTypeLabel('text/plain')).toBe('text/plain')
    expect(unreadableLabel('image')).toBe('图片：无法自动识别文字，须人工审查')
    expect(unreadableLabel('no_text_layer')).toContain('须人工审查')
    expect(unreadableLabel(null)).toBe('')
    const files = [file(), file({ id: 'a-2', unreadable: 'image' }), file({ id: 'a-3', unreadable: 'encrypted' })]
    expect(unreadableFiles(files).map((f) => f.id)).toEqual(['a-2', 'a-3'])
    expect(fieldLabel('attachment')).toBe('附件')
    expect(eventLabel('attached')).toBe('添加附件')
    expect(eventNote({ kind: 'detached', details: { file_name: '名单.pdf' } as never })).toBe('名单.pdf')
    expect(publicAttachmentHref('i-1', 'a-1')).toBe('/api/v1/public/catalogue/i-1/attachments/a-1')
    setLocale('en')
    expect(unreadableLabel('damaged')).toContain('checked by eye')
    expect(fieldLabel('attachment')).toBe('Attached file')
  })
})

describe('catalogue freshness', () => {
  it('takes an update period of 7 to 366 days, or none', () => {
    const f = { ...emptyHeading(10), name: '农村低保', category: 'social_policies' as const }
    expect(f.update_every_days).toBeNull()
    expect(headingFaults({ ...f, update_every_days: 6 })).toEqual({ update_every_days: 'every_range' })
    expect(headingFaults({ ...f, update_every_days: 367 })).toEqual({ update_every_days: 'every_range' })
    expect(headingFaults({ ...f, update_every_days: 7.5 })).toEqual({ update_every_days: 'every_range' })
    expect(headingFaults({ ...f, update_every_days: 30 })).toEqual({})
    expect(headingBody({ ...f, update_every_days: 30 })).toMatchObject({ update_every_days: 30, publish_within_days: null })
    expect(headingBody(f).update_every_days).toBeNull()
    const h: Heading = { id: 'h-1', name: '农村低保', name_en: '', category: 'social_policies', position: 10, active: true, update_every_days: 90 }
    expect(headingFormOf(h).update_every_days).toBe(90)
    expect(headingFormOf({ ...h, update_every_days: undefined }).update_every_days).toBeNull()
  })

  it('says where the unit stands under each heading', () => {
    const row = (publish_again_by: string | null, update_every_days: number | null = 30): Freshness => ({
      heading_id: 'h',
      heading_name: '农村低保',
      last_published_on: '2026-11-11',
      update_every_days,
      publish_again_by,
    })
    expect(daysBetween('2026-12-10', '2026-12-17')).toBe(7)
    expect(daysBetween('2026-12-10', '2026-12-09')).toBe(-1)
    expect(freshnessState(row('2026-12-31'), TODAY)).toBe('running')
    expect(freshnessState(row('2026-12-17'), TODAY)).toBe('soon')
    expect(freshnessState(row('2026-12-10'), TODAY)).toBe('soon')
    expect(freshnessState(row('2026-12-09'), TODAY)).toBe('overdue')
    // The clocks closed the period as missed: no last day any more.
    expect(freshnessState(row(null), TODAY)).toBe('overdue')
    expect(freshnessState(row(null, null), TODAY)).toBe('none')
    expect([freshnessTag('overdue'), freshnessTag('soon'), freshnessTag('running'), freshnessTag('none')]).toEqual(['danger', 'warning', 'success', 'info'])
    const rows = [{ ...row('2026-12-31'), heading_name: 'A' }, { ...row(null), heading_name: 'B' }, { ...row('2026-12-20'), heading_name: 'C' }]
    expect(sortFreshness(rows, TODAY).map((r) => r.heading_name)).toEqual(['B', 'C', 'A'])
  })
})

describe('the online inspection', () => {
  it('names statuses, remedies, triggers, places and kinds, and keeps unknown words', () => {
    setLocale('zh')
    expect(['open', 'ordered', 'remedied', 'dismissed'].map(findingStatusLabel)).toEqual(['待处理', '整改中', '已整改', '不作处理'])
    expect(['open', 'ordered', 'remedied', 'dismissed'].map(findingStatusTag)).toEqual(['danger', 'warning', 'success', 'info'])
    expect(remedyLabel('take_down')).toBe('立即撤下')
    expect(remedyLabel(null)).toBe('')
    expect(findingStatusLabel('reopened')).toBe('reopened')
    expect(triggerLabel('schedule')).toBe('定时巡查')
    expect(findingPlace({ field: 'attachment' })).toBe('附件')
    expect(findingPlace({ field: 'body' })).toBe('正文')
    expect(findingKind('mobile')).toBe('手机号码')
    expect(findingKind('new_kind')).toBe('new_kind')
    setLocale('en')
    expect(remedyLabel('mask')).toBe('Mask')
    expect(triggerLabel('on_demand')).toBe('On demand')
  })

  it('offers the bureau and the unit the steps the server allows', () => {
    const bureau = { inspect: true, draft: false }
    const unit = { inspect: false, draft: true }
    expect(sorted(findingActions({ status: 'open' }, bureau))).toEqual(['dismiss', 'order'])
    expect(sorted(findingActions({ status: 'ordered' }, bureau))).toEqual(['dismiss'])
    expect(sorted(findingActions({ status: 'remedied' }, bureau))).toEqual([])
    expect(sorted(findingActions({ status: 'open' }, unit))).toEqual([])
    expect(sorted(findingActions({ status: 'ordered' }, unit))).toEqual(['remedied'])
    expect(sorted(findingActions({ status: 'ordered' }, { inspect: false, draft: false }))).toEqual([])
    expect(remedyOverdue({ status: 'ordered', remedy_due: '2026-12-09' }, TODAY)).toBe(true)
    expect(remedyOverdue({ status: 'ordered', remedy_due: '2026-12-10' }, TODAY)).toBe(false)
    expect(remedyOverdue({ status: 'remedied', remedy_due: '2026-12-01' }, TODAY)).toBe(false)
  })

  it('orders a take-down at once and a mask or correction within 1 to 20 working days', () => {
    expect(orderFaults(emptyOrder())).toEqual({ remedy: 'required', note: 'required' })
    expect(orderFaults({ remedy: 'mask', working_days: null, note: '遮盖手机号码' })).toEqual({ working_days: 'required' })
    expect(orderFaults({ remedy: 'correct', working_days: 21, note: '更正' })).toEqual({ working_days: 'days_range' })
    expect(orderFaults({ remedy: 'take_down', working_days: null, note: '撤' })).toEqual({ note: 'length' })
    expect(orderFaults({ remedy: 'take_down', working_days: null, note: '名单含个人手机号码' })).toEqual({})
    expect(orderBody({ remedy: 'take_down', working_days: 5, note: ' 名单含个人手机号码 ' })).toEqual({ remedy: 'take_down', working_days: null, note: '名单含个人手机号码' })
    expect(orderBody({ remedy: 'mask', working_days: 5, note: '遮盖' })).toEqual({ remedy: 'mask', working_days: 5, note: '遮盖' })
    expect(noteFaults('')).toEqual({ note: 'required' })
    expect(noteFaults('好')).toEqual({ note: 'length' })
    expect(noteFaults('x'.repeat(1001))).toEqual({ note: 'length' })
    expect(noteFaults('已更正发布')).toEqual({})
    expect(unitFindingsRoute('u-1')).toBe('/units/u-1/inspection-findings')
  })

  it('lays out the periodic report with its totals and kinds', () => {
    expect(defaultPeriod('2026-12-10')).toEqual({ from: '2026-12-01', to: '2026-12-10' })
    expect(periodFaults('2026-12-10', '2026-12-01')).toEqual({ to: 'before_start' })
    expect(periodFaults('', '')).toEqual({ from: 'required', to: 'required' })
    expect(periodFaults('2026-12-01', '2026-12-01')).toEqual({})
    const line = (over: Partial<UnitInspection>): UnitInspection => ({
      unit_id: 'u',
      unit_name: 'U',
      findings: 0,
      by_kind: {} as never,
      taken_down: 0,
      remedied_in_time: 0,
      remedied_late: 0,
      overdue: 0,
      dismissed: 0,
      open: 0,
      ...over,
    })
    expect(reportTotals([line({ findings: 2, taken_down: 1, overdue: 1 }), line({ findings: 1, open: 1 })])).toEqual({
      findings: 3,
      taken_down: 1,
      remedied_in_time: 0,
      remedied_late: 0,
      overdue: 1,
      dismissed: 0,
      open: 1,
    })
    setLocale('zh')
    expect(byKindText({ sensitive_word: 1, new_kind: 2, mobile: 2, id_number: 0 })).toBe('手机号码 2、敏感词 1、new_kind 2')
    expect(byKindText(undefined)).toBe('')
  })
})

describe('complaints', () => {
  it('checks the portal’s form as the server does', () => {
    expect(complaintFaults(emptyComplaint())).toEqual({ unit_id: 'required', complainant: 'required', contact: 'required', subject: 'required', details: 'required' })
    const f = { unit_id: 'u-1', complainant: '李某', contact: '1391', email: 'no-at', subject: '未', details: '太短' }
    expect(complaintFaults(f)).toEqual({ contact: 'length', subject: 'length', details: 'length', email: 'email' })
    const ok = { unit_id: 'u-1', complainant: ' 李某 ', contact: '13912345678', email: ' ', subject: '依申请公开逾期未答复', details: '本人于9月申请公开低保名单，至今未收到答复。' }
    expect(complaintFaults(ok)).toEqual({})
    expect(complaintBody(ok)).toEqual({
      unit_id: 'u-1',
      complainant: '李某',
      contact: '13912345678',
      email: null,
      subject: '依申请公开逾期未答复',
      details: '本人于9月申请公开低保名单，至今未收到答复。',
    })
    expect(complaintBody({ ...ok, email: 'li@example.org' }).email).toBe('li@example.org')
    expect(complaintTrackRoute('TS2026-ABCDEFGH')).toEqual({ path: '/complaints/track', query: { code: 'TS2026-ABCDEFGH' } })
    expect(complaintTrackRoute()).toEqual({ path: '/complaints/track', query: {} })
  })

  it('answers with a finding and at least 10 characters', () => {
    expect(complaintAnswerFaults(emptyAnswer())).toEqual({ finding: 'required', answer: 'required' })
    expect(complaintAnswerFaults({ finding: 'upheld', answer: '属实。' })).toEqual({ answer: 'length' })
    expect(complaintAnswerFaults({ finding: 'partly_upheld', answer: '经调查，延期未告知属实，已责令答复。' })).toEqual({})
    expect(complaintAnswerBody({ finding: 'not_upheld', answer: ' 经调查，该镇已按期答复并送达。 ' })).toEqual({ finding: 'not_upheld', answer: '经调查，该镇已按期答复并送达。' })
    setLocale('zh')
    expect(['upheld', 'partly_upheld', 'not_upheld'].map(complaintFindingLabel)).toEqual(['投诉属实', '投诉部分属实', '投诉不属实'])
    expect(complaintStatusLabel('answered')).toBe('已答复')
    expect(complaintOverdue({ status: 'open', answer_by: '2026-12-09' }, TODAY)).toBe(true)
    expect(complaintOverdue({ status: 'answered', answer_by: '2026-12-09' }, TODAY)).toBe(false)
    expect(complaintOverdue({ status: 'open', answer_by: null }, TODAY)).toBe(false)
  })

  it('sums the year’s figures', () => {
    const line = (over: Partial<UnitComplaints>): UnitComplaints => ({
      unit_id: 'u',
      unit_name: 'U',
      received: 0,
      upheld: 0,
      partly_upheld: 0,
      not_upheld: 0,
      answered_in_time: 0,
      answered_late: 0,
      open: 0,
      ...over,
    })
    const totals = complaintTotals([line({ received: 2, partly_upheld: 1, answered_late: 1, open: 1 }), line({ received: 1, upheld: 1, answered_in_time: 1 })])
    expect(totals).toEqual({ received: 3, upheld: 1, partly_upheld: 1, not_upheld: 0, answered_in_time: 1, answered_late: 1, open: 1 })
    expect(badFigure('answered_late', 1)).toBe(true)
    expect(badFigure('answered_in_time', 1)).toBe(false)
    expect(badFigure('upheld', 0)).toBe(false)
  })
})

describe('the hits panel with files', () => {
  it('lists a file’s findings under its name without a mask, and flags the files it could not read', () => {
    setLocale('zh')
    const d = item({
      hits: [hit(), hit({ field: 'attachment', attachment_id: 'a-1', kind: 'id_number', text: '220221199003074529', context: '王某【220221199003074529】', mask: '220***********4529' })],
      attachments: [file({ id: 'a-1', file_name: '低保名单.docx' }), file({ id: 'a-2', file_name: '现场照片.png', content_type: 'image/png', unreadable: 'image', text_chars: 0 })],
    })
    const wrapper = mount(HitsPanel, { props: { item: d, canMask: true }, global: { plugins: [ElementPlus] } })
    const groups = wrapper.findAll('[data-test=hit-group]')
    expect(groups.map((g) => g.get('[data-test=hit-group-name]').text())).toEqual(['标题、概述和正文', '附件：低保名单.docx'])
    expect(groups[0].find('[data-test=hit-mask]').exists()).toBe(true)
    const inFile = groups[1].get('[data-test=hit]')
    expect(inFile.attributes('data-attachment')).toBe('a-1')
    expect(inFile.get('mark').text()).toBe('220221199003074529')
    expect(inFile.find('[data-test=hit-mask]').exists()).toBe(false)
    expect(groups[1].get('[data-test=hit-file-hint]').text()).toBe('附件中的内容不能在此遮盖：请上传遮盖后的文件，并删除原文件。')
    const flagged = wrapper.findAll('[data-test=hits-unreadable-file]')
    expect(flagged.map((f) => f.attributes('data-unreadable'))).toEqual(['image'])
    expect(flagged[0].text()).toBe('现场照片.png：图片：无法自动识别文字，须人工审查')
    wrapper.unmount()
  })

  it('flags an unreadable file even when the scan found nothing', () => {
    setLocale('zh')
    const d = item({ attachments: [file({ id: 'a-2', file_name: '扫描件.pdf', content_type: 'application/pdf', unreadable: 'no_text_layer' })] })
    const wrapper = mount(HitsPanel, { props: { item: d, canMask: true }, global: { plugins: [ElementPlus] } })
    expect(wrapper.find('[data-test=hits-none]').exists()).toBe(true)
    expect(wrapper.get('[data-test=hits-unreadable]').text()).toContain('扫描件.pdf')
    wrapper.unmount()
  })
})

describe('the files panel', () => {
  it('refuses a program before sending, then sends a document as it is with its name and revision', async () => {
    setLocale('zh')
    const seen: { url: string; method: string; type: string | null; bytes: number }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url)
        seen.push({ url: `${url.pathname}?${url.searchParams.toString()}`, method: request.method, type: request.headers.get('content-type'), bytes: (await request.arrayBuffer()).byteLength })
        return json(item({ revision: 4, attachments: [file({ added_revision: 4 })] }))
      }),
    )
    const wrapper = mount(FilesPanel, { props: { item: item(), canChange: true, canDownload: true }, global: { plugins: [ElementPlus] } })
    expect(wrapper.find('[data-test=ia-none]').exists()).toBe(true)
    const input = wrapper.get('[data-test=ia-input]')
    const choose = async (f: File) => {
      Object.defineProperty(input.element, 'files', { value: [f], configurable: true })
      await input.trigger('change')
      await flushPromises()
    }
    await choose(new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }))
    expect(seen).toHaveLength(0)
    expect(wrapper.get('[data-test=ia-error]').text()).toBe('只接受 PDF、Word（.docx）、Excel（.xlsx）、JPEG 或 PNG 文件')
    await choose(new File([new Uint8Array([0x50, 0x4b, 3, 4, 9, 9])], '低保名单.docx'))
    expect(seen).toEqual([
      {
        url: `/api/v1/units/u-1/items/i-1/attachments?file_name=${encodeURIComponent('低保名单.docx').replace(/%20/g, '+')}&revision=3`,
        method: 'POST',
        type: 'application/octet-stream',
        bytes: 6,
      },
    ])
    expect(wrapper.emitted('updated')?.[0]?.[0]).toMatchObject({ revision: 4 })
    wrapper.unmount()
  })

  it('shows each file with what the scan read, and no changes to a reader', () => {
    setLocale('zh')
    const d = item({ attachments: [file(), file({ id: 'a-2', file_name: '现场照片.png', content_type: 'image/png', unreadable: 'image', text_chars: 0 })] })
    const wrapper = mount(FilesPanel, { props: { item: d, canChange: false, canDownload: false }, global: { plugins: [ElementPlus] } })
    const rows = wrapper.findAll('[data-test=ia-file]')
    expect(rows.map((r) => r.attributes('data-unreadable'))).toEqual(['', 'image'])
    expect(rows[0].get('[data-test=ia-text]').text()).toBe('已识别 120 字')
    expect(rows[1].get('[data-test=ia-unreadable]').text()).toBe('图片：无法自动识别文字，须人工审查')
    expect(wrapper.find('[data-test=ia-input]').exists()).toBe(false)
    expect(wrapper.find('[data-test=ia-remove]').exists()).toBe(false)
    expect(wrapper.find('[data-test=ia-download]').exists()).toBe(false)
    wrapper.unmount()
  })
})

describe('the portal', () => {
  it('lists the published files of a catalogue item as downloads', async () => {
    setLocale('zh')
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json({
          item_id: 'i-1',
          unit_id: 'u-1',
          unit_name: '永吉县口前镇人民政府',
          index_number: '112202216197267615/2026-00001',
          title: '通告',
          summary: '',
          category: 'local_affairs',
          formed_on: '2026-12-01',
          published_on: '2026-12-02',
          body: '名单见附件。',
          attachments: [{ id: 'a-1', file_name: '名单.pdf', content_type: 'application/pdf', size_bytes: 4096 }],
          history: [{ kind: 'published', on: '2026-12-02', note: null }],
        }),
      ),
    )
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/catalogue/:itemId', component: CatalogueItem }, { path: '/catalogue', component: CatalogueItem }] })
    await router.push('/catalogue/i-1')
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    const link = wrapper.get('[data-test=ci-file-link]')
    expect(link.attributes('href')).toBe('/api/v1/public/catalogue/i-1/attachments/a-1')
    expect(link.attributes('download')).toBe('名单.pdf')
    expect(wrapper.get('[data-test=ci-file]').text()).toBe('名单.pdf（PDF，4 KB）')
    wrapper.unmount()
  })

  async function portal(path: string) {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/complaints', component: Complain },
        { path: '/complaints/track', component: ComplaintTrack },
      ],
    })
    await router.push(path)
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    return wrapper
  }

  it('files a complaint, refusing an incomplete one first, and shows the number and secret', async () => {
    setLocale('zh')
    const posted: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        const url = new URL(request.url)
        if (url.pathname === '/api/v1/directory') return json({ units: [{ id: 'u-1', name: '永吉县口前镇人民政府', kind: 'township' }] })
        posted.push(await request.json())
        return json({ code: 'TS2026-ABCDEFGH', secret: 'SECRETSECRET', received_on: '2026-12-10', answer_by: '2026-12-31' }, 201)
      }),
    )
    const wrapper = await portal('/complaints')
    await wrapper.get('[data-test=complaint-form]').trigger('submit')
    await flushPromises()
    expect(posted).toHaveLength(0)
    await vi.waitFor(() => expect(wrapper.findAll('.el-form-item.is-error')).toHaveLength(5))
    await wrapper.get('[data-test=cp-unit] .el-select__wrapper').trigger('click')
    await flushPromises()
    const option = [...document.body.querySelectorAll('.el-select-dropdown__item')].find((o) => o.textContent?.includes('口前镇')) as HTMLElement
    option.click()
    await flushPromises()
    await wrapper.get('input[data-test=cp-complainant]').setValue('李某')
    await wrapper.get('input[data-test=cp-contact]').setValue('13912345678')
    await wrapper.get('input[data-test=cp-subject]').setValue('依申请公开逾期未答复')
    await wrapper.get('textarea[data-test=cp-details]').setValue('本人于9月申请公开低保名单，至今未收到答复。')
    await wrapper.get('[data-test=complaint-form]').trigger('submit')
    await flushPromises()
    await flushPromises()
    expect(posted).toEqual([
      { unit_id: 'u-1', complainant: '李某', contact: '13912345678', email: null, subject: '依申请公开逾期未答复', details: '本人于9月申请公开低保名单，至今未收到答复。' },
    ])
    expect(wrapper.get('[data-test=complaint-code]').text()).toBe('TS2026-ABCDEFGH')
    expect(wrapper.get('[data-test=complaint-secret]').text()).toBe('SECRETSECRET')
    expect(wrapper.get('[data-test=complaint-answer-by]').text()).toBe('2026-12-31')
    expect(wrapper.get('[data-test=to-complaint-track]').attributes('href')).toBe('/complaints/track?code=TS2026-ABCDEFGH')
    wrapper.unmount()
  }, 30_000)

  it('reads the answer with the number in the address and the secret in a header', async () => {
    setLocale('zh')
    const asked: { path: string; secret: string | null }[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        asked.push({ path: new URL(request.url).pathname, secret: request.headers.get('X-Tracking-Secret') })
        return json({
          code: 'TS2026-ABCDEFGH',
          unit_name: '永吉县口前镇人民政府',
          subject: '依申请公开逾期未答复',
          received_on: '2026-12-01',
          answer_by: null,
          status: 'answered',
          finding: 'partly_upheld',
          answer: '经调查，延期未告知属实，已责令其答复。',
          answered_on: '2026-12-09',
        })
      }),
    )
    const wrapper = await portal('/complaints/track?code=TS2026-ABCDEFGH')
    expect((wrapper.get('input[data-test=ct-code]').element as HTMLInputElement).value).toBe('TS2026-ABCDEFGH')
    await wrapper.get('input[data-test=ct-secret]').setValue(' SECRETSECRET ')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(asked).toEqual([{ path: '/api/v1/public/complaints/TS2026-ABCDEFGH', secret: 'SECRETSECRET' }])
    expect(wrapper.get('[data-test=ct-status]').attributes('data-status')).toBe('answered')
    expect(wrapper.get('[data-test=ct-finding]').text()).toBe('投诉部分属实')
    expect(wrapper.get('[data-test=ct-answer]').text()).toBe('经调查，延期未告知属实，已责令其答复。')
    expect(wrapper.get('[data-test=ct-answered-on]').text()).toBe('2026-12-09')
    wrapper.unmount()
  })
})
