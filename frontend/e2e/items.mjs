// Proactive disclosure under secrecy review in the browser: the openness office adds a catalogue
// heading with a 10-working-day limit → 一拉溪镇's handler (the demo handler is the unit's designated
// secrecy reviewer) drafts a proactive item under it whose body holds an ID number and a mobile →
// sees both hits in context and masks each with one click → submits → refers it to the secrecy
// bureau → a bureau member reads it (masked) in the referrals inbox and answers "may disclose" →
// the reviewer completes the checklist and passes it → the unit's leader approves and publishes →
// the portal's catalogue lists it under the unit's first index number of the year, its text masked.
// Then the secrecy bureau keeps its sensitive-word list: several words at once, and one removed.
import { join } from 'node:path'
import { addHeading, answered, approveItem, choose, completeChecklist, draftItem, dueBy, passReview, publishItem, submitItem, text } from './steps.mjs'

const UNIT = 'yilaxi'
const UNIT_NAME = '永吉县一拉溪镇人民政府'
const CREDIT_CODE = '11220221616488294P'
const TITLE = '一拉溪镇2026年冬季临时救助资金发放情况'
const ID_NUMBER = '220221199003074529'
const MOBILE = '13812345678'
const BODY = `本镇2026年冬季临时救助资金已发放。\n联系人王某，身份证号${ID_NUMBER}，手机${MOBILE}。\n\n## 发放标准\n每户500元。`
const HEADING = '临时救助公示'

