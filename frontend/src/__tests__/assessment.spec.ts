import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { RouterView, createMemoryHistory, createRouter } from 'vue-router'
import {
  STANDARD_GRADES,
  awaiting,
  byGroup,
  confirmBody,
  confirmFaults,
  createBody,
  createDefaults,
  createFaults,
  divHalfUp,
  emptyFinding,
  evidenceFault,
  explanation,
  findingBody,
  findingFaults,
  formTotal,
  formatPercent,
  formatPoints,
  gradeLabel,
  gradeProblems,
  gradesText,
  groupBars,
  groupChartSummary,
  groupLabel,
  groupPercent,
  indicatorFormOf,
  indicatorOf,
  measureLabel,
  measureOption,
  measuresFor,
  newIndicatorForm,
  ruleFits,
  ruleText,
  schemeActions,
  schemeChangeBody,
  schemeFormFaults,
  schemeFormOf,
  schemeProblems,
  scorable,
  scoredBars,
  scoreBody,
  scoreFaults,
  selfCheckBody,
  selfCheckFaults,
  selfCheckField,
  selfCheckFormOf,
  toHundredths,
  trendGeometry,
  trendSummary,
  unitActions,
  unitAssessmentRoute,
  withKind,
  type Indicator,
  type IndicatorCard,
  type RankingRow,
  type Scheme,
  type Scorecard,
} from '../common/assessment'
import { me, selectUnit } from '../console/session'
import ConsoleApp from '../console/ConsoleApp.vue'
import SchemeEditor from '../console/pages/assessment/SchemeEditor.vue'
import UnitAssessment from '../console/pages/assessment/UnitAssessment.vue'
import GroupCharts from '../console/pages/assessment/GroupCharts.vue'
import { setLocale } from '../i18n'

afterEach(() => {
  vi.unstubAllGlobals()
  setLocale('zh')
  me.value = null
  selectUnit(null)
  localStorage.clear()
  document.body.innerHTML = ''
})

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const KOUQIAN = '0193a5b4-0000-7000-8000-00000000a001'
const SHUANGHE = '0193a5b4-0000-7000-8000-00000000a002'

/** The server's standard tree (scheme.rs `standard_indicators`): 17 indicators, 100 points. */
const STANDARD: Indicator[] = [
  { code: 'org.leadership', group: 'organisation', name: '领导重视和机构人员', points: 500, rule: { kind: 'manual' }, standard: null },
  { code: 'org.rules', group: 'organisation', name: '制度建设', points: 500, rule: { kind: 'manual' }, standard: null },
  { code: 'org.resources', group: 'organisation', name: '工作保障', points: 500, rule: { kind: 'manual' }, standard: null },
  { code: 'work.catalogue', group: 'work', name: '目录和指南更新', points: 800, rule: { kind: 'deduction', measure: 'catalogue_freshness', per_item: 200 }, standard: null },
  { code: 'work.proactive', group: 'work', name: '主动公开及时', points: 1000, rule: { kind: 'share', measure: 'publication_timeliness' }, standard: null },
  { code: 'work.applications', group: 'work', name: '依申请公开按时答复', points: 1200, rule: { kind: 'share', measure: 'application_on_time' }, standard: null },
  { code: 'work.secrecy', group: 'work', name: '保密审查', points: 500, rule: { kind: 'share', measure: 'secrecy_review_coverage' }, standard: null },
  { code: 'work.inspection', group: 'work', name: '网上巡查问题', points: 500, rule: { kind: 'deduction', measure: 'secrecy_findings', per_item: 100 }, standard: null },
  { code: 'work.annual_report', group: 'work', name: '年度报告按时发布', points: 500, rule: { kind: 'share', measure: 'annual_report_on_time' }, standard: null },
  { code: 'work.clarification', group: 'work', name: '澄清虚假或不完整信息', points: 500, rule: { kind: 'share', measure: 'clarification_timeliness' }, standard: null },
  { code: 'work.evaluation', group: 'work', name: '社会评议结果', points: 500, rule: { kind: 'rating', measure: 'evaluation_rating', basically_percent: 6000 }, standard: null },
  { code: 'carriers.website', group: 'carriers', name: '政府网站公开专栏', points: 600, rule: { kind: 'manual' }, standard: null },
  { code: 'carriers.reading_places', group: 'carriers', name: '查阅场所', points: 400, rule: { kind: 'manual' }, standard: null },
  { code: 'sup.complaints', group: 'supervision', name: '投诉举报处理', points: 500, rule: { kind: 'deduction', measure: 'complaints_upheld', per_item: 100 }, standard: null },
  { code: 'sup.proceedings', group: 'supervision', name: '行政复议和诉讼', points: 500, rule: { kind: 'deduction', measure: 'proceedings_corrected', per_item: 250 }, standard: null },
  { code: 'sup.accountability', group: 'supervision', name: '责任追究', points: 500, rule: { kind: 'deduction', measure: 'accountability_cases', per_item: 250 }, standard: null },
  { code: 'sup.rectification', group: 'supervision', name: '评议整改', points: 500, rule: { kind: 'deduction', measure: 'rectification_overdue', per_item: 100 }, standard: '评议意见逾期未整改，每项扣1分。' },
]

