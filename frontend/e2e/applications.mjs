// The whole path of an application for disclosure in the browser (issue 6): a citizen applies on the
// portal → the handler signs for it → asks for correction → the citizen corrects → the leader
// extends → a third party is consulted → the handler drafts, the leader approves → the citizen sees
// the result and downloads the reply letter. Every due date shown is checked against the calendar.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Buffer } from 'node:buffer'

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
  const dueBy = async (from, workingDays) => {
    const r = await fetch(`${base}/api/v1/calendar/due-date?from=${from}&working_days=${workingDays}`)
    return (await r.json()).due_date
  }
  const choose = async (page, selector, text) => {
    await page.click(selector)
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  }

  // --- The citizen applies on the portal ---------------------------------------------------------
  const citizen = await newPage()
  await citizen.goto(`${base}/`)
  await citizen.click('[data-test=home-apply-link]')
  await citizen.waitForSelector('[data-test=apply-form]')
  await citizen.click('[data-test=ap-unit]')
  await citizen.keyboard.type('口前镇')
  await citizen.locator('.el-select-dropdown__item:visible', { hasText: '永吉县口前镇人民政府' }).first().click()
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
      const expected = await dueBy(c.start, c.days)
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
  assert(correctBy === (await dueBy(waiting.start, waiting.days)), `the portal's correction date ${correctBy} is not the calendar's`)
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
  assert(consultDue === (await dueBy(consultStart, 15)), `the consultation is due ${consultDue}, not 15 working days after ${consultStart}`)
  await clocksMatchCalendar(handler, 'while consulting')
  await handler.click('[data-test=consult-answer]')
  await handler.fill('[data-test=ca-answer]', '同意公开。')
  await handler.click('[data-test=ca-submit]')
  await handler.waitForSelector('[data-test=detail-status][data-status=in_progress]')
  // Started and answered on the receipt day: no day is suspended.
  await clocksMatchCalendar(handler, 'after the consultation')

  // --- The handler drafts, the leader approves ---------------------------------------------------
  await choose(handler, '[data-test=rd-outcome]', '予以公开')
  await handler.fill('[data-test=rd-text]', '经审查，您申请的招标文件属于可以公开的政府信息，现予以公开，见附件。')
  await handler.click('[data-test=rd-submit]')
  await handler.waitForSelector('[data-test=detail-status][data-status=reply_pending]')
  await handler.waitForSelector('[data-test=no-actions]')
  await handler.waitForSelector('[data-test=stage][data-step=approval]')
  assert((await handler.locator('[data-test=panel-decision]').count()) === 0, 'a handler is offered the reply decision')
  await handler.screenshot({ path: join(shots, 'console-application-detail.png'), fullPage: true })
  await accessible(handler, 'console application detail')

  await leader.goto(detailUrl)
  await leader.waitForSelector('[data-test=panel-decision]')
  await leader.click('[data-test=dc-secrecy]')
  await leader.click('[data-test=dc-approve]')
  await leader.waitForSelector('[data-test=detail-status][data-status=closed]')
  await leader.waitForSelector('[data-test=approvals]')
  await leader.waitForSelector('[data-test=stage][data-step=done]')
  for (const panel of ['correction', 'extension', 'draft', 'decision', 'fee', 'sign']) {
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