export function itemScenarios({ base, shots, newPage, signIn, accessible, assert }) {
  return {
    async 'a handler drafts, masks and submits an item; the bureau answers its referral; the leader approves and publishes it in the catalogue'() {
      // --- The openness office adds a heading to the county's catalogue ---------------------------
      const office = await newPage()
      await signIn(office, 'zhengfuban.handler')
      const heading = await addHeading(office, { name: HEADING, nameEn: 'Temporary assistance', category: '市政建设、公共服务', publishWithinDays: 10 }, () =>
        accessible(office, 'console catalogue heading form'),
      )
      assert(heading.publish_within_days === 10 && heading.category === 'local_affairs', `the heading: ${JSON.stringify(heading)}`)
      await office.locator('[data-test=headings-table] .el-table__row', { hasText: HEADING }).waitFor()
      await office.screenshot({ path: join(shots, 'console-catalogue-headings.png'), fullPage: true })
      await accessible(office, 'console catalogue headings')

      // --- The handler drafts a proactive item ------------------------------------------------------
      const handler = await newPage()
      await signIn(handler, `${UNIT}.handler`)
      const nav = handler.locator('[data-test=nav-items]')
      assert((await nav.textContent()).trim() === '主动公开', 'no nav entry 主动公开')
      let item = await draftItem(handler, async () => {
        // Nothing is sent without a title, a body and a category.
        await handler.click('[data-test=it-submit]')
        await handler.locator('[data-test=item-form] .el-form-item__error').nth(2).waitFor()
        await handler.fill('#it-title', TITLE)
        await handler.fill('#it-summary', '冬季临时救助资金发放对象和标准')
        await handler.fill('#it-body', BODY)
        await choose(handler, '[data-test=it-category]', '市政建设、公共服务')
        await choose(handler, '[data-test=it-heading]', HEADING)
        await handler.screenshot({ path: join(shots, 'console-item-draft.png'), fullPage: true })
        await accessible(handler, 'console item drafting form')
      })
      // Art. 26 as the heading limits it: 10 working days from the day it was formed.
      assert((await text(handler, '[data-test=item-publish-by]')) === (await dueBy(base, item.formed_on, { working_days: 10 })), `publish by ${await text(handler, '[data-test=item-publish-by]')}`)

      // --- The scan's two findings, each in its context, masked one click each --------------------
      const hits = handler.locator('[data-test=hit]')
      assert((await hits.count()) === 2, `expected 2 hits, saw ${await hits.count()}`)
      assert(JSON.stringify(await hits.evaluateAll((els) => els.map((e) => e.dataset.kind))) === '["id_number","mobile"]', 'the hits are not the ID and the mobile')
      const idHit = handler.locator('[data-test=hit][data-kind=id_number]')
      assert((await idHit.locator('mark').textContent()) === ID_NUMBER, 'the ID number is not highlighted in its context')
      assert((await text(idHit, '[data-test=hit-mask-as]')) === '220***********4529', 'the ID number’s mask')
      await handler.screenshot({ path: join(shots, 'console-item-hits.png'), fullPage: true })
      await accessible(handler, 'console item with scan hits')
      item = await answered(handler, 'POST', '/mask', () => idHit.locator('[data-test=hit-mask]').click())
      assert(item.hits.length === 1 && item.hits[0].kind === 'mobile', `after the first mask: ${JSON.stringify(item.hits)}`)
      await handler.waitForSelector(`[data-test=item-detail][data-revision="${item.revision}"]`)
      item = await answered(handler, 'POST', '/mask', () => handler.locator('[data-test=hit][data-kind=mobile] [data-test=hit-mask]').click())
      await handler.waitForSelector('[data-test=hits-none]')
      const body = await handler.textContent('[data-test=item-body]')
      assert(body.includes('220***********4529') && body.includes('138****5678') && !body.includes(ID_NUMBER) && !body.includes(MOBILE), `the body is not masked: ${body}`)
      assert((await handler.locator('[data-test=item-event][data-kind=masked]').count()) === 2, 'the masks are not in the history')

      // --- Submitted; the reviewer refers it to the secrecy bureau ---------------------------------
      item = await submitItem(handler)
      await handler.waitForSelector('[data-test=panel-review]')
      await handler.fill('#ic-question', '救助对象信息已遮盖，能否公开？')
      item = await answered(handler, 'POST', '/consultations', () => handler.click('[data-test=ic-submit]'))
      await handler.waitForSelector('[data-test=item-detail][data-status=consulting]')
      assert((await handler.locator('[data-test=panel-review]').count()) === 0, 'the review is offered while the referral is open')
      const answerBy = await text(handler, '[data-test=ic-answer-by]')
      assert(answerBy === (await dueBy(base, item.consultations[0].started_on, { working_days: 5 })), `the bureau answers by ${answerBy}`)

      const bureau = await newPage()
      await signIn(bureau, 'baomiju.handler')
      await bureau.click('[data-test=nav-referrals]')
      await bureau.waitForSelector('[data-test=referrals-table]')
      await bureau.click('#tab-items')
      const referral = bureau.locator('[data-test=item-referral][data-status=open]', { hasText: TITLE })
      await referral.waitFor()
      assert((await text(referral, '[data-test=ir-unit]')) === UNIT_NAME, 'the referral does not name the unit')
      assert((await text(referral, '[data-test=ir-answer-by]')) === answerBy, 'the bureau sees another last day')
      const referred = await referral.locator('[data-test=ir-body]').textContent()
      assert(referred.includes('220***********4529') && !referred.includes(ID_NUMBER), `the bureau reads personal data: ${referred}`)
      await referral.locator('[data-test=ir-opinion-may_disclose]').click()
      await referral.locator('[data-test=ir-reasons]').fill('经审查，不涉及国家秘密，可以公开。')
      await bureau.screenshot({ path: join(shots, 'console-item-referral.png'), fullPage: true })
      await accessible(bureau, 'console item referrals')
      await answered(bureau, 'POST', '/answer', () => referral.locator('[data-test=ir-submit]').click())
      await bureau.locator('[data-test=item-referral][data-status=answered]', { hasText: TITLE }).waitFor()

      // --- The reviewer passes it with the checklist complete --------------------------------------
      await handler.reload()
      await handler.waitForSelector('[data-test=item-detail][data-status=in_review]')
      assert((await handler.getAttribute('[data-test=ic-opinion]', 'data-opinion')) === 'may_disclose', 'the bureau’s answer is not shown')
      // An incomplete checklist is refused before anything is sent.
      await handler.click('[data-test=rv-pass]')
      await handler.locator('[data-test=panel-review] .el-form-item__error').first().waitFor()
      await completeChecklist(handler, '救助对象的身份证号码和手机号码已遮盖；保密局答复可以公开。', 'masked')
      await accessible(handler, 'console item review')
      await passReview(handler)
      assert((await handler.locator('[data-test=panel-approval]').count()) === 0, 'the handler is offered the approval')

      // --- The leader approves and publishes --------------------------------------------------------
      const leader = await newPage()
      await signIn(leader, `${UNIT}.leader`)
      await approveItem(leader, base, item)
      await accessible(leader, 'console item approved')
      item = await publishItem(leader)
      const index = await text(leader, '[data-test=item-index]')
      assert(index.startsWith(`${CREDIT_CODE}/`) && index.endsWith('-00001'), `the index number: ${index}`)
      assert(index === item.index_number, 'the page shows another index number')
      await leader.screenshot({ path: join(shots, 'console-item-published.png'), fullPage: true })
      await accessible(leader, 'console item published')

      // --- The portal's catalogue --------------------------------------------------------------------
      const citizen = await newPage()
      await citizen.goto(`${base}/`)
      await citizen.click('[data-test=nav-catalogue]')
      await citizen.waitForSelector('[data-test=catalogue-page][data-state=ready]')
      await citizen.fill('[data-test=cat-q]', '临时救助资金')
      await Promise.all([
        citizen.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/public/catalogue' && new URL(r.url()).searchParams.get('q') === '临时救助资金'),
        citizen.click('[data-test=cat-search]'),
      ])
      const entry = citizen.locator('[data-test=catalogue-entry]', { hasText: TITLE })
      await entry.waitFor()
      assert((await text(entry, '[data-test=cat-index]')) === index, 'the catalogue shows another index number')
      assert((await text(entry, '[data-test=cat-index]')).endsWith('-00001'), 'the index number does not end -00001')
      assert((await text(entry, '[data-test=cat-formed]')) === item.formed_on, 'the date formed')
      assert((await text(entry, '[data-test=cat-published]')) === item.first_published_on, 'the date published')
      await citizen.screenshot({ path: join(shots, 'portal-catalogue.png'), fullPage: true })
      await accessible(citizen, 'portal catalogue')
      await entry.locator('[data-test=cat-open]').click()
      await citizen.waitForSelector('[data-test=catalogue-item][data-state=ready]')
      const shown = await citizen.textContent('[data-test=ci-body]')
      assert(shown.includes('## 发放标准') && shown.includes('138****5678') && !shown.includes(MOBILE), `the public text: ${shown}`)
      assert((await citizen.getAttribute('[data-test=ci-change]', 'data-kind')) === 'published', 'no publication in the history')
      await citizen.screenshot({ path: join(shots, 'portal-catalogue-item.png'), fullPage: true })
      await accessible(citizen, 'portal catalogue item')
    },

    async 'the secrecy bureau adds several sensitive words at once and removes one'() {
      const bureau = await newPage()
      await signIn(bureau, 'baomiju.leader')
      await bureau.click('[data-test=nav-words]')
      await bureau.waitForSelector('[data-test=words-page][data-state=ready]')
      await bureau.click('[data-test=words-submit]')
      await bureau.locator('[data-test=words-form] .el-form-item__error').first().waitFor()
      await bureau.fill('#wd-words', '内部明电\n  测试敏感词甲 \n\n测试敏感词乙\n内部明电')
      await bureau.fill('#wd-note', 'e2e')
      const added = await answered(bureau, 'POST', '/sensitive-words', () => bureau.click('[data-test=words-submit]'))
      assert(added.added === 3, `added ${JSON.stringify(added)}`)
      const table = bureau.locator('[data-test=words-table]')
      await table.locator('.el-table__row', { hasText: '测试敏感词乙' }).waitFor()
      await accessible(bureau, 'console sensitive words')
      await bureau.screenshot({ path: join(shots, 'console-sensitive-words.png'), fullPage: true })
      await table.locator('.el-table__row', { hasText: '测试敏感词甲' }).locator('[data-test=word-remove]').click()
      await Promise.all([
        bureau.waitForResponse((r) => r.request().method() === 'DELETE' && new URL(r.url()).pathname.startsWith('/api/v1/sensitive-words/')),
        bureau.locator('.el-message-box__btns .el-button--primary').click(),
      ])
      await table.locator('.el-table__row', { hasText: '测试敏感词甲' }).waitFor({ state: 'detached' })
      assert((await table.locator('.el-table__row', { hasText: '测试敏感词乙' }).count()) === 1, 'the other word went too')
    },
  }
}