const SCHEME: Scheme = {
  id: 'scheme-1',
  year: 2026,
  audience: 'administrative',
  title: '2026年度政务公开工作考核',
  version: 1,
  status: 'draft',
  self_check_due: '2026-12-20',
  indicators: STANDARD,
  grades: STANDARD_GRADES,
  updated_at: '2026-12-04T02:00:00Z',
}

describe('points and percentages in hundredths', () => {
  it('writes points as the server does and percentages with two decimals', () => {
    expect(formatPoints(1250)).toBe('12.5')
    expect(formatPoints(1200)).toBe('12')
    expect(formatPoints(1225)).toBe('12.25')
    expect(formatPoints(5)).toBe('0.05')
    expect(formatPoints(0)).toBe('0')
    expect(formatPoints(null)).toBe('—')
    expect(formatPercent(8947)).toBe('89.47%')
    expect(formatPercent(10000)).toBe('100.00%')
    expect(formatPercent(undefined)).toBe('—')
    expect(toHundredths(12.5)).toBe(1250)
    expect(toHundredths(0.07)).toBe(7)
    expect(toHundredths(null)).toBeNaN()
  })

  it('divides half up like the server, and a group with nothing scored has no percentage', () => {
    // 85.00 of the 95.00 points scored: 89.47 %.
    expect(divHalfUp(8500 * 10000, 9500)).toBe(8947)
    expect(divHalfUp(1, 2)).toBe(1)
    expect(divHalfUp(5, 0)).toBe(0)
    expect(groupPercent({ scored: 1350, maximum: 1500 })).toBe(9000)
    expect(groupPercent({ scored: 0, maximum: 0 })).toBeNull()
  })
})

describe('labels in Chinese first and English second', () => {
  it('names grades, groups, measures and rules', () => {
    setLocale('zh')
    expect(STANDARD_GRADES.map((g) => gradeLabel(g.grade))).toEqual(['优秀', '良好', '合格', '不合格'])
    expect(groupLabel('carriers')).toBe('载体建设')
    expect(measureLabel('application_on_time')).toBe('依申请公开按时答复比例')
    expect(ruleText({ kind: 'deduction', measure: 'proceedings_corrected', per_item: 250 })).toBe('答复被复议或诉讼纠错每项扣2.5分，扣完为止')
    expect(ruleText({ kind: 'rating', measure: 'evaluation_rating', basically_percent: 6000 })).toBe('社会评议结果为满意得满分，基本满意得分值的60%，不满意不得分')
    // What the platform cannot measure yet is said to be the group's to score.
    expect(ruleText({ kind: 'share', measure: 'annual_report_on_time' })).toBe('按年度报告按时发布计分；平台暂不能自动计取该数据，由考核组评分')
    expect(measureOption('clarification_timeliness')).toBe('按时澄清虚假或不完整信息（暂不能自动计分）')
    expect(measureOption('complaints_upheld')).toBe('投诉经查属实')
    expect(gradesText(STANDARD_GRADES)).toBe('优秀 ≥ 90%；良好 ≥ 80%；合格 ≥ 60%；不合格 ≥ 0%')
    expect(explanation({ explanation_zh: '本年度到期的答复期限8个，按时7个，逾期1个。', explanation_en: '8 reply periods ended in the year: 7 met, 1 missed.' }, 'zh')).toContain('按时7个')
    setLocale('en')
    expect(gradeLabel('pass')).toBe('Pass')
    expect(groupLabel('supervision')).toBe('Supervision')
    expect(ruleText({ kind: 'share', measure: 'application_on_time' })).toBe('By the Share of applications answered on time: points × the share; full points when nothing was due in the year')
    expect(explanation({ explanation_zh: '中文', explanation_en: '8 reply periods ended in the year: 7 met, 1 missed.' }, 'en')).toBe('8 reply periods ended in the year: 7 met, 1 missed.')
  })
})

