// The whole path of an application for disclosure in the browser (issue 6): a citizen applies on the
// portal → the handler signs for it → asks for correction → the citizen corrects → the leader, head
// of the disclosure office, extends → a third party is consulted → the handler drafts → the
// designated secrecy reviewer sends the draft back, then clears the redraft → the leader approves →
// the citizen sees the result and downloads the reply letter. Every due date shown is checked
// against the calendar. In the demo seed each unit's leader is its principal leader and heads its
// disclosure office, and its handler is its secrecy reviewer.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Buffer } from 'node:buffer'
import { choose, chooseAlso, dueBy, text } from './steps.mjs'

// A 1×1 PNG: the server sniffs the content, so the identity proof must really be an image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

export function idNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

/** Runs the path; `ctx` carries the helpers of run.mjs. */
export async function applicationPath({ base, newPage, signIn, accessible, assert, shots }) {

  // --- The citizen applies on the portal ---------------------------------------------------------
  const citizen = await newPage()
  await citizen.goto(`${base}/`)
  await citizen.click('[data-test=home-apply-link]')
  await citizen.waitForSelector('[data-test=apply-form]')
  await choose(citizen, '[data-test=ap-unit]', '永吉县口前镇人民政府', '口前镇')
  await citizen.fill('[data-test=ap-name]', '张三丰')
  await citizen.fill('[data-test=ap-id-number]', '220221199001011231')
  await citizen.fill('[data-test=ap-phone]', '138-1234-1234')
  await citizen.fill('[data-test=ap-email]', 'zhang@example.org')
  await citizen.fill('[data-test=ap-address]', '吉林省永吉县口前镇新华街8号')
  await citizen.fill('[data-test=ap-description]', '2026年口前镇农村道路修缮项目的招标文件')
  // A wrong check digit is refused before anything is sent.
  await citizen.click('[data-test=apply-submit]')
  const idError = await citizen.locator('.el-form-item', { has: citizen.locator('[data-test=ap-id-number]') }).locator('.el-form-item__error').textContent()
  assert(idError.includes('校验位不正确') || idError.includes('check digit'), `no check-digit error: ${idError}`)
  await citizen.fill('[data-test=ap-id-number]', idNumber('22022119900101123'))
  await citizen.screenshot({ path: join(shots, 'portal-apply.png'), fullPage: true })
  await accessible(citizen, 'portal apply form')
  await citizen.click('[data-test=apply-submit]')
  await citizen.waitForSelector('[data-test=submitted]')
  const code = (await citizen.textContent('[data-test=tracking-code]')).trim()
  const secret = (await citizen.textContent('[data-test=tracking-secret]')).trim()
  assert(code && secret, 'no tracking code or secret shown')
  await citizen.setInputFiles('#proof-file', { name: 'id-card.png', mimeType: 'image/png', buffer: PNG })
  await citizen.waitForSelector('[data-test=uploaded]')
  await citizen.screenshot({ path: join(shots, 'portal-apply-submitted.png'), fullPage: true })
  await accessible(citizen, 'portal submitted')

  const track = async (expectStatus) => {
    await citizen.goto(`${base}/track?code=${encodeURIComponent(code)}`)
    await citizen.fill('[data-test=tr-secret]', secret)
    await citizen.click('[data-test=tr-submit]')
    await citizen.waitForSelector(`[data-test=track-stage][data-status=${expectStatus}]`)
  }

  // --- The handler signs for it ------------------------------------------------------------------
  const handler = await newPage()
  await signIn(handler, 'kouqian.handler')
  await handler.click('[data-test=nav-applications]')
  await handler.waitForSelector(`[data-test=applications-table] >> text=${code}`)
  const listRow = handler.locator('[data-test=applications-table] .el-table__row', { hasText: code })
  await handler.screenshot({ path: join(shots, 'console-applications.png'), fullPage: true })
  await accessible(handler, 'console applications list')
  await listRow.locator('[data-test=open-application]').click()
  await handler.waitForSelector('[data-test=detail-status][data-status=submitted]')
  await handler.waitForSelector('[data-test=stage][data-step=receipt]')
  const detailUrl = handler.url()
  await handler.click('[data-test=act-sign]')
  await handler.waitForSelector('[data-test=detail-status][data-status=in_progress]')
  await handler.waitForSelector('[data-test=stage][data-step=handling][data-wait=""]')
  assert((await handler.getAttribute('[data-test=masked]', 'data-whole')) === 'true', 'the handling unit does not see the applicant whole')

  /** Every clock's due date on the detail page equals the calendar's answer for its start and period. */
  const clocksMatchCalendar = async (page, label) => {
    const clocks = await page.$$eval('[data-test=clock-due]', (els) =>
      els.map((e) => ({ id: e.dataset.id, unit: e.dataset.unit, kind: e.dataset.kind, state: e.dataset.state, start: e.dataset.start, days: Number(e.dataset.days), due: e.textContent.trim() })),
    )
    assert(clocks.length > 0, `${label}: no clocks shown`)
    // A suspended clock's date is provisional (it moves for every day the suspension lasts).
    for (const c of clocks.filter((c) => c.state !== 'suspended')) {
      const expected = await dueBy(base, c.start, { working_days: c.days })
      assert(c.due === expected, `${label}: ${c.kind} from ${c.start} + ${c.days} shows ${c.due}, the calendar says ${expected}`)
    }
    const shown = (await page.textContent('[data-test=detail-due]'))?.trim()
    return { clocks, shown }
  }
  const signed = await clocksMatchCalendar(handler, 'after signing')
  const reply = signed.clocks.find((c) => c.kind === 'application.reply')
  assert(reply && reply.days === 20, 'no 20-working-day reply clock after signing')
  assert(signed.shown === reply.due, `the detail shows ${signed.shown}, the reply clock ${reply.due}`)
  const receivedOn = reply.start

  // --- …asks for correction ----------------------------------------------------------------------
  await handler.fill('[data-test=cn-items]', '请写明所需招标文件的项目名称和发布年份。')
  await handler.click('[data-test=cn-submit]')
  await handler.waitForSelector('[data-test=detail-status][data-status=awaiting_correction]')
  // Waiting for the applicant is a pause of the handling step, not a step of its own.
  await handler.waitForSelector('[data-test=stage][data-step=handling][data-wait=awaiting_correction]')
  assert((await handler.locator('[data-test=panel-correction]').count()) === 1, 'no panel to record the correction')
  const waiting = (await clocksMatchCalendar(handler, 'after the correction notice')).clocks.find((c) => c.kind === 'application.correction_wait')
  assert(waiting, 'no correction clock')

  // --- The citizen corrects on the tracking page -------------------------------------------------
  await track('awaiting_correction')
  const correctBy = (await citizen.textContent('[data-test=track-due-date]')).trim()
  assert(correctBy === (await dueBy(base, waiting.start, { working_days: waiting.days })), `the portal's correction date ${correctBy} is not the calendar's`)
  assert((await citizen.textContent('[data-test=track-correction]')).includes('项目名称'), 'the correction items are not shown')
  await citizen.screenshot({ path: join(shots, 'portal-track-correction.png'), fullPage: true })
  await accessible(citizen, 'portal tracking page')
  await citizen.fill('[data-test=tr-correction]', '2026年口前镇农村道路修缮项目（口前镇政府2026年3月发布）的招标文件')
  await citizen.click('[data-test=tr-correction-submit]')
  await citizen.waitForSelector('[data-test=tr-corrected]')
  await citizen.waitForSelector('[data-test=track-stage][data-status=in_progress]')
  const portalDue = (await citizen.textContent('[data-test=track-due-date]')).trim()

  await handler.goto(detailUrl)
  await handler.waitForSelector('[data-test=detail-status][data-status=in_progress]')
  const restarted = (await clocksMatchCalendar(handler, 'after the correction')).clocks.find((c) => c.kind === 'application.reply')
  assert(portalDue === restarted.due, `the portal shows ${portalDue}, the console ${restarted.due}`)

  // --- The leader approves an extension ----------------------------------------------------------
  const leader = await newPage()
  await signIn(leader, 'kouqian.leader')
  await leader.goto(detailUrl)
  await leader.waitForSelector('[data-test=panel-extension]')
  assert((await leader.locator('[data-test=panel-draft]').count()) === 1, 'the leader, who may also handle, sees no draft panel')
  await leader.fill('[data-test=ex-reason]', '需要调取2026年档案，难以在期限内答复')
  await leader.click('[data-test=ex-submit]')
  await leader.waitForSelector('[data-test=panel-extension]', { state: 'detached' })
  const extended = (await clocksMatchCalendar(leader, 'after the extension')).clocks.find((c) => c.kind === 'application.reply')
  assert(extended.days === 40, `the extension did not add 20 working days: ${extended.days}`)
  // Art. 33: the timeline names who agreed, in the capacity the law asks for.
  const extendedEvent = (await leader.locator('[data-test=event][data-kind=extended]').textContent()).replace(/\s+/g, ' ')
  assert(extendedEvent.includes('同意人') && extendedEvent.includes('政府信息公开工作机构负责人 口前镇负责人'), `the extension does not name who agreed: ${extendedEvent}`)

  // --- The handler consults a third party and records its answer --------------------------------
  await handler.goto(detailUrl)
  await handler.waitForSelector('[data-test=panel-consult]')
  assert((await handler.locator('[data-test=panel-extension]').count()) === 0, 'a handler is offered the extension')
  await handler.fill('[data-test=cs-name]', '吉林省某某路桥建设有限公司')
  await handler.fill('[data-test=cs-question]', '招标文件中贵公司的投标报价是否同意公开？')
  await handler.click('[data-test=cs-submit]')
  await handler.waitForSelector('[data-test=detail-status][data-status=consulting]')
  const consultDue = (await handler.textContent('[data-test=consult-due]')).trim()
  const consultStart = await handler.getAttribute('[data-test=consult-due]', 'data-start')
  assert(consultDue === (await dueBy(base, consultStart, { working_days: 15 })), `the consultation is due ${consultDue}, not 15 working days after ${consultStart}`)
  await clocksMatchCalendar(handler, 'while consulting')
  await handler.click('[data-test=consult-answer]')
  await handler.fill('[data-test=ca-answer]', '同意公开。')
  await handler.click('[data-test=ca-submit]')
  await handler.waitForSelector('[data-test=detail-status][data-status=in_progress]')
  // Started and answered on the receipt day: no day is suspended.
  await clocksMatchCalendar(handler, 'after the consultation')

  // --- The handler drafts; the secrecy review comes before the leader's approval ---------------
  await choose(handler, '[data-test=rd-outcome]', '予以公开')
  await handler.waitForSelector('[data-test=rd-secrecy-hint]')
  await handler.fill('[data-test=rd-text]', '经审查，您申请的招标文件属于可以公开的政府信息，现予以公开，见附件（含投标人联系电话）。')
  await handler.click('[data-test=rd-submit]')
  await handler.waitForSelector('[data-test=detail-status][data-status=reply_pending]')
  await handler.waitForSelector('[data-test=stage][data-step=approval]')
  // The handler is the unit's designated secrecy reviewer: the review is theirs, the decision is not.
  await handler.waitForSelector('[data-test=panel-secrecy]')
  assert((await handler.locator('[data-test=panel-decision]').count()) === 0, 'a handler is offered the reply decision')
  await handler.screenshot({ path: join(shots, 'console-application-detail.png'), fullPage: true })
  await accessible(handler, 'console application detail')

  // Before the review the leader cannot approve a reply that releases information.
  await leader.goto(detailUrl)
  await leader.waitForSelector('[data-test=panel-decision]')
  const required = (await leader.textContent('[data-test=dc-secrecy-required]')).trim()
  assert(required === '该答复公开政府信息，须经本单位指定的保密审查人审查通过后方可批准。', `no warning before the review: ${required}`)
  assert(await leader.isDisabled('[data-test=dc-approve]'), 'the leader may approve before the secrecy review')
  assert((await leader.locator('[data-test=panel-secrecy]').count()) === 0, 'the leader, who is not a reviewer, is offered the secrecy review')

  // The reviewer sends it back, with the reason the handler then reads on the draft.
  await handler.click('[data-test=sr-return]')
  const noteError = (await handler.locator('[data-test=panel-secrecy] .el-form-item__error').textContent()).trim()
  assert(noteError === '必填', `sending back without a reason: ${noteError}`)
  const reason = '答复正文所附材料含投标人联系电话，属于个人信息，请删除后重新拟稿。'
  await handler.fill('[data-test=sr-note]', reason)
  await handler.click('[data-test=sr-return]')
  await handler.waitForSelector('[data-test=detail-status][data-status=in_progress]')
  assert((await handler.textContent('[data-test=sr-returned-note]')).trim() === reason, "the draft panel does not show the reviewer's reason")
  const returnedEvent = (await handler.locator('[data-test=event][data-kind=secrecy_review_returned]').textContent()).replace(/\s+/g, ' ')
  assert(returnedEvent.includes('保密审查退回') && returnedEvent.includes(reason), `the timeline lacks the send-back: ${returnedEvent}`)

  // Redrafted, the review is due again; cleared, the handler has nothing left to do.
  await handler.fill('[data-test=rd-text]', '经审查，您申请的招标文件属于可以公开的政府信息，现予以公开，见附件。')
  await handler.click('[data-test=rd-submit]')
  await handler.waitForSelector('[data-test=detail-status][data-status=reply_pending]')
  const clearance = '已删除投标人联系电话，不涉及国家秘密。'
  await handler.fill('[data-test=sr-note]', clearance)
  await handler.click('[data-test=sr-clear]')
  await handler.waitForSelector('[data-test=panel-secrecy]', { state: 'detached' })
  await handler.waitForSelector('[data-test=no-actions]')
  assert((await handler.getAttribute('[data-test=detail-status]', 'data-status')) === 'reply_pending', 'the clearance moved the application on')
  assert((await handler.locator('[data-test=event][data-kind=secrecy_reviewed]').textContent()).includes('保密审查通过'), 'the timeline lacks the clearance')

  // The leader sees who cleared it, and approves.
  await leader.reload()
  await leader.waitForSelector('[data-test=dc-secrecy-by]:has-text("口前镇经办人")')
  const by = (await leader.textContent('[data-test=dc-secrecy-by]')).trim()
  assert(/^口前镇经办人 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 审查通过$/.test(by), `the clearance is not named: ${by}`)
  assert((await leader.textContent('[data-test=dc-secrecy-note]')).trim() === `审查意见：${clearance}`, "the reviewer's note is not shown")
  assert((await leader.locator('[data-test=dc-secrecy-required]').count()) === 0, 'the warning stays after the clearance')
  assert(!(await leader.isDisabled('[data-test=dc-approve]')), 'the leader cannot approve a cleared reply')
  await leader.screenshot({ path: join(shots, 'console-reply-decision.png'), fullPage: true })
  await accessible(leader, 'console reply decision')
  await leader.click('[data-test=dc-approve]')
  await leader.waitForSelector('[data-test=detail-status][data-status=closed]')
  await leader.waitForSelector('[data-test=approvals]')
  await leader.waitForSelector('[data-test=stage][data-step=done]')
  for (const panel of ['correction', 'extension', 'draft', 'secrecy', 'decision', 'fee', 'sign']) {
    assert((await leader.locator(`[data-test=panel-${panel}]`).count()) === 0, `a closed application offers panel-${panel}`)
  }
  // The consultation held stays readable, but none can be started or answered.
  assert((await leader.locator('[data-test=cs-submit], [data-test=consult-answer]').count()) === 0, 'a closed application offers consulting')
  assert((await leader.locator('[data-test=panel-delivery]').count()) === 1, 'a closed application offers no delivery record')
  await clocksMatchCalendar(leader, 'after the reply')

  // --- The citizen sees the result and downloads the reply letter -------------------------------
  await track('closed')
  assert((await citizen.textContent('[data-test=track-outcome]')).includes('予以公开'), 'the outcome is not shown')
  assert((await citizen.textContent('[data-test=track-reply-text]')).includes('现予以公开'), 'the reply is not shown')
  const kinds = await citizen.$$eval('[data-test=event]', (els) => els.map((e) => e.dataset.kind))
  for (const k of ['submitted', 'received', 'correction_requested', 'corrected', 'extended', 'replied']) {
    assert(kinds.includes(k), `the portal timeline lacks ${k}: ${kinds.join(', ')}`)
  }
  // The secrecy review is the unit's internal record.
  assert(!kinds.includes('secrecy_reviewed') && !kinds.includes('secrecy_review_returned'), `the portal shows the secrecy review: ${kinds.join(', ')}`)
  const replyEvent = citizen.locator('[data-test=event][data-kind=replied]')
  const [download] = await Promise.all([citizen.waitForEvent('download'), replyEvent.locator('[data-test=letter-download]').click()])
  const pdf = readFileSync(await download.path())
  assert(pdf.subarray(0, 5).toString('latin1') === '%PDF-', `the reply letter is not a PDF: ${pdf.subarray(0, 16).toString('latin1')}`)
  await citizen.screenshot({ path: join(shots, 'portal-track-closed.png'), fullPage: true })
  assert(receivedOn, 'no receipt date')

  // --- A counter application registered by the handler, refused first for a bad phone -----------
  await handler.goto(`${base}/console/applications/new`)
  await handler.waitForSelector('[data-test=register-form]')
  await handler.locator('[data-test=ap-kind] .el-radio', { hasText: '商业企业' }).click()
  await handler.fill('[data-test=ap-name]', '吉林某某科技有限公司')
  await handler.fill('[data-test=ap-id-number]', '112202216197267615')
  await handler.fill('[data-test=ap-phone]', '12345')
  await handler.fill('[data-test=ap-address]', '吉林省永吉县口前镇工业园区1号')
  await handler.fill('[data-test=rg-description]', '口前镇2026年企业扶持资金发放名单')
  await handler.click('[data-test=rg-submit]')
  await handler.waitForSelector('.el-form-item__error')
  const regErrors = await handler.locator('.el-form-item__error').allTextContents()
  assert(regErrors.some((e) => e.includes('手机')) && regErrors.some((e) => e.includes('必填')), `the registration form let bad input pass: ${regErrors}`)
  await handler.fill('[data-test=ap-phone]', '0432-64201234')
  await handler.fill('[data-test=ap-contact]', '王五')
  await handler.click('[data-test=rg-submit]')
  await handler.waitForSelector('[data-test=detail-status][data-status=in_progress]')
  await clocksMatchCalendar(handler, 'a registered counter application')

  // --- Statistics, oversight and the secrecy bureau's page ---------------------------------------
  await leader.click('[data-test=nav-statistics]')
  await leader.waitForSelector('[data-test=table3] [data-key=disclosed]')
  const disclosed = await leader.$$eval('[data-test=table3] [data-key=disclosed] td', (tds) => tds.map((td) => Number(td.textContent)))
  assert(disclosed[0] >= 1 && disclosed[6] >= 1, `table 3 does not count the reply: ${disclosed}`)
  assert((await leader.locator('[data-test=table3-check] td[data-ok=false]').count()) === 0, 'the table 3 cross-check fails')
  await leader.screenshot({ path: join(shots, 'console-statistics.png'), fullPage: true })
  await accessible(leader, 'console statistics')

  const office = await newPage()
  await signIn(office, 'zhengfuban.handler')
  await office.click('[data-test=nav-oversight]')
  await office.waitForSelector(`[data-test=oversight-table] >> text=${code}`)
  const officeRow = await office.locator('[data-test=oversight-table] .el-table__row', { hasText: code }).first().textContent()
  assert(officeRow.includes('张**') && officeRow.includes('138****1234') && !officeRow.includes('张三丰'), `the oversight list does not mask: ${officeRow}`)
  await office.screenshot({ path: join(shots, 'console-oversight.png'), fullPage: true })
  await accessible(office, 'console oversight')
  await office.locator('[data-test=oversight-table] .el-table__row', { hasText: code }).locator('[data-test=ov-supervise]').click()
  await office.fill('[data-test=sv-message]', '请及时送达答复并报告。')
  await office.click('[data-test=sv-submit]')
  await office.waitForSelector('.el-message--success')

  const bureau = await newPage()
  await signIn(bureau, 'baomiju.handler')
  await bureau.click('[data-test=nav-referrals]')
  await bureau.waitForSelector('[data-test=referrals-table]')
  await bureau.screenshot({ path: join(shots, 'console-referrals.png'), fullPage: true })
  await accessible(bureau, 'console referrals')
}

