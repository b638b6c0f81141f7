import { describe, expect, it } from 'vitest'
import {
  CASE_STATUSES,
  canFileRemedy,
  closureFaults,
  emptyFilingForm,
  externalDayAllowed,
  externalDecided,
  externalSummary,
  fileableKinds,
  filingDecisionFaults,
  filingDecisionRequest,
  filingFaults,
  filingRequest,
  filingsHeading,
  fromMeasures,
  hasMitigating,
  isConcluded,
  isFutureDay,
  leadItemLabel,
  leadSubject,
  measuresText,
  nextSteps,
  speakableParties,
  statusLabel,
  stepLabel,
  stepLeavesCounty,
  toMeasures,
  type CaseView,
} from '../console/pages/cases/caseLogic'
import { setLocale } from '../i18n'

function caseOf(over: Partial<CaseView>): CaseView {
  return {
    id: 'c', number: '永问〔2026〕1号', title: 't', county_id: 'k', deciding_unit_id: 'o', deciding_unit_name: '政府办',
    facts: 'f', violation_types: ['other'], status: 'open', measures: [], approval: 'not_needed', created_at: '',
    parties: [
      { id: 'p1', kind: 'person', unit_id: 'u', unit_name: '口前镇', user_id: 'me', measures: [] },
      { id: 'p2', kind: 'unit', unit_id: 'u', unit_name: '口前镇', measures: [] },
    ],
    subjects: [], circumstances: [], evidence: [], filings: [], circulated_to: [],
    ...over,
  } as CaseView
}