describe('the scheme and its 100 points', () => {
  it('passes the standard tree and grades, as the server does', () => {
    expect(STANDARD).toHaveLength(17)
    expect(schemeProblems(STANDARD)).toEqual({})
    expect(byGroup(STANDARD).map((g) => [g.group, g.indicators.length])).toEqual([
      ['organisation', 3],
      ['work', 8],
      ['carriers', 2],
      ['supervision', 4],
    ])
  })

  it('refuses a tree that does not add up to 100 points, naming the indicators', () => {
    const more = STANDARD.map((i, n) => (n === 0 ? { ...i, points: 600 } : i))
    expect(schemeProblems(more)).toEqual({ indicators: 'as_points_total' })
    expect(schemeProblems(STANDARD.slice(1))).toEqual({ indicators: 'as_points_total' })
    expect(schemeProblems([])).toEqual({ indicators: 'as_indicators_count' })
  })

  it('names each indicator’s fault at the field the server names', () => {
    const bad = STANDARD.map((i, n) => {
      if (n === 1) return { ...i, code: 'org.leadership' }
      if (n === 2) return { ...i, code: 'Org Resources', name: '保' }
      if (n === 3) return { ...i, rule: { kind: 'share', measure: 'catalogue_freshness' } as Indicator['rule'] }
      if (n === 4) return { ...i, rule: { kind: 'deduction', measure: 'secrecy_findings', per_item: 0 } as Indicator['rule'] }
      return i
    })
    expect(schemeProblems(bad)).toEqual({
      'indicators[1].code': 'as_code_taken',
      'indicators[2].code': 'as_code',
      'indicators[2].name': 'as_name',
      'indicators[3].rule': 'as_rule',
      'indicators[4].rule': 'as_rule',
    })
    expect(schemeProblems(STANDARD.map((i, n) => (n === 0 ? { ...i, points: 0 } : n === 1 ? { ...i, points: 1000 } : i)))).toEqual({ 'indicators[0].points': 'as_points' })
  })

  it('fits rules to the measures’ shapes; a measure not measurable yet fits a share or a deduction', () => {
    expect(measuresFor('share')).toEqual(['application_on_time', 'publication_timeliness', 'secrecy_review_coverage', 'annual_report_on_time', 'clarification_timeliness'])
    expect(measuresFor('rating')).toEqual(['evaluation_rating'])
    expect(measuresFor('manual')).toEqual([])
    expect(ruleFits({ kind: 'deduction', measure: 'annual_report_on_time', per_item: 100 })).toBe(true)
    expect(ruleFits({ kind: 'rating', measure: 'evaluation_rating', basically_percent: 10001 })).toBe(false)
    expect(ruleFits({ kind: 'share', measure: 'evaluation_rating' })).toBe(false)
  })

  it('checks the grades: falling thresholds, each grade once, the last from 0', () => {
    expect(gradeProblems(STANDARD_GRADES)).toEqual({})
    expect(gradeProblems([{ grade: 'pass', min_percent: 6000 }])).toEqual({ grades: 'as_grades' })
    expect(gradeProblems([{ grade: 'good', min_percent: 8000 }, { grade: 'excellent', min_percent: 9000 }, { grade: 'fail', min_percent: 0 }])).toEqual({ grades: 'as_grades' })
    expect(gradeProblems([{ grade: 'pass', min_percent: 6000 }, { grade: 'pass', min_percent: 0 }])).toEqual({ grades: 'as_grades' })
    expect(gradeProblems([{ grade: 'pass', min_percent: 6000 }, { grade: 'fail', min_percent: 0 }])).toEqual({})
  })

  it('edits points as typed and sends hundredths, with the version it was made on', () => {
    const f = schemeFormOf(SCHEME)
    expect(f.indicators[5]).toMatchObject({ code: 'work.applications', points: 12, kind: 'share', measure: 'application_on_time' })
    expect(f.indicators[14]).toMatchObject({ kind: 'deduction', per_item: 2.5 })
    expect(f.grades[0]).toEqual({ grade: 'excellent', from: 90 })
    expect(formTotal(f.indicators)).toBe(10000)
    expect(f.indicators.map(indicatorOf)).toEqual(STANDARD)
    expect(schemeFormFaults(f, '2026-12-04')).toEqual({})
    expect(schemeFormFaults({ ...f, self_check_due: '2026-12-04' }, '2026-12-04')).toEqual({ self_check_due: 'as_due_ahead' })
    f.indicators[0].points = 5.5
    expect(formTotal(f.indicators)).toBe(10050)
    expect(schemeFormFaults(f, '2026-12-04')).toEqual({ indicators: 'as_points_total' })
    f.indicators[1].points = 4.5
    expect(schemeChangeBody(f)).toMatchObject({ version: 1, title: SCHEME.title, self_check_due: '2026-12-20' })
    expect(schemeChangeBody(f).indicators.slice(0, 2).map((i) => i.points)).toEqual([550, 450])
    f.indicators[1].points = 4.555
    expect(schemeFormFaults(f, '2026-12-04')['indicators[1].points']).toBe('as_points')
  })

  it('switches a rule’s kind to a measure that fits it', () => {
    const manual = indicatorFormOf(STANDARD[0])
    expect(withKind(manual, 'rating')).toMatchObject({ kind: 'rating', measure: 'evaluation_rating' })
    const share = indicatorFormOf(STANDARD[8])
    expect(withKind(share, 'deduction')).toMatchObject({ kind: 'deduction', measure: 'annual_report_on_time' })
    expect(withKind(indicatorFormOf(STANDARD[5]), 'deduction').measure).toBe('catalogue_freshness')
    expect(indicatorOf({ ...newIndicatorForm('carriers'), code: 'carriers.new', name: '新媒体', points: 2, kind: 'deduction', measure: 'complaints_upheld', per_item: 0.5 })).toEqual({
      code: 'carriers.new',
      group: 'carriers',
      name: '新媒体',
      points: 200,
      rule: { kind: 'deduction', measure: 'complaints_upheld', per_item: 50 },
      standard: null,
    })
  })

  it('creates a scheme with the standard tree by sending none', () => {
    setLocale('zh')
    const f = createDefaults('2026-12-04')
    expect(f).toEqual({ year: 2026, audience: 'administrative', title: '2026年度政务公开工作考核', self_check_due: '2027-01-03' })
    expect(createFaults(f, '2026-12-04')).toEqual({})
    expect(createFaults({ ...f, self_check_due: '2026-12-04', year: 2019, title: '' }, '2026-12-04')).toEqual({ year: 'as_year', title: 'required', self_check_due: 'as_due_ahead' })
    const body = createBody({ ...f, title: ' 2026年度考核 ' })
    expect(body).toEqual({ year: 2026, audience: 'administrative', title: '2026年度考核', self_check_due: '2027-01-03' })
    expect('indicators' in body || 'grades' in body).toBe(false)
  })
})