/** Beijing's date, `offsetDays` from today. */
function beijingDay(offsetDays = 0) {
  return new Date(Date.now() + (8 + 24 * offsetDays) * 3600 * 1000).toISOString().slice(0, 10)
}

/** The handler registers a counter application (no email: notices go on paper) and opens its page. */
async function registerAtCounter(page, base, { name, idFirst17, phone, address, description }) {
  await page.goto(`${base}/console/applications/new`)
  await page.waitForSelector('[data-test=register-form]')
  await page.fill('[data-test=ap-name]', name)
  await page.fill('[data-test=ap-id-number]', idNumber(idFirst17))
  await page.fill('[data-test=ap-phone]', phone)
  await page.fill('[data-test=ap-address]', address)
  await page.fill('[data-test=rg-description]', description)
  await page.click('[data-test=rg-submit]')
  await page.waitForSelector('[data-test=detail-status][data-status=in_progress]')
}

/** Scenarios of their own on units the main path does not touch. */
export function applicationScenarios({ base, shots, newPage, signIn, accessible, assert }) {

  return {
    async 'a paper fee notice starts the payment period once its delivery is recorded'() {
      const handler = await newPage()
      await signIn(handler, 'shuili.handler')
      await registerAtCounter(handler, base, {
        name: '孙立新',
        idFirst17: '22022119850505123',
        phone: '13912345678',
        address: '吉林省永吉县口前镇东山路3号',
        description: '2026年永吉县小型水库除险加固工程的设计图纸',
      })
      // No email and not made online: the notice goes on paper.
      assert(!(await text(handler, '[data-test=applicant-card]')).includes('电子邮箱'), 'the applicant has an email')
      await handler.waitForSelector('[data-test=panel-fee]')
      await handler.fill('#fee-qty', '100')
      await handler.keyboard.press('Tab')
      await handler.click('[data-test=fee-quote]')
      await handler.waitForSelector('[data-test=fee-tiers]')
      const tiers = await handler.locator('[data-test=fee-tiers] li').allTextContents()
      assert(
        JSON.stringify(tiers.map((l) => l.trim())) === JSON.stringify(['第 1–30 页：免费', '第 31–100 页：每页 10 元，小计 700.00 元']),
        `the quote's tiers: ${tiers}`,
      )
      assert((await text(handler, '[data-test=fee-tiers]')).includes('合计：700.00 元'), 'the quote does not total 700.00 yuan')
      await handler.click('[data-test=fee-notice]')
      await handler.waitForSelector('[data-test=detail-status][data-status=awaiting_payment]')
      const today = beijingDay()
      assert((await text(handler, '[data-test=fee-amount]')) === '700.00 元', 'the fee is not shown')
      assert((await text(handler, '[data-test=fee-notice-on]')) === today, 'the notice is not dated today')
      assert((await text(handler, '[data-test=fee-received-on]')) === '尚未登记送达', 'a paper notice is taken as delivered')
      assert((await handler.locator('[data-test=fee-pay-by]').count()) === 0, 'a pay-by date before the paper notice is delivered')
      assert((await text(handler, '[data-test=fee-receipt-hint]')) === '纸质收费通知送达后，缴费期限自送达次日起计算', 'no hint on the paper notice')
      const notice = await text(handler, '[data-test=event][data-kind=fee_notice]')
      assert(notice.includes('通知方式') && notice.includes('纸质送达'), `the timeline does not say the notice went on paper: ${notice}`)
      await handler.screenshot({ path: join(shots, 'console-fee-paper-notice.png'), fullPage: true })
      await accessible(handler, 'console fee notice on paper')

      // Delivered today (the picker's default): 20 working days to pay from tomorrow.
      assert((await text(handler, '[data-test=act-fee-receipt]')) === '记录收费通知送达', 'no action to record the delivery')
      await handler.click('[data-test=act-fee-receipt]')
      await handler.waitForSelector(`[data-test=fee-received-on][data-received="${today}"]`)
      const payBy = await dueBy(base, today, { working_days: 20 })
      assert((await text(handler, '[data-test=fee-pay-by]')) === payBy, `the pay-by date is not 20 working days after ${today}: ${await text(handler, '[data-test=fee-pay-by]')} vs ${payBy}`)
      assert((await handler.locator('[data-test=act-fee-receipt]').count()) === 0, 'the delivery can be recorded twice')
      assert((await handler.locator('[data-test=fee-receipt-hint]').count()) === 0, 'the hint stays after the delivery')
      const received = await text(handler, '[data-test=event][data-kind=fee_notice_received]')
      assert(received.includes('收费通知已送达') && received.includes(payBy), `the timeline lacks the delivery: ${received}`)
      const clock = await handler.$$eval('[data-test=clock-due]', (els) => els.filter((e) => e.dataset.kind === 'application.payment').map((e) => e.textContent.trim()))
      assert(clock.length === 1 && clock[0] === payBy, `the payment clock: ${clock}`)
      await handler.screenshot({ path: join(shots, 'console-fee-delivered.png'), fullPage: true })
    },

    async 'the principal leader sees and designates the duties of the unit'() {
      const leader = await newPage()
      await signIn(leader, 'jiaotong.leader')
      await leader.click('[data-test=nav-duties]')
      await leader.waitForSelector('[data-test=duties] [data-test=duty-principal]')
      assert((await text(leader, '[data-test=duty-principal]')) === '交通运输局负责人', 'the principal leader is not shown')
      assert((await text(leader, '[data-test=duty-head]')) === '交通运输局负责人', 'the head of the disclosure office is not shown')
      assert((await text(leader, '[data-test=duty-reviewers]')) === '交通运输局经办人', 'the secrecy reviewers are not shown')
      await leader.screenshot({ path: join(shots, 'console-duties.png'), fullPage: true })
      await accessible(leader, 'console duties')

      // The head must be a leader: the server's refusal names the person chosen.
      await choose(leader, '[data-test=duty-head-select]', '交通运输局经办人')
      await leader.click('[data-test=duty-head-save]')
      const headError = leader.locator('[data-test=duty-head-form] .el-form-item__error')
      await headError.waitFor()
      assert((await headError.textContent()).trim() === '交通运输局经办人：须为本单位领导。', `the head's error: ${await headError.textContent()}`)
      assert((await text(leader, '[data-test=duty-head]')) === '交通运输局负责人', 'a refused designation changed the head')

      // The leader makes themself a reviewer too, then puts it back.
      await chooseAlso(leader, '[data-test=duty-reviewers-select]', '交通运输局负责人')
      await leader.keyboard.press('Escape')
      await leader.click('[data-test=duty-reviewers-save]')
      await leader.waitForSelector('[data-test=duty-reviewers]:has-text("交通运输局负责人")')
      const both = await leader.locator('[data-test=duty-reviewer]').allTextContents()
      assert(JSON.stringify(both.map((n) => n.trim()).sort()) === JSON.stringify(['交通运输局经办人', '交通运输局负责人'].sort()), `the reviewers: ${both}`)
      await chooseAlso(leader, '[data-test=duty-reviewers-select]', '交通运输局负责人')
      await leader.keyboard.press('Escape')
      await leader.click('[data-test=duty-reviewers-save]')
      await leader.waitForFunction(() => document.querySelectorAll('[data-test=duty-reviewer]').length === 1)
      assert((await text(leader, '[data-test=duty-reviewers]')) === '交通运输局经办人', 'the reviewers were not put back')

      // A handler has no duties page in the navigation.
      const handler = await newPage()
      await signIn(handler, 'jiaotong.handler')
      await handler.waitForSelector('[data-test=nav-applications]')
      assert((await handler.locator('[data-test=nav-duties]').count()) === 0, 'a handler is offered the duties page')
    },

    async 'the unit asks for reasons, the applicant states them and the leader sets a later reply date (Art. 35)'() {
      // The citizen applies on the portal and keeps the tracking code and secret.
      const citizen = await newPage()
      await citizen.goto(`${base}/apply`)
      await citizen.waitForSelector('[data-test=apply-form]')
      await choose(citizen, '[data-test=ap-unit]', '永吉县农业农村局', '农业农村局')
      await citizen.fill('[data-test=ap-name]', '赵德柱')
      await citizen.fill('[data-test=ap-id-number]', idNumber('22022119780312123'))
      await citizen.fill('[data-test=ap-phone]', '13612345678')
      await citizen.fill('[data-test=ap-address]', '吉林省永吉县岔路河镇红星村5组')
      await citizen.fill('[data-test=ap-description]', '2010年至2026年永吉县全部村集体土地承包合同')
      await citizen.click('[data-test=apply-submit]')
      await citizen.waitForSelector('[data-test=submitted]')
      const code = (await citizen.textContent('[data-test=tracking-code]')).trim()
      const secret = (await citizen.textContent('[data-test=tracking-secret]')).trim()
      const track = async () => {
        await citizen.goto(`${base}/track?code=${encodeURIComponent(code)}`)
        await citizen.fill('[data-test=tr-secret]', secret)
        await citizen.click('[data-test=tr-submit]')
        await citizen.waitForSelector('[data-test=track-status]')
      }

      // The handler signs for it and asks for the reasons; the reply period keeps running.
      const handler = await newPage()
      await signIn(handler, 'nongye.handler')
      await handler.click('[data-test=nav-applications]')
      await handler.waitForSelector(`[data-test=applications-table] >> text=${code}`)
      await handler.locator('[data-test=applications-table] .el-table__row', { hasText: code }).locator('[data-test=open-application]').click()
      await handler.click('[data-test=act-sign]')
      await handler.waitForSelector('[data-test=detail-status][data-status=in_progress]')
      const detailUrl = handler.url()
      const due = await text(handler, '[data-test=detail-due]')
      const today = beijingDay()
      const question = '您申请的合同涉及全县17年的村集体土地承包，请说明申请的用途和理由。'
      assert((await text(handler, '[data-test=panel-art35] h3')) === '说明理由与延迟答复（条例第三十五条）', 'no Art. 35 panel')
      await handler.fill('[data-test=rr-question]', question)
      await handler.click('[data-test=act-reasons-request]')
      await handler.waitForSelector('[data-test=art35-question]')
      assert((await text(handler, '[data-test=art35-question]')) === question, 'the question is not shown')
      assert((await text(handler, '[data-test=art35-requested-on]')) === today, 'the request is not dated today')
      assert((await text(handler, '[data-test=art35-awaiting]')) === '尚未说明理由', 'the reasons are not shown as awaited')
      assert((await handler.locator('[data-test=act-reasons-request]').count()) === 0, 'the reasons can be asked for twice')
      assert((await handler.locator('[data-test=act-record-reasons]').count()) === 1, 'the handler cannot record reasons given by letter')
      assert((await handler.locator('[data-test=act-deferral]').count()) === 0, 'a handler is offered the later reply date')
      assert((await text(handler, '[data-test=detail-due]')) === due, 'asking for reasons moved the reply date')
      const requested = await text(handler, '[data-test=event][data-kind=reasons_requested]')
      assert(requested.includes('要求说明理由') && requested.includes(question), `the timeline lacks the request: ${requested}`)

      // The citizen states the reasons on the tracking page.
      await track()
      await citizen.waitForSelector('[data-test=reasons-form]')
      assert((await text(citizen, '[data-test=reasons-question]')) === question, 'the portal does not show the question')
      await accessible(citizen, 'portal reasons form')
      const reasons = '为编写本村村志，需要查阅历年土地承包合同，可以分批提供。'
      await citizen.fill('[data-test=reasons-text]', reasons)
      await citizen.click('[data-test=reasons-submit]')
      await citizen.waitForSelector('[data-test=reasons-sent]')
      await citizen.waitForSelector('[data-test=reasons-form]', { state: 'detached' })
      const givenEvent = await text(citizen, '[data-test=event][data-kind=reasons_given]')
      assert(givenEvent.includes('已说明理由') && givenEvent.includes(reasons), `the portal timeline lacks the reasons: ${givenEvent}`)
      await citizen.screenshot({ path: join(shots, 'portal-track-reasons.png'), fullPage: true })

      // The leader reads them and sets a reasonable later reply date: ten working days after the present one.
      const leader = await newPage()
      await signIn(leader, 'nongye.leader')
      await leader.goto(detailUrl)
      await leader.waitForSelector('[data-test=act-deferral]')
      assert((await text(leader, '[data-test=art35-reasons]')) === reasons, 'the leader does not see the reasons')
      assert((await text(leader, '[data-test=art35-given-on]')) === today, 'the reasons are not dated today')
      assert((await text(leader, '[data-test=detail-due]')) === due, 'the reasons moved the reply date')
      const until = await dueBy(base, due, { working_days: 10 })
      const why = '申请涉及全县17年的土地承包合同2000余份，需逐份调阅、审查。'
      await leader.fill('#df-until', until)
      await leader.keyboard.press('Enter')
      await leader.fill('[data-test=df-reason]', why)
      await leader.screenshot({ path: join(shots, 'console-art35-deferral.png'), fullPage: true })
      await accessible(leader, 'console Art. 35 panel')
      await leader.click('[data-test=act-deferral]')
      await leader.waitForSelector('[data-test=art35-deferred-until]')
      assert((await text(leader, '[data-test=art35-deferred-until]')) === until, `the later reply date is not ${until}`)
      assert((await text(leader, '[data-test=art35-deferral-reason]')) === why, 'the reason of the later date is not shown')
      assert((await text(leader, '[data-test=detail-due]')) === until, `the reply is now due ${await text(leader, '[data-test=detail-due]')}, not ${until}`)
      assert((await leader.locator('[data-test=act-deferral]').count()) === 0, 'the later reply date can be set twice')
      const deferred = await text(leader, '[data-test=event][data-kind=deferred]')
      assert(deferred.includes('确定延迟答复期限') && deferred.includes('新的答复期限') && deferred.includes(until) && deferred.includes(why), `the timeline lacks the later date: ${deferred}`)

      // The applicant is told: the tracking page shows the new date.
      await track()
      assert((await text(citizen, '[data-test=track-due-date]')) === until, `the portal shows ${await text(citizen, '[data-test=track-due-date]')}, not ${until}`)
      assert((await citizen.locator('[data-test=event][data-kind=deferred]').count()) === 1, 'the portal timeline lacks the later date')
      assert((await citizen.locator('[data-test=reasons-form]').count()) === 0, 'the reasons can be given twice')
    },
  }
}