describe('case logic', () => {
  it('turns the measures form into API measures and back', () => {
    const ms = toMeasures({ simple: ['circulated_criticism', 'order_to_correct'], sanction: 'demerit' })
    expect(ms).toEqual([
      { measure: 'order_to_correct' },
      { measure: 'circulated_criticism' },
      { measure: 'disciplinary_sanction', sanction: 'demerit' },
    ])
    expect(fromMeasures(ms)).toEqual({ simple: ['order_to_correct', 'circulated_criticism'], sanction: 'demerit' })
    setLocale('zh')
    expect(measuresText(ms)).toBe('责令改正、通报批评、给予处分（记过）')
    expect(measuresText([])).toBe('不予处理')
  })

  it('offers the decision only once measures, approval and hearing allow it', () => {
    expect(nextSteps(caseOf({}), '2026-10-12').waitingFor).toBe('case.wait.measures')
    const major = caseOf({ severity: 'major', approval: 'pending' })
    expect(nextSteps(major, '2026-10-12')).toMatchObject({ approve: true, decide: false, waitingFor: 'case.wait.approval' })
    const heard = caseOf({ severity: 'minor', hearing_deadline: '2026-10-16' })
    expect(nextSteps(heard, '2026-10-16').waitingFor).toBe('case.wait.statements')
    expect(nextSteps(heard, '2026-10-17').decide).toBe(true)
    expect(nextSteps(caseOf({ status: 'decided', severity: 'minor' }), '2026-10-17')).toMatchObject({ edit: false, decide: false })
  })

  it('offers closing without measures only while the case is open or in hearing', () => {
    expect(nextSteps(caseOf({ status: 'open' }), '2026-10-12').close).toBe(true)
    expect(nextSteps(caseOf({ status: 'hearing', hearing_deadline: '2026-10-16' }), '2026-10-12')).toMatchObject({ close: true, statements: true })
    for (const status of ['decided', 'closed']) {
      expect(nextSteps(caseOf({ status, severity: 'minor', hearing_deadline: '2026-10-16' }), '2026-10-17')).toEqual({
        edit: false,
        approve: false,
        hearing: false,
        statements: false,
        decide: false,
        close: false,
        waitingFor: null,
      })
    }
    expect(isConcluded('closed')).toBe(true)
    expect(isConcluded('hearing')).toBe(false)
  })

  it('needs a mitigating circumstance for an exemption and reasons for any closure', () => {
    setLocale('zh')
    const bare = caseOf({})
    const mitigated = caseOf({ circumstances: [{ kind: 'mitigating', factor: 'corrected_in_time', note: '当日改正', automatic: false }] })
    const aggravated = caseOf({ circumstances: [{ kind: 'aggravating', factor: 'repeat_within_year', note: '一年内第二次', automatic: true }] })
    expect(hasMitigating(bare)).toBe(false)
    expect(hasMitigating(aggravated)).toBe(false)
    expect(hasMitigating(mitigated)).toBe(true)
    expect(closureFaults({ closure: 'exempted', reasons: '及时纠正，未造成损害' }, aggravated)).toEqual({ closure: 'case.closure.noMitigation' })
    expect(closureFaults({ closure: 'exempted', reasons: '及时纠正，未造成损害' }, mitigated)).toEqual({})
    expect(closureFaults({ closure: 'no_violation', reasons: '经查已按时答复' }, bare)).toEqual({})
    expect(closureFaults({ closure: '', reasons: '  短  ' }, bare)).toEqual({ closure: 'fault.required', reasons: 'case.closure.reasonsShort' })
  })

  it('opens review and appeal only on decided measures', () => {
    expect(canFileRemedy('decided', [])).toBe(true)
    expect(canFileRemedy('closed', [])).toBe(false)
    expect(canFileRemedy('hearing', [])).toBe(false)
    expect(canFileRemedy('decided', [{ status: 'pending', kind: 'review' }])).toBe(false)
    expect(canFileRemedy('decided', [{ status: 'decided', kind: 'review' }])).toBe(true)
    expect(canFileRemedy('decided', [{ status: 'decided', kind: 'appeal' }])).toBe(false)
  })

  it('labels every status, closed without measures included, in both languages', () => {
    setLocale('zh')
    expect(CASE_STATUSES.map(statusLabel)).toEqual(['办理中', '陈述申辩中', '已决定', '已结案（不予处理）'])
    setLocale('en')
    expect(statusLabel('closed')).toBe('Closed without measures')
    setLocale('zh')
  })

  it('refuses violation dates after today', () => {
    expect(isFutureDay('2026-10-13', '2026-10-12')).toBe(true)
    expect(isFutureDay('2026-10-12', '2026-10-12')).toBe(false)
    expect(isFutureDay('2025-12-31', '2026-10-12')).toBe(false)
  })

  it('lets a person speak for themselves and for the units they lead', () => {
    const c = caseOf({})
    expect(speakableParties(c, 'me', []).map((p) => p.id)).toEqual(['p1'])
    expect(speakableParties(c, 'me', ['u']).map((p) => p.id)).toEqual(['p1', 'p2'])
    expect(speakableParties(c, 'other', []).map((p) => p.id)).toEqual([])
  })
})

describe('leadSubject', () => {
  it('names an application by the label before the facts', () => {
    const lead = { subject_type: 'application', subject_id: '0190-x', facts: '依申请公开 2026-ABCD2345（周敏）：application.reply（条例第三十三条）期限为 2026-10-29，期满仍未办结。' }
    expect(leadSubject(lead)).toBe('依申请公开 2026-ABCD2345（周敏）')
  })
  it('falls back to kind and id when the facts carry no label', () => {
    expect(leadSubject({ subject_type: 'referral', subject_id: 'R-1', facts: '未答复' })).toBe('referral R-1')
  })
})

describe('leadItemLabel', () => {
  it('cites the item of Art. 6 a lead is raised under, in each language', () => {
    setLocale('zh')
    expect(leadItemLabel('6.4')).toBe('第六条第（四）项')
    expect(leadItemLabel('6.1')).toBe('第六条第（一）项')
    expect(leadItemLabel('6.10')).toBe('第六条第（十）项')
    setLocale('en')
    expect(leadItemLabel('6.4')).toBe('AC 6(4)')
    setLocale('zh')
  })
  it('gives anything else as the server wrote it', () => {
    expect(leadItemLabel('7.1')).toBe('7.1')
    expect(leadItemLabel('6.0')).toBe('6.0')
    expect(leadItemLabel('6.11')).toBe('6.11')
    expect(leadItemLabel('')).toBe('')
  })
})