const card = (over: Partial<IndicatorCard>): IndicatorCard => ({ code: 'x', group: 'work', name: '指标', points: 500, rule: { kind: 'manual' }, findings_deduction: 0, state: 'awaiting_group', ...over })

const SCORECARD: Scorecard = {
  scheme: { id: 'scheme-1', year: 2026, title: '2026年度政务公开工作考核', version: 2, status: 'started', self_check_due: '2026-12-20', grades: STANDARD_GRADES },
  unit_id: KOUQIAN,
  unit_name: '永吉县口前镇人民政府',
  indicators: [
    card({ code: 'org.leadership', group: 'organisation', name: '领导重视和机构人员', self_score: { indicator_code: 'org.leadership', score: 450, note: '分管领导已明确' } }),
    card({
      code: 'work.applications',
      name: '依申请公开按时答复',
      points: 1200,
      rule: { kind: 'share', measure: 'application_on_time' },
      automatic: {
        figure: { kind: 'share', hits: 7, counted: 8 },
        points: 1050,
        explanation_zh: '本年度到期的答复期限8个，按时7个，逾期1个。',
        explanation_en: '8 reply periods ended in the year: 7 met, 1 missed.',
        records: [
          { kind: 'clock', id: 'c1', label: '依申请 YJ-2026-0001', link: `/console/applications/${KOUQIAN}/a1`, date: '2026-03-02', against: true },
          { kind: 'clock', id: 'c2', label: '依申请 YJ-2026-0002', link: null, date: '2026-04-02', against: false },
        ],
      },
      findings_deduction: 100,
      score: 950,
      state: 'scored',
    }),
    card({
      code: 'work.annual_report',
      name: '年度报告按时发布',
      rule: { kind: 'share', measure: 'annual_report_on_time' },
      automatic: { figure: { kind: 'unavailable' }, points: null, explanation_zh: '暂不能自动计分。', explanation_en: 'Not measurable yet.', records: [] },
      state: 'not_scored',
    }),
  ],
  groups: [
    { group: 'organisation', points: 1500, scored: 0, maximum: 0 },
    { group: 'work', points: 6000, scored: 950, maximum: 1200 },
    { group: 'carriers', points: 1000, scored: 0, maximum: 0 },
    { group: 'supervision', points: 2000, scored: 0, maximum: 0 },
  ],
  total: 950,
  maximum: 1200,
  percent: 7917,
  live_grade: 'fail',
  findings: [{ id: 'f1', indicator_code: 'work.applications', description: '答复书未告知救济途径', deduction: 100, recorded_at: '2026-11-02T02:00:00Z', notice_id: 'n1' }],
  self_check: { status: 'draft', report: '', self_scores: [{ indicator_code: 'org.leadership', score: 450, note: '分管领导已明确' }], due_on: '2026-12-20', late: false },
  evidence: [],
}

