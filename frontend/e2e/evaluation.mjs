// The social evaluation (社会评议, EV 1–9) in the browser:
// 1. The leading group creates this year's campaign in the console for 口前镇 and 双河镇 with a daily
//    limit of 22 responses per network address and unit, adds a hot issue, opens it, and rewords a
//    question, which makes version 2 of the questionnaire.
// 2. Twenty people answer for 口前镇 on a phone (12 满意, 6 基本满意, 2 不满意 on every question), each
//    with their own mobile number and browser. Stuffing is kept but not counted, and the page says so:
//    the 20th person's browser again with another number (same device), the 1st person's number from
//    a new browser (same contact), and one more from the same address, the 23rd today (address limit).
// 3. The group enters a paper sheet for 双河镇 (满意 throughout), and the same sheet again (not counted).
// 4. The group invites two representatives; each opens the link in their email: a deputy rates both
//    towns 满意, a journalist rates 口前镇 基本满意.
// 5. The campaign closes. By the rule (100 / 60 / 0 points, public and representatives 50/50, 满意 from
//    85.00, 基本满意 from 60.00): 口前镇's public (12×100 + 6×60 + 2×0) / 20 = 78.00, representatives
//    (100 + 60) / 2 = 80.00, overall 79.00 on every dimension: 基本满意; 双河镇 100.00 throughout: 满意.
// 6. An opinion becomes a rectification task of 5 working days; unreported, the reminder job the
//    morning after its last day raises an AC 6(10) lead, which the openness office finds on its leads
//    page; the town reports it, the group accepts it, and the portal's rectification notice lists it.
//    A second task is returned as done badly: a new period and a lead at once.
import { join } from 'node:path'
import { PHONE, addDays, answered, beijingToday, choose, chooseAlso, dueBy, fitsPhone, mailTo, text } from './steps.mjs'

const KOUQIAN = '永吉县口前镇人民政府'
const SHUANGHE = '永吉县双河镇人民政府'
const LIMIT = 22
const HOT_ISSUE = '您对该单位公开农村低保资金发放情况是否满意？'
const REWORDED = '该单位主动公开的政府信息是否全面、真实、准确、及时？'
const OPINION = '希望口前镇按月公开农村低保资金发放明细，方便群众监督。'
const OTHER_OPINION = '建议口前镇在政务服务中心设置政府信息查阅点，方便老年人查阅。'
const DEPUTY_OPINION = '建议口前镇政府网站开设政务公开专栏，集中发布惠民政策。'
const REQUIREMENT = '按月在门户网站公开农村低保资金发放明细（隐去身份证号码等个人信息）。'
const REPORT = '已于本月起在门户网站“法定主动公开内容”按月公开农村低保资金发放明细，个人信息已遮蔽。'
const RETURN_NOTE = '专栏尚未开设，惠民政策仍分散发布。'
const NOT_AGAIN = '您已对该单位进行过评议，本次评议已记录但不重复计入结果。'
const OVER_LIMIT = '同一网络地址今日对该单位的评议已达上限，本次评议已记录但不计入结果。'
const SHEET_AGAIN = '该批次的这份问卷已录入过，本次录入已记录但不重复计入结果。'
const RULE =
  '每项评价满意计100分、基本满意计60分、不满意计0分；公众评议（含纸质问卷）和代表评议各取全部评价的平均分，按公众50%、代表50%加权得出综合得分（只有一方评议的，以该方得分为准）；综合得分85.00分及以上为满意，60.00分及以上、不满85.00分为基本满意，不满60.00分为不满意。得分四舍五入保留两位小数。'
const DEPUTY = { name: '王建国', category: '人大代表', email: 'wang.jianguo@deputies.example.org' }
const JOURNALIST = { name: '李晓梅', category: '新闻媒体', email: 'li.xiaomei@news.example.org' }
const DEVICE_KEY = 'gongkai.evaluation.device'
const DIMENSIONS = ['content', 'form', 'procedure', 'rules', 'effect', 'hot_issue']

/** The 20 people: 12 satisfied, 6 basically, 2 dissatisfied; each their own mobile number. */
const PEOPLE = Array.from({ length: 20 }, (_, i) => ({
  contact: `1390431${String(i + 1).padStart(4, '0')}`,
  rating: i < 12 ? 'satisfied' : i < 18 ? 'basically_satisfied' : 'dissatisfied',
  opinion: i === 0 ? OPINION : i === 6 ? OTHER_OPINION : '',
}))

