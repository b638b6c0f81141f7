import { describe, expect, it } from 'vitest'
import {
  CASE_STATUSES,
  canFileRemedy,
  closureFaults,
  fromMeasures,
  hasMitigating,
  isConcluded,
  isFutureDay,
  leadSubject,
  measuresText,
  nextSteps,
  speakableParties,
  statusLabel,
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