describe('what a page offers', () => {
  const office = new Set(['assessment.manage', 'assessment.read'])
  const group = new Set(['assessment.score', 'assessment.read'])
  const town = ['assessment.read', 'assessment.self_check']

  it('lets the office edit and start a draft and publish a started scheme; readers see results once started', () => {
    expect(schemeActions('draft', office)).toEqual({ edit: true, start: true, publish: false, results: false })
    expect(schemeActions('started', office)).toEqual({ edit: false, start: false, publish: true, results: true })
    expect(schemeActions('started', group)).toEqual({ edit: false, start: false, publish: false, results: true })
    expect(schemeActions('published', office)).toEqual({ edit: false, start: false, publish: false, results: true })
  })

  it('lets the unit self-check until it submits, the group score and propose once nothing awaits it, the office find and confirm', () => {
    expect(unitActions(SCORECARD, town)).toEqual({ selfCheck: true, score: false, propose: false, finding: false, confirm: false })
    expect(unitActions({ ...SCORECARD, self_check: { ...SCORECARD.self_check!, status: 'submitted' } }, town).selfCheck).toBe(false)
    expect(unitActions(SCORECARD, group)).toEqual({ selfCheck: false, score: true, propose: false, finding: false, confirm: false })
    expect(awaiting(SCORECARD).map((i) => i.code)).toEqual(['org.leadership'])
    const scored = { ...SCORECARD, indicators: SCORECARD.indicators.map((i) => (i.state === 'awaiting_group' ? { ...i, state: 'scored', score: 450 } : i)) }
    expect(unitActions(scored, group).propose).toBe(true)
    expect(unitActions(SCORECARD, office)).toEqual({ selfCheck: false, score: false, propose: false, finding: true, confirm: false })
    const result = { total: 9000, maximum: 9500, percent: 9474, proposed_grade: 'excellent' as const, proposed_at: '2026-12-21T02:00:00Z' }
    expect(unitActions({ ...SCORECARD, result }, office).confirm).toBe(true)
    expect(unitActions({ ...SCORECARD, result: { ...result, confirmed_grade: 'good' } }, group).score).toBe(false)
    expect(unitActions({ ...SCORECARD, scheme: { ...SCORECARD.scheme, status: 'published' } }, office).finding).toBe(false)
  })

  it('offers the group a score for its own indicators and for those the platform cannot measure', () => {
    expect(SCORECARD.indicators.map(scorable)).toEqual([true, false, true])
  })
})

describe('the self-check', () => {
  it('keeps the self-scores in points, sends only those given, and names the server’s faults by code', () => {
    const f = selfCheckFormOf(SCORECARD)
    expect(f.scores).toEqual({ 'org.leadership': 4.5, 'work.applications': null, 'work.annual_report': null })
    expect(f.notes['org.leadership']).toBe('分管领导已明确')
    f.report = '本年度按要求开展政务公开工作。'
    f.scores['work.annual_report'] = 5
    const body = selfCheckBody(f, SCORECARD.indicators, 2026)
    expect(body).toEqual({
      year: 2026,
      report: '本年度按要求开展政务公开工作。',
      self_scores: [
        { indicator_code: 'org.leadership', score: 450, note: '分管领导已明确' },
        { indicator_code: 'work.annual_report', score: 500, note: null },
      ],
    })
    const field = selfCheckField(body)
    expect(field('self_scores[1].score')).toBe('self_scores.work.annual_report')
    expect(field('self_scores[0].note')).toBe('self_notes.org.leadership')
    expect(field('report')).toBe('report')
    // Fewer than 20 characters: saved, not submitted.
    expect(selfCheckFaults(f, SCORECARD.indicators)).toEqual({})
    expect(selfCheckFaults(f, SCORECARD.indicators, true)).toEqual({ report: 'as_report_short' })
    f.scores['work.annual_report'] = 5.5
    expect(selfCheckFaults(f, SCORECARD.indicators)).toEqual({ 'self_scores.work.annual_report': 'as_score_range' })
  })

  it('takes PDF, JPEG and PNG evidence up to 10 MB', () => {
    expect(evidenceFault({ type: 'application/pdf', size: 9 * 1024 * 1024 })).toBeNull()
    expect(evidenceFault({ type: 'image/gif', size: 10 })).toBe('file_type')
    expect(evidenceFault({ type: 'image/png', size: 11 * 1024 * 1024 })).toBe('as_evidence_size')
  })
})