describe('the steps after a decision', () => {
  it('names each step after the track, in both languages', () => {
    setLocale('zh')
    expect(stepLabel('review', 'supervisory')).toBe('复审')
    expect(stepLabel('appeal', 'supervisory')).toBe('复核')
    expect(stepLabel('review', 'civil_service')).toBe('复核')
    expect(stepLabel('appeal', 'civil_service')).toBe('申诉')
    expect(stepLabel('review', 'county_default:30')).toBe('复核')
    expect(stepLabel('appeal', 'county_default:30')).toBe('申诉')
    expect(stepLabel('appeal', null)).toBe('申诉')
    expect(filingsHeading('supervisory')).toBe('复审与复核')
    expect(filingsHeading('civil_service')).toBe('复核与申诉')
    setLocale('en')
    expect(stepLabel('review', 'supervisory')).toBe('Re-examination')
    expect(stepLabel('appeal', 'supervisory')).toBe('Review by the higher commission')
    expect(stepLabel('review', 'civil_service')).toBe('Review')
    expect(stepLabel('appeal', 'county_default:30')).toBe('Appeal')
    setLocale('zh')
  })

  it('sends the second step outside the county on the supervisory track or against the county government', () => {
    // The higher supervisory commission hears the supervisory track's 复核.
    expect(stepLeavesCounty('appeal', 'supervisory', 'supervisory_commission')).toBe(true)
    // The body above the county government hears an appeal against its own decision.
    expect(stepLeavesCounty('appeal', 'civil_service', 'county_government')).toBe(true)
    expect(stepLeavesCounty('appeal', 'county_default:30', 'county_government')).toBe(true)
    // Against the openness office or a township, the county government hears it on the platform.
    expect(stepLeavesCounty('appeal', 'civil_service', 'openness_office')).toBe(false)
    expect(stepLeavesCounty('appeal', 'county_default:30', null)).toBe(false)
    // Where the county has no county government on the platform, there is none inside to hear it.
    expect(stepLeavesCounty('appeal', 'civil_service', 'openness_office', false)).toBe(true)
    // The first step asks the deciding body itself, on every track.
    expect(stepLeavesCounty('review', 'supervisory', 'supervisory_commission')).toBe(false)
    expect(stepLeavesCounty('review', 'civil_service', 'county_government')).toBe(false)
    expect(stepLeavesCounty('review', 'civil_service', 'openness_office', false)).toBe(false)
  })

  it('offers each step only while the API would take it', () => {
    expect(fileableKinds('civil_service', [])).toEqual(['review', 'appeal'])
    expect(fileableKinds('civil_service', [{ kind: 'review' }])).toEqual(['appeal'])
    // On the supervisory track 复核 comes only after 复审.
    expect(fileableKinds('supervisory', [])).toEqual(['review'])
    expect(fileableKinds('supervisory', [{ kind: 'review' }])).toEqual(['appeal'])
  })

  it('asks for the outside body and its day only for a step that leaves the county', () => {
    const form = { ...emptyFilingForm('appeal'), grounds: '仍不服。' }
    expect(filingFaults(form, false, '2026-10-20')).toEqual({})
    expect(filingFaults(form, true, '2026-10-20')).toEqual({ external_body: 'fault.required', filed_on: 'fault.required' })
    expect(filingFaults({ ...form, external_body: ' 市 ', filed_on: '2026-10-21' }, true, '2026-10-20')).toEqual({
      external_body: 'case.ext.bodyLength',
      filed_on: 'case.ext.future',
    })
    expect(filingFaults({ ...form, external_body: '市'.repeat(201), filed_on: '2026-10-19' }, true, '2026-10-20')).toEqual({
      external_body: 'case.ext.bodyLength',
    })
    expect(filingFaults({ ...form, external_body: '吉林市监察委员会', filed_on: '2026-10-20' }, true, '2026-10-20')).toEqual({})
  })

  it('sends the outside body and its day for an external step, and never for one inside the county', () => {
    const form = { kind: 'appeal' as const, grounds: '仍不服。', external_body: ' 吉林市监察委员会 ', filed_on: '2026-10-19' }
    expect(filingRequest(form, true, null)).toEqual({
      kind: 'appeal',
      grounds: '仍不服。',
      party_id: null,
      external_body: '吉林市监察委员会',
      filed_on: '2026-10-19',
    })
    const inside = filingRequest(form, false, 'p2')
    expect(inside).toEqual({ kind: 'appeal', grounds: '仍不服。', party_id: 'p2' })
    expect('external_body' in inside || 'filed_on' in inside).toBe(false)
  })

  it('says where an external step was filed, by when it is due, and when it was decided', () => {
    setLocale('zh')
    const f = { external_body: '吉林市监察委员会', external_filed_on: '2026-10-19', decide_by: '2026-12-21', external_decided_on: null }
    expect(externalSummary(f)).toBe('县外机关：吉林市监察委员会，提出日期 2026-10-19，应于 2026-12-21 前作出决定（供参考）')
    expect(externalDecided(f)).toBe('')
    expect(externalDecided({ ...f, external_decided_on: '2026-11-20' })).toBe('决定日期 2026-11-20')
    expect(externalSummary({ external_body: null, external_filed_on: null, decide_by: '2026-11-12' })).toBe('')
    setLocale('en')
    expect(externalSummary(f)).toBe('Outside body: 吉林市监察委员会, filed on 2026-10-19, due to decide by 2026-12-21 (for information)')
    setLocale('zh')
  })

  it('records an outside decision with its day, between the filing and today', () => {
    const external = { external_body: '吉林市监察委员会', external_filed_on: '2026-10-19' }
    const internal = { external_body: null, external_filed_on: null }
    expect(externalDayAllowed('2026-10-19', '2026-10-19', '2026-11-25')).toBe(true)
    expect(externalDayAllowed('2026-10-18', '2026-10-19', '2026-11-25')).toBe(false)
    expect(externalDayAllowed('2026-11-26', '2026-10-19', '2026-11-25')).toBe(false)
    expect(filingDecisionFaults({ decided_on: '' }, external, '2026-11-25')).toEqual({ decided_on: 'fault.required' })
    expect(filingDecisionFaults({ decided_on: '2026-10-18' }, external, '2026-11-25')).toEqual({ decided_on: 'case.ext.beforeFiled' })
    expect(filingDecisionFaults({ decided_on: '2026-11-26' }, external, '2026-11-25')).toEqual({ decided_on: 'case.ext.future' })
    expect(filingDecisionFaults({ decided_on: '2026-11-20' }, external, '2026-11-25')).toEqual({})
    expect(filingDecisionFaults({ decided_on: '' }, internal, '2026-11-25')).toEqual({})
    const form = { outcome: 'revoked' as const, reason: '证据不足。', form: { simple: [], sanction: '' as const }, decided_on: '2026-11-20' }
    expect(filingDecisionRequest(form, external)).toEqual({ outcome: 'revoked', reason: '证据不足。', measures: undefined, decided_on: '2026-11-20' })
    expect(JSON.parse(JSON.stringify(filingDecisionRequest(form, internal)))).toEqual({ outcome: 'revoked', reason: '证据不足。' })
    const changed = { ...form, outcome: 'changed' as const, form: { simple: ['order_to_correct'], sanction: '' as const } }
    expect(JSON.parse(JSON.stringify(filingDecisionRequest(changed, internal)))).toEqual({
      outcome: 'changed',
      reason: '证据不足。',
      measures: [{ measure: 'order_to_correct' }],
    })
  })
})
