// Files on items, the secrecy bureau's online inspection, catalogue freshness and complaints in the
// browser, at 岔路河镇 (the demo handler is the unit's designated secrecy reviewer, the leader approves):
// 1. The openness office adds a heading with a 30-day update period → the handler drafts an item
//    under it and attaches a Word file (built here) holding two mobiles and a photo → the scan's
//    hits are listed under the file, with no mask; the photo is flagged for a check by eye, on the
//    review too → reviewed, approved and published with both files → the items list shows when the
//    heading must be published under again → the bureau runs the inspection now and finds both
//    mobiles; it orders one masked within 5 working days, which the unit cannot report done before
//    a correction is out, and the other taken down → the portal shows the item withdrawn, its files
//    gone → the reminder job, run as of the morning after the mask's last day, raises an AC 6(4)
//    lead, which the openness office finds on its leads page → the unit reports the mask done (the
//    item is withdrawn) → the bureau's period report.
// 2. A citizen complains about the town on the portal and keeps the number and secret → the
//    openness office finds the complaint's clock in its work, answers it (partly upheld), and the
//    year's figures count it → the citizen reads the finding and the answer on the tracking page.
import { Buffer } from 'node:buffer'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { addDays, addHeading, answered, approveItem, beijingToday, choose, completeChecklist, draftItem, dueBy, passReview, publishItem, submitItem, text } from './steps.mjs'

const UNIT = 'chaluhe'
const UNIT_NAME = '永吉县岔路河镇人民政府'
const HEADING = '农村低保资金发放公示'
const EVERY_DAYS = 30
const TITLE = '岔路河镇2026年第四季度农村低保资金发放情况'
const MOBILE_MASK = '13912345678'
const MOBILE_TAKE = '13698765432'
const DOCX = '低保名单.docx'
const PNG = '发放现场.png'
const COMPLAINT_SUBJECT = '岔路河镇依申请公开逾期未答复'
const COMPLAINT_DETAILS = '本人于11月申请公开本村低保名单，岔路河镇至今未答复，也未告知延期。'
const ANSWER = '经调查，岔路河镇逾期未答复属实，已责令其于5个工作日内答复，并对经办人员批评教育。'

/** A Word document as Word writes its minimum: the package parts and one paragraph per line. */
function docx(lines) {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
  const paragraphs = lines.map((l) => `<w:p><w:r><w:t xml:space="preserve">${l}</w:t></w:r></w:p>`).join('')
  return Buffer.from(
    zipSync(
      {
        '[Content_Types].xml': strToU8(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        ),
        '_rels/.rels': strToU8(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        ),
        'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${paragraphs}</w:body></w:document>`),
      },
      { level: 0 },
    ),
  )
}

/** A picture: the scan cannot read its text. */
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)])