describe('the group’s score, the office’s finding and confirmation', () => {
  it('scores within the indicator’s points, with how the group checked and what it saw', () => {
    expect(scoreFaults({ score: null, method: '', note: '' }, 500)).toEqual({ score: 'required', method: 'required', note: 'required' })
    expect(scoreFaults({ score: 5.5, method: 'site_visit', note: '看' }, 500)).toEqual({ score: 'as_score_range', note: 'length' })
    expect(scoreBody({ score: 4.5, method: 'document_review', note: ' 查阅了领导小组文件 ' }, 'org.leadership', 2026)).toEqual({
      year: 2026,
      indicator_code: 'org.leadership',
      score: 450,
      method: 'document_review',
      note: '查阅了领导小组文件',
    })
  })

  it('records a finding in hundredths, with a supervision notice only when asked', () => {
    const f = { ...emptyFinding('work.applications'), description: '答复书未告知救济途径', deduction: 1 }
    expect(findingFaults(f, SCORECARD.indicators, '2026-12-04')).toEqual({})
    expect(findingBody(f, 2026)).toEqual({ year: 2026, indicator_code: 'work.applications', description: '答复书未告知救济途径', evidence_url: null, deduction: 100, notice: null })
    const noticed = { ...f, notice: true, respond_by: '2026-12-10', evidence_url: 'https://www.yongji.gov.cn/x.html' }
    expect(findingBody(noticed, 2026)).toMatchObject({ evidence_url: 'https://www.yongji.gov.cn/x.html', notice: { message: null, respond_by: '2026-12-10' } })
    expect(findingFaults({ ...noticed, respond_by: '2026-12-01', evidence_url: 'ftp://x', deduction: 13 }, SCORECARD.indicators, '2026-12-04')).toEqual({
      evidence_url: 'as_url',
      deduction: 'as_score_range',
      'notice.respond_by': 'as_in_past',
    })
  })

  it('wants the office’s reason only when it departs from the proposal', () => {
    expect(confirmFaults({ grade: 'good', note: '' }, 'good')).toEqual({})
    expect(confirmFaults({ grade: 'pass', note: ' ' }, 'good')).toEqual({ note: 'as_note_for_change' })
    expect(confirmBody({ grade: 'pass', note: ' 网站专栏多项内容未更新 ' }, 2026)).toEqual({ year: 2026, grade: 'pass', note: '网站专栏多项内容未更新' })
    expect(confirmBody({ grade: 'good', note: '' }, 2026).note).toBeNull()
  })
})

const ROWS: RankingRow[] = [
  { rank: 1, unit_id: SHUANGHE, unit_name: '永吉县双河镇人民政府', groups: [{ group: 'organisation', points: 1500, scored: 1500, maximum: 1500 }], total: 9600, maximum: 10000, percent: 9600, grade: 'excellent', provisional: false },
  { rank: 2, unit_id: KOUQIAN, unit_name: '永吉县口前镇人民政府', groups: [{ group: 'organisation', points: 1500, scored: 1200, maximum: 1500 }], total: 8500, maximum: 9500, percent: 8947, grade: 'good', provisional: true },
]

describe('the charts', () => {
  it('bars each unit’s share of a group and sums the chart up in words', () => {
    setLocale('zh')
    const bars = groupBars(ROWS, 'organisation')
    expect(bars.map((b) => [b.unit_id, b.percent])).toEqual([
      [SHUANGHE, 10000],
      [KOUQIAN, 8000],
    ])
    expect(groupBars(ROWS, 'carriers').every((b) => b.percent === null)).toBe(true)
    // The chart draws the units with something scored, highest first, and counts the rest.
    const both = [...groupBars(ROWS, 'organisation').reverse(), ...groupBars(ROWS, 'carriers')]
    expect(scoredBars(both).scored.map((b) => b.unit_id)).toEqual([SHUANGHE, KOUQIAN])
    expect(scoredBars(both).unscored).toBe(2)
    expect(groupChartSummary('organisation', 9000, bars)).toBe('组织领导：全县平均得分率 90.00%，2 个单位已计分；最高 永吉县双河镇人民政府 100.00%，最低 永吉县口前镇人民政府 80.00%')
  })

  it('draws the trend with years evenly apart and 0–100 % upwards, and writes it out', () => {
    setLocale('zh')
    const trend = [
      { year: 2026, units: 2, average_percent: 9274, excellent: 1, good: 1, pass: 0, fail: 0 },
      { year: 2025, units: 40, average_percent: 5000, excellent: 3, good: 10, pass: 20, fail: 7 },
    ]
    const g = trendGeometry(trend, 600, 200, 20)
    expect(g.points.map((p) => [p.year, p.x, p.y])).toEqual([
      [2025, 20, 100],
      [2026, 580, 31.62],
    ])
    expect(g.line).toBe('20,100 580,31.62')
    expect(trendGeometry([trend[0]], 600, 200, 20).points[0].x).toBe(300)
    expect(trendSummary(trend)).toBe(
      '2025年：40个单位，平均得分率50.00%，优秀3个、良好10个、合格20个、不合格7个；2026年：2个单位，平均得分率92.74%，优秀1个、良好1个、合格0个、不合格0个',
    )
    expect(trendSummary([])).toBe('暂无历年考核结果')
  })

  it('renders a chart per group with the average and every bar’s figure', () => {
    setLocale('zh')
    const wrapper = mount(GroupCharts, { props: { rows: ROWS, averages: [{ group: 'organisation', average_percent: 9000 }] }, global: { plugins: [ElementPlus] } })
    expect(wrapper.findAll('[data-test=as-group-chart]').map((c) => c.attributes('data-group'))).toEqual(['organisation', 'work', 'carriers', 'supervision'])
    const org = wrapper.get('[data-test=as-group-chart][data-group=organisation]')
    expect(org.get(`[data-test=as-unit-bar][data-unit="${KOUQIAN}"] [data-test=as-bar-fill]`).attributes('width')).toBe('80')
    expect(org.get(`[data-test=as-unit-bar][data-unit="${KOUQIAN}"]`).text()).toContain('80.00%')
    expect(org.get('[data-test=as-chart-summary]').attributes('id')).toBe(org.attributes('aria-describedby'))
    expect(wrapper.get('[data-test=as-avg-bar][data-group=organisation]').text()).toContain('90.00%')
    wrapper.unmount()
  })
})