export function evaluationScenarios({ base, data, shots, newPage, signIn, accessible, assert, runJob }) {
  /** Rates every question of the questionnaire in `scope` the same. */
  async function rateAll(page, scope, rating) {
    const radios = page.locator(`${scope} [data-test=ev-question] input[value=${rating}]`)
    const n = await radios.count()
    for (let i = 0; i < n; i++) await radios.nth(i).check()
    return n
  }

  /** Opens a tab of the campaign page; the tab loads its data when shown. */
  async function tab(page, name, ready) {
    await page.click(`#tab-${name}`)
    if (ready) await page.waitForSelector(`${ready}[data-state=ready]`)
  }

  /** Confirms the message box a button opens, and returns the API's answer to what it sends. */
  async function confirmed(page, button, pathEnd) {
    await page.click(button)
    const ok = page.locator('.el-message-box .el-button--primary')
    await ok.waitFor()
    return answered(page, 'POST', pathEnd, () => ok.click())
  }

  return {
    async 'the leading group runs the social evaluation: twenty on a phone and two invited representatives answer, stuffing is kept but not counted, the towns are rated by the rule, and an opinion’s late rectification raises an AC 6(10) lead'() {
      const today = beijingToday()
      const year = today.slice(0, 4)

      // --- 1. The leading group sets up this year's campaign ---------------------------------------
      const group = await newPage()
      await signIn(group, 'gongkai_lingdao.handler')
      const nav = group.locator('[data-test=nav-evaluation]')
      assert((await nav.textContent()).trim() === '社会评议', 'no nav entry 社会评议')
      await nav.click()
      await group.waitForSelector('[data-test=campaigns-page][data-state=ready]')
      await group.click('[data-test=ev-new]')
      await group.waitForSelector('[data-test=ev-create-form]')
      assert((await group.inputValue('#ev-year')) === year, `the year defaults to ${await group.inputValue('#ev-year')}`)
      assert((await group.inputValue('#ev-title')) === `${year}年度政务公开社会评议`, 'the default title')
      assert((await group.inputValue('#ev-opens')) === today, 'the campaign does not open today by default')
      await group.click('[data-test=ev-units-chosen]')
      await chooseAlso(group, '[data-test=ev-units]', KOUQIAN)
      await chooseAlso(group, '[data-test=ev-units]', SHUANGHE)
      await group.click('#ev-title')
      await group.fill('#ev-limit', String(LIMIT))
      await group.press('#ev-limit', 'Tab')
      assert((await text(group, '[data-test=ev-rule-preview]')) === RULE, `the rule: ${await text(group, '[data-test=ev-rule-preview]')}`)
      await accessible(group, 'console new evaluation campaign')
      await group.screenshot({ path: join(shots, 'console-evaluation-new.png'), fullPage: true })
      let campaign = await answered(group, 'POST', '/evaluation/campaigns', () => group.click('[data-test=ev-create-submit]'), 201)
      assert(campaign.status === 'draft' && campaign.year === Number(year) && campaign.address_daily_limit === LIMIT, `the campaign: ${JSON.stringify(campaign)}`)
      assert(JSON.stringify(campaign.questions.map((q) => q.dimension)) === JSON.stringify(DIMENSIONS.slice(0, 5)), 'not the five standard questions')
      const unitId = Object.fromEntries(campaign.units.map((u) => [u.unit_name, u.unit_id]))
      assert(unitId[KOUQIAN] && unitId[SHUANGHE] && campaign.units.length === 2, `the units: ${JSON.stringify(campaign.units)}`)
      await group.waitForURL((url) => url.pathname === `/console/evaluation/${campaign.id}`)
      await group.waitForSelector('[data-test=campaign-page][data-state=ready][data-status=draft]')
      assert((await text(group, '[data-test=ev-limit-shown]')) === `每日每单位 ${LIMIT} 份`, 'the limit is not shown')

      // A hot issue before opening, in place (version 1).
      await group.fill('#ev-q-add-text', HOT_ISSUE)
      campaign = await answered(group, 'POST', '/questions', () => group.click('[data-test=ev-q-add-submit]'))
      assert(campaign.questions.length === 6 && campaign.questionnaire_version === 1, `after the hot issue: ${campaign.questions.length} questions, version ${campaign.questionnaire_version}`)
      await group.waitForSelector('[data-test=ev-q][data-dimension=hot_issue]')

      // Opened, a rewording makes version 2.
      campaign = await confirmed(group, '[data-test=ev-open]', '/open')
      assert(campaign.status === 'open', `not opened: ${campaign.status}`)
      await group.waitForSelector('[data-test=campaign-page][data-status=open]')
      const content = group.locator('[data-test=ev-q][data-dimension=content]')
      await content.locator('[data-test=ev-q-reword]').click()
      await content.locator('[data-test=ev-q-text]').fill(REWORDED)
      campaign = await answered(group, 'PUT', campaign.questions.find((q) => q.dimension === 'content').id, () => content.locator('[data-test=ev-q-save]').click())
      assert(campaign.questionnaire_version === 2, `the version after rewording: ${campaign.questionnaire_version}`)
      await group.waitForSelector('[data-test=ev-version][data-version="2"]')
      await group.waitForSelector('[data-test=ev-q][data-dimension=content][data-from="2"]')
      assert((await text(group, '[data-test=ev-q][data-dimension=content] [data-test=ev-q-text-shown]')) === REWORDED, 'the new wording is not shown')
      assert((await text(group, '[data-test=ev-version]')) === '第 2 版', 'the version is not shown')
      await accessible(group, 'console evaluation questionnaire')
      await group.screenshot({ path: join(shots, 'console-evaluation-questionnaire.png'), fullPage: true })

      // --- 2. Twenty people answer for 口前镇 on a phone ------------------------------------------
      const citizen = await newPage(PHONE)
      await citizen.goto(`${base}/`)
      await citizen.waitForSelector('[data-test=home-evaluation][data-open="1"]')
      await citizen.click('[data-test=home-evaluate-link]')
      await citizen.waitForSelector('[data-test=evaluate-page][data-state=ready]')
      assert((await text(citizen, '[data-test=ev-campaign-title]')) === campaign.title, 'the portal shows another campaign')
      // Nothing rated: refused at each question, nothing sent.
      let sent = 0
      const count = (r) => {
        if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/responses')) sent++
      }
      citizen.on('request', count)
      await citizen.click('[data-test=ev-submit]')
      await citizen.locator('[data-test=ev-question-error]').nth(5).waitFor()
      citizen.off('request', count)
      assert(sent === 0, 'an unrated questionnaire was sent')
      await choose(citizen, '[data-test=ev-unit]', KOUQIAN, '口前')

      const tokens = []
      for (const [i, person] of PEOPLE.entries()) {
        if (i > 0) {
          // The next person, on another phone: a browser without a device token, from the town's link.
          await citizen.evaluate((key) => window.localStorage.removeItem(key), DEVICE_KEY)
          await citizen.goto(`${base}/evaluate?unit=${unitId[KOUQIAN]}`)
          await citizen.waitForSelector('[data-test=evaluate-page][data-state=ready]')
        }
        assert((await rateAll(citizen, '[data-test=ev-form]', person.rating)) === 6, 'not six questions')
        await citizen.fill('#ev-contact', person.contact)
        if (person.opinion) await citizen.fill('#ev-opinion', person.opinion)
        if (i === 0) {
          await fitsPhone(citizen, 'the questionnaire')
          await accessible(citizen, 'portal questionnaire on a phone')
          await citizen.screenshot({ path: join(shots, 'portal-evaluate-phone.png'), fullPage: true })
        }
        const receipt = await answered(citizen, 'POST', '/responses', () => citizen.click('[data-test=ev-submit]'), 201)
        assert(receipt.counted === true, `person ${i + 1} was not counted: ${JSON.stringify(receipt)}`)
        await citizen.waitForSelector('[data-test=ev-receipt][data-counted=true]')
        tokens.push(await citizen.evaluate((key) => window.localStorage.getItem(key), DEVICE_KEY))
      }
      assert(new Set(tokens).size === 20 && tokens.every((t) => /^[0-9a-f]{32}$/.test(t)), `the device tokens: ${tokens}`)
      assert((await text(citizen, '[data-test=ev-receipt-message]')) === '感谢您的评议，您的意见已计入评议结果。', 'the counted receipt')

      /** One more response for 口前镇, from this browser as it stands; returns the receipt shown. */
      async function stuff(contact, reason) {
        await citizen.goto(`${base}/evaluate?unit=${unitId[KOUQIAN]}`)
        await citizen.waitForSelector('[data-test=evaluate-page][data-state=ready]')
        await rateAll(citizen, '[data-test=ev-form]', 'satisfied')
        await citizen.fill('#ev-contact', contact)
        const receipt = await answered(citizen, 'POST', '/responses', () => citizen.click('[data-test=ev-submit]'), 201)
        assert(receipt.counted === false && receipt.discarded === reason, `expected ${reason}: ${JSON.stringify(receipt)}`)
        await citizen.waitForSelector(`[data-test=ev-receipt][data-counted=false][data-discarded=${reason}]`)
        assert((await citizen.locator('[data-test=ev-error]').count()) === 0, 'a receipt not counted is shown as an error')
        return text(citizen, '[data-test=ev-receipt-message]')
      }
      // The 20th person's phone again, with another number.
      assert((await stuff('13904310021', 'same_device')) === NOT_AGAIN, 'the same device’s message')
      await accessible(citizen, 'portal receipt not counted')
      await citizen.screenshot({ path: join(shots, 'portal-evaluate-not-counted.png'), fullPage: true })
      // The 1st person's number from a new phone.
      await citizen.evaluate((key) => window.localStorage.removeItem(key), DEVICE_KEY)
      assert((await stuff(PEOPLE[0].contact, 'same_contact')) === NOT_AGAIN, 'the same contact’s message')
      // A new person and phone, but the 23rd response from this address today.
      await citizen.evaluate((key) => window.localStorage.removeItem(key), DEVICE_KEY)
      assert((await stuff('13904310022', 'address_limit')) === OVER_LIMIT, 'the address limit’s message')

      // --- 3. A paper sheet for 双河镇, entered twice ---------------------------------------------
      await tab(group, 'paper')
      await group.waitForSelector('[data-test=ev-paper-form]')
      await choose(group, '[data-test=ev-paper-unit]', SHUANGHE, '双河')
      await group.fill('#ev-paper-place', '双河镇政务服务中心')
      assert((await group.inputValue('#ev-paper-date')) === today, 'the batch is not dated today')
      await group.fill('#ev-paper-sheet', '001')
      await rateAll(group, '[data-test=ev-paper-form]', 'satisfied')
      await accessible(group, 'console paper questionnaire entry')
      let paper = await answered(group, 'POST', '/paper-responses', () => group.click('[data-test=ev-paper-submit]'), 201)
      assert(paper.counted === true, `the paper sheet: ${JSON.stringify(paper)}`)
      await group.waitForSelector('[data-test=ev-paper-receipt][data-counted=true]')
      assert((await group.inputValue('#ev-paper-sheet')) === '002', 'the next sheet is not suggested')
      await group.fill('#ev-paper-sheet', '001')
      await rateAll(group, '[data-test=ev-paper-form]', 'satisfied')
      paper = await answered(group, 'POST', '/paper-responses', () => group.click('[data-test=ev-paper-submit]'), 201)
      assert(paper.counted === false && paper.discarded === 'same_sheet', `the sheet again: ${JSON.stringify(paper)}`)
      await group.waitForSelector('[data-test=ev-paper-receipt][data-counted=false]')
      assert((await text(group, '[data-test=ev-paper-message]')) === SHEET_AGAIN, 'the sheet again’s message')
      await group.screenshot({ path: join(shots, 'console-evaluation-paper.png'), fullPage: true })

      // --- 4. Two representatives are invited and answer through their emails' links ---------------
      await tab(group, 'invitations', '[data-test=ev-invitations-tab]')
      for (const [who, units] of [
        [DEPUTY, [KOUQIAN, SHUANGHE]],
        [JOURNALIST, [KOUQIAN]],
      ]) {
        await group.fill('#ev-inv-name', who.name)
        await choose(group, '[data-test=ev-inv-category]', who.category)
        await group.fill('#ev-inv-email', who.email)
        for (const u of units) await chooseAlso(group, '[data-test=ev-inv-units]', u)
        await group.click('#ev-inv-name')
        const invitation = await answered(group, 'POST', '/invitations', () => group.click('[data-test=ev-inv-submit]'), 201)
        assert(invitation.units.length === units.length && invitation.answered.length === 0, `the invitation: ${JSON.stringify(invitation)}`)
        await group.waitForSelector(`[data-test=ev-inv-row][data-email="${who.email}"]`)
      }
      await accessible(group, 'console evaluation invitations')

      /** The representative opens the link in their email and answers for `answers` ({ unit: rating }). */
      async function represent(who, answers, opinion) {
        const mail = await mailTo(data, who.email, '/evaluate/invited#')
        const link = mail.match(new RegExp(`${base.replace(/[.]/g, '\\.')}/evaluate/invited#([a-z0-9]{32})`))
        assert(link, `no invitation link in the email to ${who.email}`)
        const token = link[1]
        const page = await newPage(PHONE)
        const paths = []
        page.on('request', (r) => paths.push(new URL(r.url()).pathname + new URL(r.url()).search))
        await page.goto(link[0])
        await page.waitForSelector('[data-test=invited-page][data-state=ready]')
        assert((await text(page, '[data-test=inv-greeting]')) === `${who.name}（${who.category}），您好：`, `the greeting: ${await text(page, '[data-test=inv-greeting]')}`)
        for (const [unit, rating] of Object.entries(answers)) {
          const row = page.locator(`[data-test=inv-unit][data-unit="${unitId[unit]}"]`)
          assert((await row.getAttribute('data-answered')) === 'false', `${unit} is marked answered before`)
          await row.locator('[data-test=inv-start]').click()
          await page.waitForSelector(`[data-test=inv-form][data-unit="${unitId[unit]}"]`)
          await rateAll(page, '[data-test=inv-form]', rating)
          if (opinion && unit === KOUQIAN) await page.fill('#inv-opinion', opinion)
          const receipt = await answered(page, 'POST', '/invitation/responses', () => page.click('[data-test=inv-submit]'), 201)
          assert(receipt.counted === true, `${who.name} for ${unit}: ${JSON.stringify(receipt)}`)
          await page.waitForSelector(`[data-test=inv-unit][data-unit="${unitId[unit]}"][data-answered=true] [data-test=inv-answered]`)
        }
        await page.waitForSelector('[data-test=inv-all-done]')
        assert(!paths.some((p) => p.includes(token)), `the token went into an address: ${paths.filter((p) => p.includes(token))}`)
        await fitsPhone(page, 'the invited questionnaire')
        return page
      }
      const deputy = await represent(DEPUTY, { [KOUQIAN]: 'satisfied', [SHUANGHE]: 'satisfied' }, DEPUTY_OPINION)
      await accessible(deputy, 'portal invited representative')
      await deputy.screenshot({ path: join(shots, 'portal-evaluate-invited.png'), fullPage: true })
      await represent(JOURNALIST, { [KOUQIAN]: 'basically_satisfied' })
      await tab(group, 'paper')
      await tab(group, 'invitations', '[data-test=ev-invitations-tab]')
      await group.waitForSelector(`[data-test=ev-inv-unit][data-answered=true] >> nth=2`)
      assert((await group.locator('[data-test=ev-inv-unit][data-answered=true]').count()) === 3, 'the invitations do not show the units answered')

      // --- 5. Closed: the results by the rule --------------------------------------------------
      campaign = await confirmed(group, '[data-test=ev-close]', '/close')
      assert(campaign.status === 'closed' && campaign.responses_counted === 24 && campaign.responses_discarded === 4, `closed: ${JSON.stringify(campaign)}`)
      await group.waitForSelector('[data-test=campaign-page][data-status=closed]')
      await citizen.goto(`${base}/evaluate`)
      await citizen.waitForSelector('[data-test=ev-none]')

      // First shown now, closed: the results are read from the server after the close.
      await tab(group, 'results', '[data-test=ev-results-tab]')
      await group.waitForSelector('[data-test=ev-r-final][data-final=true]')
      assert((await text(group, '[data-test=ev-rule]')) === RULE, 'the rule in words')
      const row = (unit) => group.locator(`[data-test=ev-result][data-unit="${unitId[unit]}"]`)
      const cell = (unit, key) => text(row(unit), `[data-key=${key}]`)
      const k = row(KOUQIAN)
      assert((await text(k, '[data-test=ev-r-public]')) === '20', `口前镇's public: ${await text(k, '[data-test=ev-r-public]')}`)
      assert((await k.locator('[data-test=ev-r-paper]').count()) === 0, '口前镇 has paper sheets')
      assert((await text(k, '[data-test=ev-r-representatives]')) === '2', '口前镇’s representatives')
      assert(JSON.stringify(await k.locator('[data-test=ev-r-category]').allTextContents()) === '["人大代表 1","新闻媒体 1"]', 'the representatives by category')
      assert((await text(k, '[data-test=ev-r-discarded]')) === '3', '口前镇’s discards')
      assert(
        JSON.stringify((await k.locator('[data-test=ev-r-discard]').allTextContents()).map((s) => s.trim())) ===
          '["同一联系方式重复评议 1","同一设备重复评议 1","同一网络地址超过每日上限 1"]',
        `口前镇's discards by reason: ${await k.locator('[data-test=ev-r-discard]').allTextContents()}`,
      )
      for (const d of DIMENSIONS) assert((await cell(KOUQIAN, `dim-${d}`)) === '79.00', `口前镇 ${d}: ${await cell(KOUQIAN, `dim-${d}`)}`)
      assert((await cell(KOUQIAN, 'public_score')) === '78.00', `口前镇's public score: ${await cell(KOUQIAN, 'public_score')}`)
      assert((await cell(KOUQIAN, 'representative_score')) === '80.00', '口前镇’s representatives’ score')
      assert((await cell(KOUQIAN, 'score')) === '79.00', '口前镇’s score')
      assert((await cell(KOUQIAN, 'rating')) === '基本满意', `口前镇's rating: ${await cell(KOUQIAN, 'rating')}`)
      const s = row(SHUANGHE)
      assert((await text(s, '[data-test=ev-r-public]')) === '1' && (await text(s, '[data-test=ev-r-paper]')) === '其中纸质 1', '双河镇’s public and paper')
      assert((await text(s, '[data-test=ev-r-representatives]')) === '1', '双河镇’s representatives')
      assert(JSON.stringify((await s.locator('[data-test=ev-r-discard]').allTextContents()).map((x) => x.trim())) === '["纸质问卷重复录入 1"]', '双河镇’s discards')
      for (const d of DIMENSIONS) assert((await cell(SHUANGHE, `dim-${d}`)) === '100.00', `双河镇 ${d}`)
      for (const key of ['public_score', 'representative_score', 'score']) assert((await cell(SHUANGHE, key)) === '100.00', `双河镇 ${key}`)
      assert((await cell(SHUANGHE, 'rating')) === '满意', `双河镇's rating: ${await cell(SHUANGHE, 'rating')}`)
      // The chart: each bar out of 100, its figures in text too.
      const chart = group.locator(`[data-test=ev-chart][data-unit="${unitId[KOUQIAN]}"]`)
      assert((await chart.locator('[data-test=ev-bar][data-dimension=hot_issue] [data-test=ev-bar-fill]').getAttribute('width')) === '79', 'the hot issue’s bar')
      assert(
        (await chart.locator('[data-test=ev-chart-summary]').textContent()).trim() ===
          `${KOUQIAN}：公开内容 79.00 分，公开形式 79.00 分，公开程序和时限 79.00 分，公开制度 79.00 分，公开效果 79.00 分，热点问题 79.00 分；综合得分 79.00 分，评议结果为基本满意。`,
        `the chart's text: ${await chart.locator('[data-test=ev-chart-summary]').textContent()}`,
      )
      await accessible(group, 'console evaluation results')
      await group.screenshot({ path: join(shots, 'console-evaluation-results.png'), fullPage: true })

      // --- 6. An opinion becomes a rectification task -------------------------------------------
      await tab(group, 'opinions', '[data-test=ev-opinions-tab]')
      const opinions = await group.locator('[data-test=ev-op]').allTextContents()
      assert(JSON.stringify(opinions.map((o) => o.trim()).sort()) === JSON.stringify([OPINION, OTHER_OPINION, DEPUTY_OPINION].sort()), `the opinions: ${opinions}`)
      const opinionRow = (words) => group.locator('[data-test=ev-op-table] .el-table__row', { has: group.locator('[data-test=ev-op]', { hasText: words }) })
      await opinionRow(OPINION).locator('[data-test=ev-op-task]').click()
      await group.waitForSelector('[data-test=ev-task-form]')
      assert((await text(group, '[data-test=ev-task-opinion]')) === OPINION, 'the dialog shows another opinion')
      await group.fill('#ev-task-requirement', REQUIREMENT)
      await group.fill('#ev-task-days', '5')
      await group.press('#ev-task-days', 'Tab')
      await accessible(group, 'console rectification task form')
      const task = await answered(group, 'POST', '/rectifications', () => group.click('[data-test=ev-task-submit]'), 201)
      const dueOn = await dueBy(base, today, { working_days: 5 })
      assert(task.status === 'open' && task.due_on === dueOn && task.unit_id === unitId[KOUQIAN] && task.opinion === OPINION, `the task: ${JSON.stringify(task)}, due ${dueOn}`)
      await group.locator('[data-test=ev-task-form]').waitFor({ state: 'hidden' })
      await opinionRow(OPINION).locator('[data-test=ev-op-tasked]').waitFor()
      await tab(group, 'tasks', '[data-test=ev-tasks-tab]')
      const taskRow = (id) => group.locator('[data-test=ev-tasks-table] .el-table__row', { has: group.locator(`[data-test=ev-task][data-id="${id}"]`) })
      assert((await text(taskRow(task.id), '[data-test=ev-task-due]')) === dueOn, 'the tasks tab gives another last day')
      assert((await text(taskRow(task.id), '[data-test=ev-task-status]')) === '整改中', 'the task is not open')

      // The town sees it on its 评议整改 page.
      const town = await newPage()
      await signIn(town, 'kouqian.handler')
      const townNav = town.locator('[data-test=nav-rectifications]')
      assert((await townNav.textContent()).trim() === '评议整改', 'no nav entry 评议整改')
      await townNav.click()
      await town.waitForURL((url) => url.pathname === `/console/units/${unitId[KOUQIAN]}/rectifications`)
      await town.waitForSelector('[data-test=unit-tasks-page][data-state=ready]')
      const mine = town.locator(`[data-test=ut-task][data-id="${task.id}"]`)
      assert((await text(mine, '[data-test=ut-due]')) === dueOn && (await text(mine, '[data-test=ut-requirement]')) === REQUIREMENT, 'the town sees another task')
      await accessible(town, 'console unit rectification tasks')

      // --- Unreported, the morning after its last day the reminder job raises an AC 6(10) lead ----
      // The job runs once a minute; the inspection scenario's mask, due the same day, has it run at
      // 09:00 that morning (before this task existed), so this run is half an hour later.
      const ran = await runJob('clock_reminders', `${addDays(dueOn, 1)}T09:30:00+08:00`)
      assert(ran.includes('clock_reminders ran'), `the reminder job: ${ran}`)
      const office = await newPage()
      await signIn(office, 'zhengfuban.handler')
      await office.goto(`${base}/console/cases`)
      const lead = office.locator('[data-test=leads] .el-table__row', {
        has: office.locator(`[data-test=lead-subject][data-subject-type=rectification_task][data-subject-id="${task.id}"]`),
      })
      await lead.waitFor()
      assert((await text(lead, '[data-test=lead-subject]')) === `评议意见整改 · ${KOUQIAN}`, `the lead's subject: ${await text(lead, '[data-test=lead-subject]')}`)
      assert((await lead.locator('[data-test=lead-item]').getAttribute('data-item')) === '6.10', 'the lead is not raised under AC 6(10)')
      assert((await text(lead, '[data-test=lead-item]')) === '第六条第（十）项', `the lead's item: ${await text(lead, '[data-test=lead-item]')}`)
      const facts = await text(lead, 'td:nth-child(3)')
      assert(facts.includes('评议意见整改期限') && facts.includes(dueOn), `the lead's facts: ${facts}`)
      await accessible(office, 'console leads with a late rectification')
      await office.screenshot({ path: join(shots, 'console-leads-rectification.png'), fullPage: true })

      // --- The town reports it; the group accepts it; the portal lists it ------------------------------
      /** The town reports a task on its page. */
      async function report(id, words, method, note) {
        await town.reload()
        await town.waitForSelector('[data-test=unit-tasks-page][data-state=ready]')
        const card = town.locator(`[data-test=ut-task][data-id="${id}"]`)
        await card.locator('[data-test=ut-report-open]').click()
        await town.waitForSelector('[data-test=ut-report-form]')
        await town.fill('#ut-report-text', words)
        await town.click(`[data-test=ut-method-${method}]`)
        await town.fill('#ut-report-note', note)
        const done = await answered(town, 'POST', '/report', () => town.click('[data-test=ut-report-submit]'))
        assert(done.status === 'reported' && done.feedback_method === method, `the report: ${JSON.stringify(done)}`)
        await card.locator('[data-test=ut-status][data-status=reported]').waitFor()
        return card
      }
      await report(task.id, REPORT, 'online_notice', '门户网站“评议整改公示”栏目')
      await accessible(town, 'console unit rectification reported')
      await town.screenshot({ path: join(shots, 'console-unit-rectifications.png'), fullPage: true })

      /** The group reviews a reported task on the tasks tab. */
      async function review(id, accept, note, days) {
        await tab(group, 'opinions', '[data-test=ev-opinions-tab]')
        await tab(group, 'tasks', '[data-test=ev-tasks-tab]')
        await taskRow(id).locator('[data-test=ev-task-review]').click()
        await group.waitForSelector('[data-test=ev-review-form]')
        await group.click(accept ? '[data-test=ev-review-accept]' : '[data-test=ev-review-return]')
        await group.fill('#ev-review-note', note)
        if (days) {
          await group.fill('#ev-review-days', String(days))
          await group.press('#ev-review-days', 'Tab')
        }
        await accessible(group, `console rectification review (${accept ? 'accept' : 'return'})`)
        const reviewed = await answered(group, 'POST', '/review', () => group.click('[data-test=ev-review-submit]'))
        await group.locator('[data-test=ev-review-form]').waitFor({ state: 'hidden' })
        await taskRow(id).locator(`[data-test=ev-task-status][data-status=${reviewed.status}]`).waitFor()
        return reviewed
      }
      const accepted = await review(task.id, true, '已按要求公开，整改到位。')
      assert(accepted.status === 'accepted', `the review: ${JSON.stringify(accepted)}`)

      await citizen.goto(`${base}/`)
      await citizen.click('[data-test=home-notice-link]')
      await citizen.waitForSelector('[data-test=ev-notice-page][data-state=ready]')
      const entry = citizen.locator(`[data-test=evn-entry][data-unit="${unitId[KOUQIAN]}"]`, { has: citizen.locator('[data-test=evn-requirement]', { hasText: REQUIREMENT }) })
      await entry.waitFor()
      assert((await text(entry, '[data-test=evn-report]')) === REPORT, 'the notice’s report')
      assert((await text(entry, '[data-test=evn-feedback]')) === '网上公告', 'the notice’s feedback method')
      assert((await text(entry, '[data-test=evn-reported-on]')) === today, 'the notice’s day')
      assert(!(await text(citizen, '[data-test=evn-list]')).includes(OPINION), 'the notice shows the opinion’s words')
      await citizen.goto(`${base}/evaluate/rectifications?unit_id=${unitId[SHUANGHE]}&year=${year}`)
      await citizen.waitForSelector('[data-test=evn-empty]')
      await fitsPhone(citizen, 'the rectification notice')
      await citizen.goto(`${base}/evaluate/rectifications?unit_id=${unitId[KOUQIAN]}&year=${year}`)
      await entry.waitFor()
      await accessible(citizen, 'portal rectification notice on a phone')
      await citizen.screenshot({ path: join(shots, 'portal-rectification-notice-phone.png'), fullPage: true })

      // --- A second task, done badly: returned with a new period and a lead at once ---------------
      await tab(group, 'opinions', '[data-test=ev-opinions-tab]')
      await opinionRow(DEPUTY_OPINION).locator('[data-test=ev-op-task]').click()
      await group.waitForSelector('[data-test=ev-task-form]')
      await group.fill('#ev-task-requirement', '在镇政府网站开设政务公开专栏，集中发布惠民政策。')
      const second = await answered(group, 'POST', '/rectifications', () => group.click('[data-test=ev-task-submit]'), 201)
      assert(second.due_on === (await dueBy(base, today, { working_days: 10 })), `the second task's default period: ${second.due_on}`)
      await group.locator('[data-test=ev-task-form]').waitFor({ state: 'hidden' })
      await report(second.id, '已在镇政府网站发布惠民政策汇编。', 'letter', `${today} 口政函〔${year}〕12号`)
      const returned = await review(second.id, false, RETURN_NOTE, 5)
      assert(returned.status === 'returned' && returned.due_on === dueOn && returned.review_note === RETURN_NOTE, `the return: ${JSON.stringify(returned)}`)
      assert((await text(taskRow(second.id), '[data-test=ev-task-due]')) === dueOn, 'the returned task’s new last day')
      await town.reload()
      const back = town.locator(`[data-test=ut-task][data-id="${second.id}"]`)
      await back.locator('[data-test=ut-status][data-status=returned]').waitFor()
      assert((await text(back, '[data-test=ut-review-note]')) === RETURN_NOTE && (await back.locator('[data-test=ut-report-open]').count()) === 1, 'the town cannot rectify the returned task again')
      await office.reload()
      const badly = office.locator('[data-test=leads] .el-table__row', {
        has: office.locator(`[data-test=lead-subject][data-subject-type=rectification_task][data-subject-id="${second.id}"]`),
      })
      await badly.waitFor()
      assert((await badly.locator('[data-test=lead-item]').getAttribute('data-item')) === '6.10', 'the return’s lead is not under AC 6(10)')
      assert((await text(badly, 'td:nth-child(3)')).includes(RETURN_NOTE), 'the return’s lead does not say what is wrong')
    },
  }
}
