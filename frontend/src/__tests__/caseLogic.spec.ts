import { describe, expect, it } from 'vitest'
import { fromMeasures, leadSubject, measuresText, nextSteps, speakableParties, toMeasures, type CaseView } from '../console/pages/cases/caseLogic'
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