type Me = NonNullable<(typeof me)['value']>
const person = (over: Partial<Me>): Me =>
  ({ id: 'me', username: 'someone', display_name: '某人', is_platform_admin: false, county_id: 'k', county_permissions: [], platform_permissions: [], memberships: [], ...over }) as unknown as Me
const membership = (unit_id: string, fn: string | null, permissions: string[]) => ({ unit_id, unit_name: '永吉县口前镇人民政府', role: 'leader', function: fn, is_principal: true, duties: [], permissions })

describe('the console’s ways in', () => {
  async function nav(user: Me) {
    vi.stubGlobal('fetch', vi.fn(async () => json({ unread: 0 })))
    me.value = user
    const router = createRouter({ history: createMemoryHistory('/console/'), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
    await router.push('/')
    const wrapper = mount(ConsoleApp, { global: { plugins: [ElementPlus, router] } })
    await flushPromises()
    return wrapper
  }

  it('leads county-wide readers to the schemes and a unit’s staff to their own scorecard', async () => {
    setLocale('zh')
    selectUnit('office')
    const office = await nav(person({ county_permissions: ['assessment.read', 'assessment.manage'], memberships: [membership('office', 'openness_office', ['assessment.read', 'assessment.self_check'])] as Me['memberships'] }))
    expect(office.get('[data-test=nav-assessment]').text()).toBe('考核')
    expect(office.get('[data-test=nav-assessment]').attributes('href')).toBe('/console/assessment')
    // The office is a department of the county government: it is assessed too.
    expect(office.get('[data-test=nav-unit-assessment]').attributes('href')).toBe('/console/units/office/assessment')
    office.unmount()

    selectUnit('group')
    const group = await nav(person({ county_permissions: ['assessment.read', 'assessment.score'], memberships: [membership('group', 'assessment_group', ['assessment.read', 'assessment.self_check'])] as Me['memberships'] }))
    expect(group.find('[data-test=nav-assessment]').exists()).toBe(true)
    expect(group.find('[data-test=nav-unit-assessment]').exists()).toBe(false)
    group.unmount()

    selectUnit(KOUQIAN)
    const town = await nav(person({ memberships: [membership(KOUQIAN, null, ['assessment.read', 'assessment.self_check'])] as Me['memberships'] }))
    expect(town.find('[data-test=nav-assessment]').exists()).toBe(false)
    const link = town.get('[data-test=nav-unit-assessment]')
    expect(link.text()).toBe('本单位考核')
    expect(link.attributes('href')).toBe(`/console${unitAssessmentRoute(KOUQIAN)}`)
    town.unmount()
  })
})

describe('the scheme editor', () => {
  it('keeps a running total and refuses to send a tree that is not 100 points', async () => {
    setLocale('zh')
    const sent: unknown[] = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (r: Request) => {
        sent.push(await r.json())
        return json({ ...SCHEME, version: 2 })
      }),
    )
    const wrapper = mount(SchemeEditor, { props: { scheme: { ...SCHEME, self_check_due: '2099-12-20' }, editable: true }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    const total = () => wrapper.get('[data-test=as-total]')
    expect(total().attributes('data-total')).toBe('10000')
    expect(total().text()).toContain('合计 100 分')
    expect(wrapper.findAll('[data-test=as-ed-row]')).toHaveLength(17)
    expect(wrapper.get('[data-test=as-group-total][data-group=work]').attributes('data-points')).toBe('5500')
    await wrapper.get('[data-test=as-ed-add]').trigger('click')
    const rows = wrapper.findAll('[data-test=as-ed-row]')
    expect(rows).toHaveLength(18)
    await rows[17].get('[data-test=as-ed-points] input').setValue('3')
    await rows[17].get('[data-test=as-ed-points] input').trigger('blur')
    expect(total().attributes('data-ok')).toBe('false')
    expect(total().text()).toContain('合计 103 分，须为 100 分')
    await wrapper.get('[data-test=as-editor-form]').trigger('submit')
    await flushPromises()
    expect(sent).toHaveLength(0)
    expect(wrapper.get('[data-test=as-indicators-error]').text()).toBe('各项指标分值合计须为100分')
    await rows[17].get('[data-test=as-ed-remove]').trigger('click')
    expect(total().attributes('data-ok')).toBe('true')
    await wrapper.get('[data-test=as-editor-form]').trigger('submit')
    await flushPromises()
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ version: 1, indicators: STANDARD, grades: STANDARD_GRADES })
    expect(wrapper.emitted('saved')?.[0]).toEqual([{ ...SCHEME, version: 2 }])
    wrapper.unmount()
  })
})