export function inspectionComplaintScenarios({ base, shots, newPage, signIn, accessible, assert, runJob }) {
  return {
    async 'a handler attaches files to an item and sees the scan’s hits under the file; published, the bureau’s inspection finds them, orders a mask and a take-down, and the portal shows the item withdrawn; the late mask raises an AC 6(4) lead'() {
      const today = beijingToday()
      // --- The openness office gives a heading an update period (AC 6(1)) -------------------------
      const office = await newPage()
      await signIn(office, 'zhengfuban.handler')
      const heading = await addHeading(office, { name: HEADING, category: '扶贫、教育、医疗、社会保障、促进就业', updateEveryDays: EVERY_DAYS }, () =>
        accessible(office, 'console heading form with an update period'),
      )
      assert(heading.update_every_days === EVERY_DAYS, `the heading: ${JSON.stringify(heading)}`)
      const headingRow = office.locator('[data-test=headings-table] .el-table__row', { hasText: HEADING })
      await headingRow.waitFor()
      assert((await headingRow.locator('[data-test=hd-every]').getAttribute('data-days')) === String(EVERY_DAYS), 'the table does not show the period')

      // --- The handler drafts an item under it and attaches a Word file and a photo ----------------
      const handler = await newPage()
      await signIn(handler, `${UNIT}.handler`)
      let item = await draftItem(handler, async () => {
        await handler.fill('#it-title', TITLE)
        await handler.fill('#it-summary', '第四季度农村低保资金发放对象和标准')
        await handler.fill('#it-body', '本镇2026年第四季度农村低保资金已按时发放，发放名单见附件。')
        await choose(handler, '[data-test=it-category]', '扶贫、教育、医疗、社会保障、促进就业')
        await choose(handler, '[data-test=it-heading]', HEADING)
      })
      const itemPath = `/console/items/${item.unit_id}/${item.id}`
      await handler.waitForSelector('[data-test=panel-files] [data-test=ia-none]')
      await handler.waitForSelector('[data-test=hits-none]')
      item = await answered(handler, 'POST', '/attachments', () =>
        handler.setInputFiles('[data-test=ia-input]', {
          name: DOCX,
          mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          buffer: docx(['岔路河镇2026年第四季度农村低保发放名单', `联系人张某，手机${MOBILE_MASK}。`, `联系人李某，手机${MOBILE_TAKE}。`]),
        }),
      )
      assert(item.revision === 2 && item.status === 'draft' && item.attachments.length === 1, `after the Word file: revision ${item.revision}, ${item.status}`)
      const word = item.attachments[0]
      assert(word.unreadable == null && word.text_chars > 0, `the Word file was not read: ${JSON.stringify(word)}`)
      await handler.waitForSelector('[data-test=item-detail][data-revision="2"]')
      await handler.waitForSelector('[data-test=ia-input]:enabled')
      // Both mobiles are hits in that file, listed under its name, and not masked in place.
      const group = handler.locator(`[data-test=hit-group][data-attachment="${word.id}"]`)
      await group.waitFor()
      assert((await text(group, '[data-test=hit-group-name]')) === `附件：${DOCX}`, `the group is named ${await text(group, '[data-test=hit-group-name]')}`)
      const marks = await group.locator('[data-test=hit] mark').allTextContents()
      assert(JSON.stringify(marks) === JSON.stringify([MOBILE_MASK, MOBILE_TAKE]), `the file’s hits: ${marks}`)
      assert((await group.locator('[data-test=hit][data-kind=mobile]').count()) === 2, 'the hits are not mobiles')
      assert((await handler.locator('[data-test=hit-mask]').count()) === 0, 'a hit in a file is offered a mask')
      await group.locator('[data-test=hit-file-hint]').waitFor()
      // The photo cannot be read: it is named for a check by eye.
      item = await answered(handler, 'POST', '/attachments', () => handler.setInputFiles('[data-test=ia-input]', { name: PNG, mimeType: 'image/png', buffer: png() }))
      assert(item.revision === 3 && item.attachments.length === 2, `after the photo: revision ${item.revision}`)
      await handler.waitForSelector('[data-test=ia-file][data-unreadable=image] [data-test=ia-unreadable]')
      assert((await text(handler, '[data-test=hits-unreadable-file][data-unreadable=image]')) === `${PNG}：图片：无法自动识别文字，须人工审查`, 'the photo is not flagged on the scan')
      assert((await handler.locator('[data-test=item-event][data-kind=attached]').count()) === 2, 'the files are not in the history')
      await accessible(handler, 'console item with files')
      await handler.screenshot({ path: join(shots, 'console-item-files.png'), fullPage: true })

      // --- Reviewed with the photo flagged to the reviewer, approved, published ------------------
      await submitItem(handler)
      await handler.waitForSelector('[data-test=panel-review] [data-test=rv-unreadable-file][data-unreadable=image]')
      await completeChecklist(handler, '照片已人工查看；名单所列为村低保协管员公开的工作电话。')
      await accessible(handler, 'console item review with an unreadable file')
      await passReview(handler)
      const leader = await newPage()
      await signIn(leader, `${UNIT}.leader`)
      await approveItem(leader, base, item)
      item = await publishItem(leader)

      // The public downloads both files of the published version.
      const citizen = await newPage()
      await citizen.goto(`${base}/catalogue/${item.id}`)
      await citizen.waitForSelector('[data-test=catalogue-item][data-state=ready]')
      const files = await citizen.$$eval('[data-test=ci-file-link]', (as) => as.map((a) => ({ name: a.textContent.trim(), href: a.getAttribute('href') })))
      assert(JSON.stringify(files.map((f) => f.name)) === JSON.stringify([DOCX, PNG]), `the public files: ${JSON.stringify(files)}`)
      const docxHref = files[0].href
      assert((await fetch(`${base}${docxHref}`)).status === 200, 'the published file does not download')
      await accessible(citizen, 'portal catalogue item with files')

      // --- The items list: when the heading must be published under again -------------------------
      await handler.click('[data-test=nav-items]')
      await handler.waitForSelector('[data-test=items-page][data-state=ready]')
      const fresh = handler.locator('[data-test=freshness-table] .el-table__row', { hasText: HEADING })
      await fresh.waitFor()
      const again = await dueBy(base, today, { calendar_days: EVERY_DAYS })
      assert((await text(fresh, '[data-test=fr-by]')) === again, `publish again by ${await text(fresh, '[data-test=fr-by]')}, expected ${again}`)
      assert((await fresh.locator('[data-test=fr-state]').getAttribute('data-state')) === 'running', 'the heading is not within its period')
      await accessible(handler, 'console items with catalogue freshness')
      await handler.screenshot({ path: join(shots, 'console-catalogue-freshness.png'), fullPage: true })

      // --- The bureau inspects now and finds both mobiles ---------------------------------------------
      const bureau = await newPage()
      await signIn(bureau, 'baomiju.handler')
      await bureau.click('[data-test=nav-inspection]')
      await bureau.waitForSelector('[data-test=inspection-page][data-state=ready]')
      const run = await answered(bureau, 'POST', '/secrecy/inspections', () => bureau.click('[data-test=ins-run]'))
      assert(run.findings_new >= 2 && run.trigger === 'on_demand', `the run: ${JSON.stringify(run)}`)
      await bureau.waitForSelector(`[data-test=ins-ran][data-found="${run.findings_new}"]`)
      await bureau.waitForSelector('[data-test=runs-table] [data-test=run-trigger][data-trigger=on_demand]')
      await Promise.all([
        bureau.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/secrecy/findings' && new URL(r.url()).searchParams.get('unit_id') === item.unit_id),
        choose(bureau, '[data-test=ins-f-unit]', UNIT_NAME, '岔路河'),
      ])
      // A finding's excerpt may show the other mobile around it: a row is known by its highlighted hit.
      const rowOf = (mobile) => bureau.locator('[data-test=findings-table] .el-table__row', { has: bureau.locator('mark', { hasText: mobile }) })
      await rowOf(MOBILE_MASK).waitFor()
      assert((await bureau.locator(`[data-test=finding][data-item="${item.id}"]`).count()) === 2, 'not two findings in the item')
      const first = rowOf(MOBILE_MASK)
      assert((await text(first, '[data-test=finding-place]')) === '附件' && (await text(first, '[data-test=finding-kind]')) === '手机号码', 'the finding does not say where and what')
      assert((await text(first, '[data-test=finding-item]')) === TITLE, 'the finding does not name the item')
      assert((await text(first, '[data-test=finding-status]')) === '待处理', 'the finding is not open')
      await accessible(bureau, 'console online inspection')
      await bureau.screenshot({ path: join(shots, 'console-inspection.png'), fullPage: true })

      // A mask within 5 working days.
      await first.locator('[data-test=finding-order]').click()
      await bureau.waitForSelector('[data-test=order-form]')
      await bureau.click('[data-test=order-submit]')
      await bureau.locator('[data-test=order-form] .el-form-item__error').first().waitFor()
      await bureau.click('[data-test=order-remedy-mask]')
      await bureau.waitForSelector('#order-days')
      await bureau.fill('#order-note', '遮盖名单中张某的手机号码后更正发布。')
      await accessible(bureau, 'console inspection order')
      await bureau.screenshot({ path: join(shots, 'console-inspection-order.png'), fullPage: true })
      const ordered = await answered(bureau, 'POST', '/order', () => bureau.click('[data-test=order-submit]'))
      const maskBy = await dueBy(base, today, { working_days: 5 })
      assert(ordered.status === 'ordered' && ordered.remedy === 'mask' && ordered.remedy_due === maskBy, `the mask order: ${JSON.stringify(ordered)}, due ${maskBy}`)
      await bureau.locator('[data-test=order-form]').waitFor({ state: 'hidden' })
      await first.locator('[data-test=finding-status][data-status=ordered]').waitFor()
      assert((await text(first, '[data-test=finding-due]')) === maskBy, 'the table does not show the last day')

      // --- The unit cannot report the mask done before a correction is out --------------------------
      await handler.click('[data-test=items-findings]')
      await handler.waitForSelector('[data-test=unit-findings-page][data-state=ready]')
      const mine = handler.locator('[data-test=findings-table] .el-table__row', { has: handler.locator('mark', { hasText: MOBILE_MASK }) })
      await mine.waitFor()
      assert((await text(mine, '[data-test=finding-remedy]')).includes('遮盖'), 'the unit does not see the remedy ordered')
      await mine.locator('[data-test=finding-remedied]').click()
      await handler.waitForSelector('[data-test=remedied-form]')
      await handler.fill('#remedied-note', '已遮盖张某的手机号码。')
      const early = await answered(handler, 'POST', '/remedied', () => handler.click('[data-test=remedied-submit]'), 422)
      assert(early.code === 'remedy_not_published', `the early report: ${JSON.stringify(early)}`)
      await handler.waitForSelector('[data-test=remedied-error]')
      await accessible(handler, 'console unit findings with a refused report')
      await handler.screenshot({ path: join(shots, 'console-unit-findings.png'), fullPage: true })
      await handler.keyboard.press('Escape')
      await handler.locator('[data-test=remedied-form]').waitFor({ state: 'hidden' })
      // The item's page, where the remedy's reminder leads, says what was ordered and by when.
      await mine.locator('[data-test=finding-open]').click()
      await handler.waitForURL((url) => url.pathname === itemPath)
      await handler.waitForSelector('[data-test=item-findings] [data-test=item-finding][data-remedy=mask]')
      assert((await text(handler, '[data-test=item-finding]')).includes(maskBy), 'the item’s page does not give the last day')
      await handler.goBack()
      await handler.waitForSelector('[data-test=unit-findings-page][data-state=ready]')

      // --- The other mobile is taken down at once ---------------------------------------------------
      const second = rowOf(MOBILE_TAKE)
      await second.locator('[data-test=finding-order]').click()
      await bureau.waitForSelector('[data-test=order-form]')
      await bureau.click('[data-test=order-remedy-take_down]')
      await bureau.locator('#order-days').waitFor({ state: 'detached' })
      await bureau.fill('#order-note', '名单含群众个人手机号码。')
      const down = await answered(bureau, 'POST', '/order', () => bureau.click('[data-test=order-submit]'))
      assert(down.status === 'remedied' && down.remedy === 'take_down', `the take-down: ${JSON.stringify(down)}`)
      await bureau.locator('[data-test=order-form]').waitFor({ state: 'hidden' })
      await second.locator('[data-test=finding-status][data-status=remedied]').waitFor()

      // The period report counts both, one taken down.
      await answered(bureau, 'GET', '/secrecy/inspection-report', () => bureau.click('[data-test=rp-show]'))
      const line = bureau.locator(`[data-test=rp-row][data-unit="${item.unit_id}"]`)
      await line.waitFor()
      assert((await text(line, '[data-key=findings]')) === '2' && (await text(line, '[data-key=taken_down]')) === '1', `the report’s line: ${await text(line, 'td')}`)
      assert((await text(line, '[data-key=by_kind]')) === '手机号码 2', `by kind: ${await text(line, '[data-key=by_kind]')}`)
      await accessible(bureau, 'console inspection report')

      // --- The portal shows it withdrawn, its files gone ------------------------------------------
      await citizen.reload()
      await citizen.waitForSelector('[data-test=catalogue-item][data-state=ready]')
      await citizen.waitForSelector('[data-test=ci-withdrawn]')
      assert((await text(citizen, '[data-test=ci-withdrawn]')).includes('县保密局网上巡查发现不宜公开的内容，责令撤下'), `the notice: ${await text(citizen, '[data-test=ci-withdrawn]')}`)
      assert((await citizen.locator('[data-test=ci-file]').count()) === 0 && (await citizen.locator('[data-test=ci-body]').count()) === 0, 'the withdrawn item still shows its text or files')
      assert((await fetch(`${base}${docxHref}`)).status === 404, 'the withdrawn item’s file still downloads')
      assert((await citizen.getAttribute('[data-test=ci-change]:last-child', 'data-kind')) === 'withdrawn', 'no withdrawal in the public history')
      await accessible(citizen, 'portal catalogue item withdrawn')
      await citizen.screenshot({ path: join(shots, 'portal-catalogue-withdrawn.png'), fullPage: true })

      // --- The mask's last day passes unreported: the morning after, the reminder job raises an AC 6(4) lead
      const ran = await runJob('clock_reminders', `${addDays(maskBy, 1)}T09:00:00+08:00`)
      assert(ran.includes('clock_reminders ran'), `the reminder job: ${ran}`)
      await office.goto(`${base}/console/cases`)
      const remedyLead = office.locator('[data-test=leads] .el-table__row', {
        has: office.locator(`[data-test=lead-subject][data-subject-type=inspection_finding][data-subject-id="${ordered.id}"]`),
      })
      await remedyLead.waitFor()
      assert((await text(remedyLead, '[data-test=lead-subject]')) === `网上巡查整改 · ${TITLE}`, `the lead's subject: ${await text(remedyLead, '[data-test=lead-subject]')}`)
      assert((await remedyLead.locator('[data-test=lead-item]').getAttribute('data-item')) === '6.4', 'the lead is not raised under AC 6(4)')
      assert((await text(remedyLead, '[data-test=lead-item]')) === '第六条第（四）项', `the lead's item: ${await text(remedyLead, '[data-test=lead-item]')}`)
      const leadFacts = await text(remedyLead, 'td:nth-child(3)')
      assert(leadFacts.includes('网上巡查整改期限') && leadFacts.includes(maskBy), `the lead's facts: ${leadFacts}`)
      // Only the mask ordered with a period is late: the taken-down finding raised none.
      assert((await office.locator(`[data-test=lead-subject][data-subject-id="${down.id}"]`).count()) === 0, 'the take-down raised a lead')
      await office.screenshot({ path: join(shots, 'console-leads-remedy.png'), fullPage: true })
      await accessible(office, 'console leads with a late remedy')

      // --- With the item withdrawn, the unit reports the mask done -------------------------------------
      await handler.reload()
      await handler.waitForSelector('[data-test=unit-findings-page][data-state=ready]')
      await mine.locator('[data-test=finding-remedied]').click()
      await handler.waitForSelector('[data-test=remedied-form]')
      await handler.fill('#remedied-note', '该信息已按县保密局要求撤回。')
      const done = await answered(handler, 'POST', '/remedied', () => handler.click('[data-test=remedied-submit]'))
      assert(done.status === 'remedied', `the report: ${JSON.stringify(done)}`)
      await mine.locator('[data-test=finding-status][data-status=remedied]').waitFor()
      assert((await handler.locator('[data-test=finding-remedied]').count()) === 0, 'a remedy is still to report')
      await mine.locator('[data-test=finding-open]').click()
      await handler.waitForURL((url) => url.pathname === itemPath)
      await handler.waitForSelector('[data-test=item-detail][data-status=withdrawn] [data-test=item-withdrawn]')
    },

    async 'a citizen complains about a unit on the portal; the openness office answers it and the citizen reads the answer'() {
      // --- The portal's form, refused incomplete, then the receipt ----------------------------------
      const citizen = await newPage()
      await citizen.goto(`${base}/`)
      await citizen.click('[data-test=nav-complaints]')
      await citizen.waitForSelector('[data-test=complaint-form]')
      await citizen.click('[data-test=cp-submit]')
      await citizen.locator('[data-test=complaint-form] .el-form-item__error').nth(4).waitFor()
      await choose(citizen, '[data-test=cp-unit]', UNIT_NAME, '岔路河')
      await citizen.fill('[data-test=cp-complainant]', '赵某')
      await citizen.fill('[data-test=cp-contact]', '13512345678')
      await citizen.fill('[data-test=cp-email]', 'zhao@example.org')
      await citizen.fill('[data-test=cp-subject]', COMPLAINT_SUBJECT)
      await citizen.fill('[data-test=cp-details]', COMPLAINT_DETAILS)
      await accessible(citizen, 'portal complaint form')
      await citizen.screenshot({ path: join(shots, 'portal-complaint.png'), fullPage: true })
      const [response] = await Promise.all([
        citizen.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/public/complaints'),
        citizen.click('[data-test=cp-submit]'),
      ])
      assert(response.status() === 201, `filing answered ${response.status()}: ${await response.text()}`)
      const receipt = await response.json()
      await citizen.waitForSelector('[data-test=complaint-receipt]')
      const code = await text(citizen, '[data-test=complaint-code]')
      const secret = await text(citizen, '[data-test=complaint-secret]')
      assert(code === receipt.code && code.startsWith('TS') && secret === receipt.secret && secret.length > 0, `the receipt shows ${code} / ${secret}`)
      const answerBy = await dueBy(base, receipt.received_on, { working_days: 15 })
      assert((await text(citizen, '[data-test=complaint-answer-by]')) === answerBy, `answered by ${await text(citizen, '[data-test=complaint-answer-by]')}, expected ${answerBy}`)
      await accessible(citizen, 'portal complaint receipt')
      await citizen.screenshot({ path: join(shots, 'portal-complaint-receipt.png'), fullPage: true })
      // Before the answer the tracking page says it is being handled.
      await citizen.click('[data-test=to-complaint-track]')
      await citizen.waitForSelector('[data-test=complaint-track]')
      assert((await citizen.inputValue('[data-test=ct-code]')) === code, 'the number is not filled in')
      await citizen.fill('[data-test=ct-secret]', secret)
      await citizen.click('[data-test=ct-submit]')
      await citizen.waitForSelector('[data-test=ct-status][data-status=open]')
      assert((await text(citizen, '[data-test=ct-answer-by]')) === answerBy, 'the tracking page gives another last day')

      // --- The openness office: the clock in its work leads to the complaints ---------------------------
      const office = await newPage()
      await signIn(office, 'zhengfuban.handler')
      const work = office.locator('[data-test=work-table] .el-table__row', { hasText: code })
      await work.waitFor()
      assert((await text(work, '[data-test=work-open]')).startsWith(`投诉 ${code}`), `the clock is labelled ${await text(work, '[data-test=work-open]')}`)
      await work.locator('[data-test=work-open]').click()
      await office.waitForURL((url) => url.pathname === '/console/complaints')
      await office.waitForSelector('[data-test=complaints-page][data-state=ready]')
      const row = office.locator('[data-test=complaints-table] .el-table__row', { hasText: code })
      await row.waitFor()
      assert((await text(row, '[data-test=complaint-subject]')) === COMPLAINT_SUBJECT, 'the row does not show the subject')
      assert((await text(row, '[data-test=complaint-answer-by]')) === answerBy, 'the office sees another last day')
      await accessible(office, 'console complaints')
      await row.locator('[data-test=complaint-answer-open]').click()
      await office.waitForSelector('[data-test=answer-form]')
      await office.click('[data-test=answer-submit]')
      await office.locator('[data-test=answer-form] .el-form-item__error').nth(1).waitFor()
      await office.click('[data-test=answer-finding-partly_upheld]')
      await office.fill('#answer-text', ANSWER)
      await accessible(office, 'console complaint answer')
      const reply = await answered(office, 'POST', '/answer', () => office.click('[data-test=answer-submit]'))
      assert(reply.status === 'answered' && reply.finding === 'partly_upheld' && reply.code === code, `the answer: ${JSON.stringify(reply)}`)
      await office.locator('[data-test=answer-form]').waitFor({ state: 'hidden' })
      await row.locator('[data-test=complaint-status][data-status=answered]').waitFor()
      assert((await row.locator('[data-test=complaint-finding]').getAttribute('data-finding')) === 'partly_upheld', 'the row does not show the finding')
      // The year's figures count it for the unit, answered in time.
      const unitLine = office.locator(`[data-test=cs-row][data-unit="${reply.unit_id}"]`)
      await unitLine.locator('[data-key=answered_in_time]', { hasText: '1' }).waitFor()
      const cells = await unitLine.locator('td').allTextContents()
      assert(JSON.stringify(cells.map((c) => c.trim())) === '["1","0","1","0","1","0","0"]', `the unit’s figures: ${cells}`)
      await accessible(office, 'console complaints answered')
      await office.screenshot({ path: join(shots, 'console-complaints.png'), fullPage: true })

      // --- The citizen reads the finding and the answer ---------------------------------------------
      await citizen.click('[data-test=ct-submit]')
      await citizen.waitForSelector('[data-test=ct-status][data-status=answered]')
      assert((await text(citizen, '[data-test=ct-finding]')) === '投诉部分属实', `the finding: ${await text(citizen, '[data-test=ct-finding]')}`)
      assert((await text(citizen, '[data-test=ct-answer]')) === ANSWER, 'the answer is not shown')
      assert((await text(citizen, '[data-test=ct-answered-on]')) === beijingToday(), 'the day of the answer')
      assert((await text(citizen, '[data-test=ct-unit]')) === UNIT_NAME, 'the unit complained about')
      await accessible(citizen, 'portal complaint answered')
      await citizen.screenshot({ path: join(shots, 'portal-complaint-answered.png'), fullPage: true })
    },
  }
}
