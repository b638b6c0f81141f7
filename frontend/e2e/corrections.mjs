// Art. 41 in the browser: a citizen asks on the portal to correct a record about them (the record,
// the correction sought, the evidence) → the township signs for it and forwards it to the bureau
// keeping the record → the bureau's handler signs for it → its leader answers 予以更正 → the citizen
// reads the answer on the tracking page. The disclosure-only steps (reply draft, fee) are never offered.
import { join } from 'node:path'
import { Buffer } from 'node:buffer'
import { idNumber } from './applications.mjs'
import { choose, text } from './steps.mjs'

// A 1×1 PNG: the server sniffs the content, so the evidence must really be an image.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

export function correctionScenarios({ base, shots, newPage, signIn, accessible, assert }) {
  const openFromList = async (page, code) => {
    await page.click('[data-test=nav-applications]')
    await page.waitForSelector(`[data-test=applications-table] >> text=${code}`)
    const row = page.locator('[data-test=applications-table] .el-table__row', { hasText: code })
    assert((await row.locator('[data-test=kind-correction]').count()) === 1, 'the list does not mark the correction request')
    await row.locator('[data-test=open-application]').click()
    await page.waitForSelector('[data-test=detail-kind][data-kind=correction]')
  }
  const offered = async (page, panel) => (await page.locator(`[data-test=panel-${panel}]`).count()) === 1

  return {
    async 'a citizen asks to correct a record about them, it is forwarded, and the leader answers 予以更正 (Art. 41)'() {
      // --- The citizen asks on the portal -----------------------------------------------------------
      const citizen = await newPage()
      await citizen.goto(`${base}/apply`)
      await citizen.waitForSelector('[data-test=apply-form]')
      assert((await citizen.locator('[data-test=ap-sought]').count()) === 0, 'an application for information asks for a correction')
      await citizen.click('[data-test=ap-kind-correction]')
      await citizen.waitForSelector('[data-test=ap-sought]')
      const form = await text(citizen, '[data-test=apply-form]')
      assert(form.includes('需要更正的记录（哪个机关保存的什么记录）'), 'the description is not relabelled for a correction')
      assert(form.includes('更正内容及理由（记录哪里不准确、应当如何更正、有何证据）'), 'no field for the correction sought')
      assert((await text(citizen, '[data-test=ap-evidence-hint]')).includes('户口簿'), 'no hint on the evidence')
      assert((await text(citizen, '[data-test=apply-intro]')).includes('条例第四十一条'), 'the intro does not cite Art. 41')
      await choose(citizen, '[data-test=ap-unit]', '永吉县黄榆乡人民政府', '黄榆乡')
      await citizen.fill('[data-test=ap-name]', '王秀兰')
      await citizen.fill('[data-test=ap-id-number]', idNumber('22022119800501122'))
      await citizen.fill('[data-test=ap-phone]', '13712345678')
      await citizen.fill('[data-test=ap-address]', '吉林省永吉县黄榆乡黄榆村3组')
      const record = '本人低保档案中的出生日期记录有误'
      await citizen.fill('[data-test=ap-description]', record)
      // The correction sought is required before anything is sent.
      await citizen.click('[data-test=apply-submit]')
      const soughtError = citizen.locator('.el-form-item', { has: citizen.locator('[data-test=ap-sought]') }).locator('.el-form-item__error')
      await soughtError.waitFor()
      assert((await soughtError.textContent()).trim() === '必填', `no error on the correction sought: ${await soughtError.textContent()}`)
      const sought = '低保档案记载的出生日期为1980年1月5日，应为1980年5月1日，以户口簿为准，附户口簿复印件。'
      await citizen.fill('[data-test=ap-sought]', sought)
      await citizen.screenshot({ path: join(shots, 'portal-apply-correction.png'), fullPage: true })
      await accessible(citizen, 'portal correction request form')
      await citizen.click('[data-test=apply-submit]')
      await citizen.waitForSelector('[data-test=submitted]')
      const code = (await citizen.textContent('[data-test=tracking-code]')).trim()
      const secret = (await citizen.textContent('[data-test=tracking-secret]')).trim()
      assert(code && secret, 'no tracking code or secret shown')
      // The evidence goes with the request, on the receipt page.
      await citizen.setInputFiles('#evidence-file', { name: 'hukou.png', mimeType: 'image/png', buffer: PNG })
      await citizen.waitForSelector('[data-test=evidence-upload] [data-test=uploaded]')
      await accessible(citizen, 'portal correction request submitted')

      const track = async (expectStatus) => {
        await citizen.goto(`${base}/track?code=${encodeURIComponent(code)}`)
        await citizen.fill('[data-test=tr-secret]', secret)
        await citizen.click('[data-test=tr-submit]')
        await citizen.waitForSelector(`[data-test=track-stage][data-status=${expectStatus}]`)
      }
      await track('submitted')
      assert((await citizen.getAttribute('[data-test=track-kind]', 'data-kind')) === 'correction', 'the tracking page does not say it is a correction request')
      assert((await text(citizen, '[data-test=track-kind]')) === '申请更正本人信息记录（条例第四十一条）', 'the kind is not named')
      assert((await text(citizen, '[data-test=track-sought]')) === sought, 'the tracking page does not show the correction sought')

      // --- The township signs for it and forwards it to the bureau keeping the record -------------
      const township = await newPage()
      await signIn(township, 'huangyu.handler')
      await openFromList(township, code)
      assert((await text(township, '[data-test=detail-sought]')) === sought, 'the detail does not show the correction sought')
      assert((await text(township, '[data-test=panel-attachments]')).includes('更正证明材料'), 'the evidence is not on the record')
      await township.click('[data-test=act-sign]')
      await township.waitForSelector('[data-test=detail-status][data-status=in_progress]')
      assert((await text(township, '[data-test=clocks]')).includes('条例第四十一条（未规定期限，参照第三十三条）'), 'the reply clock does not cite Art. 41')
      for (const panel of ['draft', 'fee', 'decision', 'secrecy']) assert(!(await offered(township, panel)), `a correction request offers panel-${panel}`)
      assert(!(await offered(township, 'correction-answer')), 'a handler is offered the answer')
      assert((await text(township, '[data-test=panel-forward] h3')) === '转送有权更正的机关', 'no forward to the body with power to correct')
      await choose(township, '[data-test=fw-unit]', '永吉县民政局', '民政局')
      await township.fill('[data-test=fw-reason]', '该低保档案由县民政局保管，本机关无权更正。')
      await township.click('[data-test=fw-submit]')
      await township.waitForSelector('[data-test=detail-status][data-status=submitted]')
      const forwarded = await text(township, '[data-test=event][data-kind=forwarded]')
      assert(forwarded.includes('转送有权更正的机关') && forwarded.includes('永吉县民政局') && forwarded.includes('本机关无权更正'), `the timeline lacks the forward: ${forwarded}`)

      // --- The bureau's handler signs for it --------------------------------------------------------
      const handler = await newPage()
      await signIn(handler, 'minzheng.handler')
      await openFromList(handler, code)
      const detailUrl = handler.url()
      await handler.click('[data-test=act-sign]')
      await handler.waitForSelector('[data-test=detail-status][data-status=in_progress]')
      assert(await offered(handler, 'forward'), 'the bureau cannot forward it on')
      assert(!(await offered(handler, 'correction-answer')), 'a handler is offered the answer')

      // --- …and its leader answers 予以更正 -----------------------------------------------------------
      const leader = await newPage()
      await signIn(leader, 'minzheng.leader')
      await leader.goto(detailUrl)
      await leader.waitForSelector('[data-test=panel-correction-answer]')
      for (const panel of ['draft', 'fee', 'decision']) assert(!(await offered(leader, panel)), `the leader is offered panel-${panel}`)
      const outcomes = (await leader.locator('[data-test^=a41-outcome-]').allTextContents()).map((o) => o.trim())
      assert(JSON.stringify(outcomes) === JSON.stringify(['予以更正', '不予更正', '告知向有权更正的机关提出']), `the outcomes: ${outcomes}`)
      // The body with power to correct is asked for only when the applicant is directed elsewhere.
      assert((await leader.locator('[data-test=a41-body]').count()) === 0, 'the body field shows before directed_elsewhere')
      await leader.click('[data-test=a41-outcome-directed_elsewhere]')
      await leader.waitForSelector('[data-test=a41-body]')
      await leader.click('[data-test=a41-outcome-corrected]')
      await leader.waitForSelector('[data-test=a41-body]', { state: 'detached' })
      const answer = '经核对户口簿，已将您低保档案中的出生日期更正为1980年5月1日。'
      await leader.fill('[data-test=a41-text]', answer)
      await leader.screenshot({ path: join(shots, 'console-correction-answer.png'), fullPage: true })
      await accessible(leader, 'console correction answer')
      await leader.click('[data-test=a41-submit]')
      await leader.waitForSelector('[data-test=detail-status][data-status=closed]')
      assert((await text(leader, '[data-test=closed-outcome]')) === '予以更正', 'the closed request does not show its answer')
      assert((await text(leader, '[data-test=closed-text]')) === answer, 'the closed request does not show the text')
      assert(!(await offered(leader, 'correction-answer')) && !(await offered(leader, 'forward')), 'a closed request can still be answered or forwarded')
      const answered = await text(leader, '[data-test=event][data-kind=correction_answered]')
      assert(answered.includes('答复更正申请') && answered.includes('予以更正') && answered.includes(answer), `the timeline lacks the answer: ${answered}`)

      // --- The citizen reads the answer ----------------------------------------------------------------
      await track('closed')
      assert((await text(citizen, '[data-test=track-outcome]')) === '予以更正', `the portal shows ${await text(citizen, '[data-test=track-outcome]')}`)
      assert((await text(citizen, '[data-test=track-reply-text]')) === answer, 'the portal does not show the answer')
      assert((await citizen.locator('[data-test=track-correction-body]').count()) === 0, 'a body is named for a corrected record')
      const kinds = await citizen.$$eval('[data-test=event]', (els) => els.map((e) => e.dataset.kind))
      for (const k of ['submitted', 'received', 'forwarded', 'correction_answered']) assert(kinds.includes(k), `the portal timeline lacks ${k}: ${kinds.join(', ')}`)
      await citizen.screenshot({ path: join(shots, 'portal-track-correction-answered.png'), fullPage: true })
      await accessible(citizen, 'portal tracking page of an answered correction request')

      // --- A correction request brought to the counter is registered the same way ---------------------
      await handler.goto(`${base}/console/applications/new`)
      await handler.waitForSelector('[data-test=register-form]')
      await handler.click('[data-test=rg-kind-correction]')
      await handler.waitForSelector('[data-test=rg-sought]')
      await handler.fill('[data-test=ap-name]', '李桂芝')
      await handler.fill('[data-test=ap-id-number]', idNumber('22022119650312124'))
      await handler.fill('[data-test=ap-phone]', '13812345670')
      await handler.fill('[data-test=ap-address]', '吉林省永吉县口前镇文化街6号')
      await handler.fill('[data-test=rg-description]', '本人临时救助档案中的家庭住址记录有误')
      await handler.click('[data-test=rg-submit]')
      const counterError = handler.locator('.el-form-item', { has: handler.locator('[data-test=rg-sought]') }).locator('.el-form-item__error')
      await counterError.waitFor()
      assert((await counterError.textContent()).trim() === '必填', `the counter form takes a correction without what it seeks: ${await counterError.textContent()}`)
      const counterSought = '档案记载的家庭住址为文化街9号，应为文化街6号，附户口簿复印件。'
      await handler.fill('[data-test=rg-sought]', counterSought)
      await accessible(handler, 'console correction request registration')
      await handler.click('[data-test=rg-submit]')
      await handler.waitForSelector('[data-test=detail-status][data-status=in_progress]')
      await handler.waitForSelector('[data-test=detail-kind][data-kind=correction]')
      assert((await text(handler, '[data-test=detail-sought]')) === counterSought, 'the registered request lacks the correction sought')
      assert(!(await offered(handler, 'draft')) && !(await offered(handler, 'fee')), 'a registered correction request offers the draft or the fee')
      assert(await offered(handler, 'forward'), 'a registered correction request cannot be forwarded')
    },
  }
}