describe('a unit’s scorecard', () => {
  async function open(user: Me, answer: (path: string) => Response | undefined) {
    me.value = user
    vi.stubGlobal(
      'fetch',
      vi.fn(async (r: Request) => answer(new URL(r.url, 'http://localhost').pathname) ?? json({ code: 'not_found', message: 'not found', fields: [] }, 404)),
    )
    const router = createRouter({
      history: createMemoryHistory('/console/'),
      routes: [
        { path: '/units/:unitId/assessment', component: UnitAssessment },
        { path: '/:p(.*)*', component: { render: () => null } },
      ],
    })
    await router.push(`/units/${KOUQIAN}/assessment?year=2026`)
    const Host = defineComponent({ setup: () => () => h(RouterView) })
    const wrapper = mount(Host, { global: { plugins: [ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    return wrapper
  }

  it('shows the town each figure explained with the records behind it, and its self-check form', async () => {
    setLocale('zh')
    const wrapper = await open(person({ memberships: [membership(KOUQIAN, null, ['assessment.read', 'assessment.self_check'])] as Me['memberships'] }), (p) =>
      p === `/api/v1/units/${KOUQIAN}/assessment` ? json(SCORECARD) : undefined,
    )
    expect(wrapper.get('[data-test=unit-assessment-page]').attributes('data-state')).toBe('ready')
    const apps = wrapper.get('[data-test=as-ind][data-code="work.applications"]')
    expect(apps.get('[data-test=as-ind-explanation]').text()).toContain('本年度到期的答复期限8个，按时7个，逾期1个。')
    expect(apps.get('[data-test=as-ind-findings]').text()).toBe('日常检查发现问题扣 1 分')
    expect(apps.get('[data-test=as-ind-score]').text()).toBe('得分 9.5')
    const records = apps.findAll('[data-test=as-ind-record]')
    expect(records).toHaveLength(2)
    expect(records[0].get('a').attributes('href')).toBe(`/console/applications/${KOUQIAN}/a1`)
    expect(records[1].find('a').exists()).toBe(false)
    expect(wrapper.get('[data-test=as-ind][data-code="org.leadership"] [data-test=as-ind-self]').text()).toBe('本单位自评 4.5 分：分管领导已明确')
    // The town neither scores nor records findings; it writes its self-check.
    expect(wrapper.find('[data-test=as-ind-score-open]').exists()).toBe(false)
    expect(wrapper.find('[data-test=as-ind-finding-open]').exists()).toBe(false)
    expect(wrapper.find('[data-test=as-sc-form]').exists()).toBe(true)
    expect(wrapper.find('[data-test=as-u-hidden]').exists()).toBe(true)
    expect(wrapper.get('[data-test=as-u-finding]').text()).toContain('答复书未告知救济途径')
    setLocale('en')
    await flushPromises()
    expect(apps.get('[data-test=as-ind-explanation]').text()).toContain('8 reply periods ended in the year: 7 met, 1 missed.')
    wrapper.unmount()
  })

  it('offers the group a score for its indicators and the unmeasurable ones, and says the year has no scheme', async () => {
    setLocale('zh')
    const group = person({ county_permissions: ['assessment.read', 'assessment.score'] })
    const wrapper = await open(group, (p) => (p === `/api/v1/units/${KOUQIAN}/assessment` ? json(SCORECARD) : undefined))
    expect(wrapper.findAll('[data-test=as-ind-score-open]').length).toBe(2)
    expect(wrapper.find('[data-test=as-ind][data-code="work.applications"] [data-test=as-ind-score-open]').exists()).toBe(false)
    expect(wrapper.get('[data-test=as-propose]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-test=as-pr-waiting]').text()).toContain('领导重视和机构人员')
    expect(wrapper.find('[data-test=as-sc-form]').exists()).toBe(false)
    wrapper.unmount()

    const none = await open(group, (p) =>
      p === `/api/v1/units/${KOUQIAN}/assessment` ? json({ code: 'assessment_no_scheme', message: '该单位本年度没有适用的考核方案。', fields: [{ field: 'year', message: '' }] }, 422) : undefined,
    )
    expect(none.get('[data-test=unit-assessment-page]').attributes('data-state')).toBe('none')
    expect(none.get('[data-test=as-u-failure]').text()).toContain('该单位本年度没有适用的考核方案。')
    none.unmount()
  })
})
