// The annual assessment (考核制度, AS 1–11) in the browser:
// 1. The openness office (zhengfuban.leader) writes this year's scheme for the administrative bodies
//    with the standard tree (17 indicators, 100 points) and a self-check deadline five days ahead;
//    in the editor a point moved from 制度建设 to 领导重视和机构人员 shows the running total off
//    and back at 100, and saving makes version 2. It starts the assessment, which freezes the
//    scheme, and records a daily-check finding on 口前镇's website column (1 point off).
// 2. 口前镇's leader opens 本单位考核: the figures the platform measured, explained, and the
//    self-check form. A report of fewer than 20 characters is refused before anything is sent; the
//    leader writes the report, scores two indicators, adds an evidence picture and submits.
// 3. The assessment group (gongkai_kaohe.leader) finds 口前镇 submitted on the scoring sheet with its
//    five manual indicators awaiting it, scores them and the two the platform cannot measure yet
//    (annual report, clarification), and proposes the grade the figures give.
// 4. The office confirms the proposal; the ranking shows 口前镇 no longer provisional, with a chart
//    per group of indicators and the trend. Publishing is refused while other units are unconfirmed.
import { Buffer } from 'node:buffer'
import { join } from 'node:path'
import { addDays, answered, beijingToday, text } from './steps.mjs'

const KOUQIAN = '永吉县口前镇人民政府'
const SHORT = '已开展自查。'
const REPORT =
  '本年度口前镇政府明确由分管副镇长负责政务公开工作，党政办公室具体承办，配备专职人员一名；修订了主动公开、依申请公开和保密审查制度，按月更新政府网站公开专栏。存在的问题：查阅场所设置不够规范，年度报告发布偏晚。下一步将在便民服务中心增设查阅点，按时发布年度报告。'
/** The five indicators the group scores by hand, and the two the platform cannot measure yet. */
const SCORES = [
  ['org.leadership', '5.5', 'hearing', '听取分管副镇长汇报，机构和人员落实。'],
  ['org.rules', '4', 'document_review', '查阅制度汇编，保密审查制度已修订。'],
  ['org.resources', '4.5', 'document_review', '查阅经费预算和培训记录。'],
  ['carriers.website', '5', 'online_check', '网上检查政府网站公开专栏，栏目基本规范。'],
  ['carriers.reading_places', '3', 'site_visit', '实地察看便民服务中心，查阅点尚未设置标识。'],
  ['work.annual_report', '4', 'online_check', '上一年度报告于2月3日发布，晚于法定期限。'],
  ['work.clarification', '5', 'overall_review', '本年度未发生需要澄清的情形。'],
]
const MANUAL = SCORES.slice(0, 5).map(([code]) => code)
const FINDING = '政府网站公开专栏“机构职能”栏目内容未更新。'
const PROPOSAL = '口前镇政务公开工作总体扎实，查阅场所建设有待加强。'
/** A 1 × 1 PNG: the server reads the file's own bytes to tell its type. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')

export function assessmentScenarios({ base, shots, newPage, signIn, accessible, assert }) {
  /** Confirms the message box a button opens, and returns the API's answer to what it sends. */
  async function confirmed(page, button, pathEnd, status = 200) {
    await page.click(button)
    const ok = page.locator('.el-message-box .el-button--primary')
    await ok.waitFor()
    return answered(page, 'POST', pathEnd, () => ok.click(), status)
  }

  /** Types a day into a date picker and waits for its panel to close. */
  async function pickDay(page, selector, day) {
    await page.fill(selector, day)
    await page.press(selector, 'Enter')
    await page.waitForFunction(() => [...document.querySelectorAll('.el-picker__popper')].every((el) => window.getComputedStyle(el).display === 'none'))
  }

  /** Types points into a number field and leaves it, so the form takes the value. */
  async function points(scope, selector, value) {
    const input = scope.locator(selector)
    await input.fill(value)
    await input.press('Tab')
  }

  return {
    async 'the openness office writes and starts the year’s assessment, a town submits its self-check, the assessment group scores and proposes its grade, and the office confirms it'() {
      const today = beijingToday()
      const year = Number(today.slice(0, 4))
      const due = addDays(today, 5)

      // --- 1. The office writes the scheme ---------------------------------------------------------
      const office = await newPage()
      await signIn(office, 'zhengfuban.leader')
      const nav = office.locator('[data-test=nav-assessment]')
      assert((await nav.textContent()).trim() === '考核', 'no nav entry 考核')
      await nav.click()
      await office.waitForSelector('[data-test=schemes-page][data-state=ready]')
      await office.click('[data-test=as-new]')
      await office.waitForSelector('[data-test=as-create-form]')
      assert((await office.inputValue('#as-year')) === String(year), `the year defaults to ${await office.inputValue('#as-year')}`)
      assert((await office.inputValue('#as-title')) === `${year}年度政务公开工作考核`, `the default title: ${await office.inputValue('#as-title')}`)
      await pickDay(office, '#as-due', due)
      assert((await office.inputValue('#as-due')) === due, `the deadline: ${await office.inputValue('#as-due')}`)
      await accessible(office, 'console new assessment scheme')
      await office.screenshot({ path: join(shots, 'console-assessment-new.png'), fullPage: true })
      let scheme = await answered(office, 'POST', '/assessment/schemes', () => office.click('[data-test=as-create-submit]'), 201)
      assert(scheme.status === 'draft' && scheme.year === year && scheme.audience === 'administrative' && scheme.self_check_due === due, `the scheme: ${JSON.stringify(scheme)}`)
      assert(scheme.indicators.length === 17 && scheme.indicators.reduce((s, i) => s + i.points, 0) === 10000, 'not the standard tree of 100 points')
      assert(JSON.stringify(scheme.grades.map((g) => g.min_percent)) === '[9000,8000,6000,0]', `the grades: ${JSON.stringify(scheme.grades)}`)
      await office.waitForURL((url) => url.pathname === `/console/assessment/${scheme.id}`)
      await office.waitForSelector('[data-test=scheme-page][data-state=ready][data-status=draft]')
      await office.waitForSelector('[data-test=as-total][data-ok=true][data-total="10000"]')
      assert((await office.locator('[data-test=as-ed-row]').count()) === 17, 'the editor does not list 17 indicators')

      // A point more for the leadership: the total is off; a point less for the rules: 100 again.
      const row = (code) => office.locator(`[data-test=as-ed-row][data-code="${code}"]`)
      await points(row('org.leadership'), '[data-test=as-ed-points] input', '6')
      await office.waitForSelector('[data-test=as-total][data-ok=false][data-total="10100"]')
      assert((await text(office, '[data-test=as-total]')).startsWith('合计 101 分，须为 100 分'), `the running total: ${await text(office, '[data-test=as-total]')}`)
      await points(row('org.rules'), '[data-test=as-ed-points] input', '4')
      await office.waitForSelector('[data-test=as-total][data-ok=true][data-total="10000"]')
      assert((await office.locator('[data-test=as-group-total][data-group=organisation]').getAttribute('data-points')) === '1500', 'the group’s subtotal')
      await accessible(office, 'console assessment scheme editor')
      await office.screenshot({ path: join(shots, 'console-assessment-scheme.png'), fullPage: true })
      scheme = await answered(office, 'PUT', `/assessment/schemes/${scheme.id}`, () => office.click('[data-test=as-ed-save]'))
      const pointsOf = (code) => scheme.indicators.find((i) => i.code === code).points
      assert(scheme.version === 2 && pointsOf('org.leadership') === 600 && pointsOf('org.rules') === 400, `after saving: version ${scheme.version}`)
      await office.waitForSelector('[data-test=scheme-page][data-version="2"]')

      // Started, the scheme is frozen.
      scheme = await confirmed(office, '[data-test=as-start]', '/start')
      assert(scheme.status === 'started' && scheme.started_at, `not started: ${JSON.stringify(scheme)}`)
      await office.waitForSelector('[data-test=scheme-page][data-status=started]')
      await office.waitForSelector('[data-test=as-frozen]')
      assert((await office.locator('[data-test=as-ed-row]').count()) === 0, 'the started scheme is still editable')
      assert((await office.locator('[data-test=as-fz-row]').count()) === 17, 'the frozen scheme is not shown')

      // --- 2. 口前镇 writes and submits its self-check ------------------------------------------------
      const town = await newPage()
      await signIn(town, 'kouqian.leader')
      const townNav = town.locator('[data-test=nav-unit-assessment]')
      assert((await townNav.textContent()).trim() === '本单位考核', 'no nav entry 本单位考核')
      await townNav.click()
      await town.waitForURL((url) => /^\/console\/units\/[0-9a-f-]{36}\/assessment$/.test(url.pathname))
      const unitId = new URL(town.url()).pathname.split('/')[3]
      await town.waitForSelector('[data-test=unit-assessment-page][data-state=ready][data-status=started]')
      assert((await text(town, '[data-test=as-u-unit]')).includes(KOUQIAN), 'another unit’s assessment')
      await town.waitForSelector('[data-test=as-self-check][data-status=draft][data-editable=true]')
      assert((await text(town, '[data-test=as-sc-due]')) === `截止日期：${due}`, `the deadline shown: ${await text(town, '[data-test=as-sc-due]')}`)
      // The figures the platform measured, explained; the group's scoring is not the town's.
      const apps = town.locator('[data-test=as-ind][data-code="work.applications"]')
      assert((await text(apps, '[data-test=as-ind-explanation]')).includes('期限'), `the applications' figure: ${await text(apps, '[data-test=as-ind-explanation]')}`)
      assert((await town.locator('[data-test=as-ind-score-open], [data-test=as-ind-finding-open]').count()) === 0, 'the town is offered the group’s or the office’s actions')
      assert((await town.locator('[data-test=as-u-hidden]').count()) === 1, 'the town is not told the group’s scores come with publication')

      // Too short: refused before anything is sent.
      let sent = 0
      const count = (r) => {
        if (new URL(r.url()).pathname.includes('/assessment/self-check')) sent++
      }
      town.on('request', count)
      await town.fill('#as-sc-report', SHORT)
      await town.click('[data-test=as-sc-submit]')
      await town.waitForSelector('[data-test=as-sc-form] .el-form-item__error >> text=自查报告至少20个字')
      town.off('request', count)
      assert(sent === 0, 'a short report was sent')

      await town.fill('#as-sc-report', REPORT)
      const scoreRow = (code) => town.locator(`[data-test=as-sc-row][data-code="${code}"]`)
      await points(scoreRow('org.leadership'), '[data-test=as-sc-score] input', '5.5')
      await scoreRow('org.leadership').locator('[data-test=as-sc-note]').fill('分管领导和承办机构已明确。')
      await points(scoreRow('carriers.website'), '[data-test=as-sc-score] input', '5')
      let card = await answered(town, 'PUT', '/assessment/self-check', () => town.click('[data-test=as-sc-save]'))
      assert(card.self_check.report === REPORT && card.self_check.status === 'draft', 'the report was not saved')
      assert(
        JSON.stringify(card.self_check.self_scores) ===
          JSON.stringify([
            { indicator_code: 'org.leadership', score: 550, note: '分管领导和承办机构已明确。' },
            { indicator_code: 'carriers.website', score: 500, note: null },
          ]),
        `the self-scores: ${JSON.stringify(card.self_check.self_scores)}`,
      )
      const evidence = await answered(
        town,
        'POST',
        '/self-check/evidence',
        () => town.setInputFiles('#as-sc-evidence-input', { name: '政务公开工作台账.png', mimeType: 'image/png', buffer: PNG }),
        201,
      )
      assert(evidence.file_name === '政务公开工作台账.png' && evidence.content_type === 'image/png', `the evidence: ${JSON.stringify(evidence)}`)
      await town.waitForSelector(`[data-test=as-sc-file][data-id="${evidence.id}"]`)
      await accessible(town, 'console unit self-check')
      await town.screenshot({ path: join(shots, 'console-assessment-self-check.png'), fullPage: true })
      card = await confirmed(town, '[data-test=as-sc-submit]', '/self-check/submit')
      assert(card.self_check.status === 'submitted' && card.self_check.late === false && card.self_check.submitted_at, `the submission: ${JSON.stringify(card.self_check)}`)
      await town.waitForSelector('[data-test=as-self-check][data-status=submitted][data-editable=false]')
      assert((await text(town, '[data-test=as-sc-report-shown]')) === REPORT, 'the submitted report is not shown')

      // --- The office's daily check: a point off the website column --------------------------------
      await office.goto(`${base}/console/units/${unitId}/assessment?year=${year}`)
      await office.waitForSelector('[data-test=unit-assessment-page][data-state=ready]')
      await office.locator('[data-test=as-ind][data-code="carriers.website"] [data-test=as-ind-finding-open]').click()
      await office.waitForSelector('[data-test=as-fd-form]')
      await office.fill('#as-fd-description', FINDING)
      await points(office, '#as-fd-deduction', '1')
      const finding = await answered(office, 'POST', '/assessment/findings', () => office.click('[data-test=as-fd-submit]'), 201)
      assert(finding.indicator_code === 'carriers.website' && finding.deduction === 100 && !finding.notice_id, `the finding: ${JSON.stringify(finding)}`)
      await office.locator('[data-test=as-fd-form]').waitFor({ state: 'hidden' })
      await office.waitForSelector('[data-test=as-u-findings][data-count="1"]')
      await office.waitForSelector('[data-test=as-ind][data-code="carriers.website"] [data-test=as-ind-findings]')

      // --- 3. The group scores and proposes ---------------------------------------------------------
      const group = await newPage()
      await signIn(group, 'gongkai_kaohe.leader')
      await group.click('[data-test=nav-assessment]')
      await group.waitForSelector('[data-test=schemes-page][data-state=ready]')
      assert((await group.locator('[data-test=as-new]').count()) === 0, 'the group may write schemes')
      await group.click(`[data-test=as-scheme-link][data-id="${scheme.id}"]`)
      await group.waitForSelector('[data-test=scheme-page][data-state=ready][data-status=started]')
      assert((await group.locator('[data-test=as-start], [data-test=as-publish]').count()) === 0, 'the group may start or publish')
      await group.click('#tab-sheet')
      await group.waitForSelector('[data-test=as-sheet-tab][data-state=ready]')
      const sheetRow = group.locator(`[data-test=as-sh-row][data-unit="${unitId}"]`)
      const selfCheck = sheetRow.locator('[data-key=self_check]')
      assert((await selfCheck.getAttribute('data-status')) === 'submitted' && (await selfCheck.getAttribute('data-late')) === 'false', '口前镇’s self-check on the sheet')
      const waiting = await sheetRow.locator('[data-test=as-sh-awaiting]').evaluateAll((els) => els.map((e) => e.dataset.code))
      assert(JSON.stringify(waiting) === JSON.stringify(MANUAL), `awaiting the group: ${waiting}`)
      await accessible(group, 'console assessment scoring sheet')
      await group.screenshot({ path: join(shots, 'console-assessment-sheet.png'), fullPage: true })
      await sheetRow.locator('[data-test=as-sh-open]').click()
      await group.waitForURL((url) => url.pathname === `/console/units/${unitId}/assessment` && url.searchParams.get('year') === String(year))
      await group.waitForSelector('[data-test=unit-assessment-page][data-state=ready]')
      await group.waitForSelector('[data-test=as-pr-waiting][data-count="5"]')
      assert(await group.locator('[data-test=as-propose]').isDisabled(), 'the proposal is offered while indicators await the group')

      for (const [code, score, method, note] of SCORES) {
        const ind = group.locator(`[data-test=as-ind][data-code="${code}"]`)
        await ind.locator('[data-test=as-ind-score-open]').click()
        await group.waitForSelector('[data-test=as-score-form]')
        await points(group, '#as-score-value', score)
        await group.click(`[data-test=as-method-${method}]`)
        await group.fill('#as-score-note', note)
        if (code === 'org.leadership') await accessible(group, 'console assessment score form')
        card = await answered(group, 'PUT', '/assessment/scores', () => group.click('[data-test=as-score-submit]'))
        const scored = card.indicators.find((i) => i.code === code)
        assert(scored.state === 'scored' && scored.group_score.score === Math.round(Number(score) * 100) && scored.group_score.method === method, `${code}: ${JSON.stringify(scored)}`)
        await group.locator('[data-test=as-score-form]').waitFor({ state: 'detached' })
        await group.waitForSelector(`[data-test=as-ind][data-code="${code}"][data-state=scored]`)
      }
      // The finding comes off the group's score of the website column: 5 − 1.
      assert(card.indicators.find((i) => i.code === 'carriers.website').score === 400, 'the finding does not come off the website column')
      assert((await text(group, '[data-test=as-ind][data-code="carriers.website"] [data-test=as-ind-score]')) === '得分 4', 'the website column’s score shown')
      await group.waitForSelector('[data-test=as-pr-form]')
      assert((await group.locator('[data-test=as-pr-waiting]').count()) === 0, 'indicators still await the group')
      const live = card.live_grade
      await group.fill('#as-pr-note', PROPOSAL)
      card = await answered(group, 'POST', '/assessment/proposal', () => group.click('[data-test=as-propose]'))
      assert(card.result.proposed_grade === live && card.result.total === card.total && card.result.proposal_note === PROPOSAL, `the proposal: ${JSON.stringify(card.result)}`)
      await group.waitForSelector(`[data-test=as-result][data-proposed=${live}]`)
      await accessible(group, 'console unit assessment with the proposal')
      await group.screenshot({ path: join(shots, 'console-assessment-unit.png'), fullPage: true })

      // --- 4. The office confirms; the ranking follows ---------------------------------------------
      await office.reload()
      await office.waitForSelector('[data-test=unit-assessment-page][data-state=ready]')
      await office.waitForSelector('[data-test=as-cf-form]')
      assert(await office.locator(`[data-test=as-cf-grade-${live}] input`).isChecked(), 'the confirmation does not start from the proposal')
      card = await answered(office, 'POST', '/assessment/confirmation', () => office.click('[data-test=as-confirm]'))
      assert(card.result.confirmed_grade === live, `the confirmation: ${JSON.stringify(card.result)}`)
      await office.waitForSelector(`[data-test=as-result][data-confirmed=${live}]`)
      assert((await office.locator('[data-test=as-cf-form], [data-test=as-ind-score-open]').count()) === 0, 'a confirmed grade may still be changed')
      await accessible(office, 'console unit assessment confirmed')

      await office.goto(`${base}/console/assessment/${scheme.id}?tab=ranking`)
      await office.waitForSelector('[data-test=as-ranking-tab][data-state=ready]')
      const ranked = office.locator(`[data-test=as-rk-row][data-unit="${unitId}"]`)
      assert((await ranked.getAttribute('data-provisional')) === 'false', '口前镇 is still provisional in the ranking')
      assert((await ranked.locator('[data-key=grade]').getAttribute('data-grade')) === live, 'the ranking’s grade')
      assert((await office.locator('[data-test=as-group-chart]').count()) === 4, 'not a chart per group of indicators')
      const bar = office.locator(`[data-test=as-group-chart][data-group=carriers] [data-test=as-unit-bar][data-unit="${unitId}"]`)
      // 口前镇's channels: (5 − 1) + 3 of 10 points.
      assert((await bar.getAttribute('data-percent')) === '7000', `口前镇's channels bar: ${await bar.getAttribute('data-percent')}`)
      await office.waitForSelector(`[data-test=as-trend-row][data-year="${year}"]`)
      await office.waitForSelector(`[data-test=as-trend-dot][data-year="${year}"]`)
      await accessible(office, 'console assessment ranking')
      await office.screenshot({ path: join(shots, 'console-assessment-ranking.png'), fullPage: true })

      // Every other unit is still unconfirmed: nothing is published.
      const refused = await confirmed(office, '[data-test=as-publish]', '/publish', 422)
      assert(refused.code === 'assessment_unconfirmed', `the publication: ${JSON.stringify(refused)}`)
      await office.waitForSelector('[data-test=as-publish-error]')
      await office.waitForSelector('[data-test=scheme-page][data-status=started]')
    },
  }
}
