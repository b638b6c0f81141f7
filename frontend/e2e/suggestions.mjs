// Art. 44 in the browser: three applicants (passports, through the portal's API) ask 西阳镇 for the
// same information → its handler names two of them with the same topic through the API and the
// third on the application's page → the leader is emailed a prompt linking to the unit's
// 主动公开建议 page, where the handler sees it waiting for the leader, and the leader finds it with
// its 3 applicants and their applications and accepts it with a reason → one applicant suggests
// proactive disclosure on the tracking page → the leader declines that suggestion with a reason →
// the applicant reads the decision and its reason on the tracking page.
import { join } from 'node:path'
import { apiCall, mailTo, text } from './steps.mjs'

const UNIT = 'xiyang'
const UNIT_NAME = '永吉县西阳镇人民政府'
const LEADER_MAIL = 'xiyang.leader@yongji.example.org'
const TOPIC = '2026年农村公路建设项目招标结果'

export function suggestionScenarios({ base, data, shots, newPage, signIn, accessible, assert }) {

  /** An application by one applicant with a passport, through the portal's API; returns its code and secret. */
  async function applyWithPassport(unitId, { name, passport, phone }) {
    const r = await fetch(`${base}/api/v1/public/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({
        unit_id: unitId,
        applicant: { kind: 'natural_person', name, id_type: 'passport', id_number: passport, phone, address: '吉林省永吉县西阳镇西阳村2组' },
        description: '请公开2026年西阳镇农村公路建设项目的招标结果（中标单位、中标金额）',
        delivery_form: 'paper',
      }),
    })
    const body = await r.json()
    assert(r.status === 201, `the application was not taken: ${r.status} ${JSON.stringify(body)}`)
    return { code: body.tracking_code, secret: body.secret }
  }

  return {
    async 'three applicants ask for the same information; the leader is prompted and decides, and an applicant suggests proactive disclosure (Art. 44)'() {
      const unit = (await (await fetch(`${base}/api/v1/directory`)).json()).units.find((u) => u.slug === UNIT)
      assert(unit, `no unit ${UNIT}`)
      const applicants = [
        { name: 'John Smith', passport: 'E44000001', phone: '13600440001' },
        { name: '金美英', passport: 'M44000002', phone: '13600440002' },
        { name: '佐藤健', passport: 'TK4400003', phone: '13600440003' },
      ]
      const apps = []
      for (const a of applicants) apps.push(await applyWithPassport(unit.id, a))

      // --- The handler names what they ask for: two through the API, the third on its page ---------
      const handler = await newPage()
      await signIn(handler, `${UNIT}.handler`)
      for (const app of apps) {
        const found = await apiCall(handler, 'GET', `/api/v1/units/${unit.id}/applications?q=${encodeURIComponent(app.code)}`)
        assert(found.status === 200 && found.body.items.length === 1, `cannot find ${app.code}: ${JSON.stringify(found)}`)
        app.id = found.body.items[0].id
      }
      for (const app of apps.slice(0, 2)) {
        const named = await apiCall(handler, 'PUT', `/api/v1/units/${unit.id}/applications/${app.id}/topic`, { topic: `  ${TOPIC} ` })
        assert(named.status === 200 && named.body.topic === TOPIC, `the topic was not set: ${JSON.stringify(named)}`)
      }
      await handler.goto(`${base}/console/applications/${unit.id}/${apps[2].id}`)
      await handler.waitForSelector('[data-test=panel-topic]')
      assert((await text(handler, '[data-test=panel-topic] h3')) === '信息主题（用于统计同类申请，条例第四十四条）', 'the topic control is not titled')
      assert((await text(handler, '[data-test=topic-none]')) === '尚未填写', 'an unnamed application shows a topic')
      // An empty topic is refused before anything is sent.
      await handler.click('[data-test=topic-submit]')
      const topicError = handler.locator('[data-test=panel-topic] .el-form-item__error')
      await topicError.waitFor()
      assert((await topicError.textContent()).trim() === '必填', `no error on an empty topic: ${await topicError.textContent()}`)
      await handler.fill('[data-test=topic-input]', ` ${TOPIC}  `)
      await handler.click('[data-test=topic-submit]')
      await handler.waitForSelector('[data-test=topic-current]')
      assert((await text(handler, '[data-test=topic-current]')) === TOPIC, `the topic shown: ${await text(handler, '[data-test=topic-current]')}`)
      await handler.screenshot({ path: join(shots, 'console-application-topic.png'), fullPage: true })
      await accessible(handler, 'console application with its topic')

      // --- The leader is prompted by email, linking to the unit's suggestions page -----------------
      const link = `${base}/console/units/${unit.id}/publication-suggestions`
      const mail = await mailTo(data, LEADER_MAIL, `【主动公开建议】${TOPIC}`)
      assert(mail.includes(link), 'the prompt email does not link to the suggestions page')
      assert(mail.includes('3 位不同的申请人'), 'the prompt email does not count the applicants')

      // The handler sees the prompt wait for the leader, and no decision form.
      await handler.click('[data-test=nav-suggestions]')
      await handler.waitForSelector('[data-test=suggestions-page][data-state=ready]')
      assert(new URL(handler.url()).pathname === `/console/units/${unit.id}/publication-suggestions`, `the nav entry opened ${handler.url()}`)
      const seenByHandler = handler.locator('[data-test=suggestion][data-source=applications]', { hasText: TOPIC })
      await seenByHandler.waitFor()
      assert((await seenByHandler.locator('[data-test=sg-form]').count()) === 0, 'a handler is offered the decision')
      assert((await text(seenByHandler, '[data-test=sg-awaiting]')) === '由本单位领导研究决定。', 'the prompt does not say the leader decides')

      const leader = await newPage()
      await signIn(leader, `${UNIT}.leader`)
      const nav = leader.locator('[data-test=nav-suggestions]')
      assert((await nav.textContent()).trim() === '主动公开建议', 'no nav entry for the suggestions')
      assert((await nav.getAttribute('href')) === `/console/units/${unit.id}/publication-suggestions`, `the nav entry links to ${await nav.getAttribute('href')}`)
      await leader.goto(link)
      await leader.waitForSelector('[data-test=suggestions-page][data-state=ready]')
      const prompt = leader.locator('[data-test=suggestion][data-source=applications]', { hasText: TOPIC })
      await prompt.waitFor()
      assert((await text(prompt, '[data-test=sg-source]')) === '多名申请人申请同一信息', 'the source is not named')
      assert((await prompt.locator('[data-test=sg-applicants]').getAttribute('data-count')) === '3', 'the prompt does not count 3 applicants')
      assert((await text(prompt, '[data-test=sg-applicants]')) === '3 位不同申请人', `the count reads ${await text(prompt, '[data-test=sg-applicants]')}`)
      assert((await text(prompt, '[data-test=sg-status]')) === '待决定', 'the prompt is not open')
      for (const app of apps) await prompt.locator('[data-test=sg-application]', { hasText: app.code }).waitFor()
      assert((await prompt.locator('[data-test=sg-application]').count()) === 3, 'the prompt does not link the three applications')

      // A decision needs its choice and its reason.
      await prompt.locator('[data-test=sg-submit]').click()
      await prompt.locator('.el-form-item__error').nth(1).waitFor()
      const errors = (await prompt.locator('.el-form-item__error').allTextContents()).map((e) => e.trim())
      assert(JSON.stringify(errors) === JSON.stringify(['必填', '必填']), `the errors: ${errors}`)
      await prompt.locator('[data-test=sg-accept-true]').click()
      const reason = '三位申请人申请同一信息，公众关注度高，应当主动公开。'
      await prompt.locator('[data-test=sg-note-input]').fill(reason)
      await leader.screenshot({ path: join(shots, 'console-publication-suggestions.png'), fullPage: true })
      await accessible(leader, 'console suggestions page with the decision form')
      await prompt.locator('[data-test=sg-submit]').click()
      const accepted = leader.locator('[data-test=suggestion][data-source=applications][data-status=accepted]', { hasText: TOPIC })
      await accepted.waitFor()
      assert((await text(accepted, '[data-test=sg-status]')) === '已决定纳入主动公开', 'the status does not say it is accepted')
      assert((await text(accepted, '[data-test=sg-published]')) === '已决定纳入主动公开，将在主动公开模块发布。', 'no word on where it is published')
      assert((await text(accepted, '[data-test=sg-note]')) === reason, 'the reason is not shown')
      assert((await accepted.locator('[data-test=sg-form]').count()) === 0, 'a decided prompt still offers the form')
      // The applications link to their pages.
      await accepted.locator('[data-test=sg-application]', { hasText: apps[0].code }).click()
      await leader.waitForSelector('[data-test=detail-code]')
      assert((await text(leader, '[data-test=detail-code]')) === apps[0].code, 'the link opened another application')
      assert((await text(leader, '[data-test=topic-current]')) === TOPIC, 'the application does not show its topic')

      // --- An applicant suggests proactive disclosure on the tracking page ------------------------
      const citizen = await newPage()
      const track = async () => {
        await citizen.goto(`${base}/track?code=${encodeURIComponent(apps[0].code)}`)
        await citizen.fill('[data-test=tr-secret]', apps[0].secret)
        await citizen.click('[data-test=tr-submit]')
        await citizen.waitForSelector('[data-test=track-publication]')
      }
      await track()
      assert((await citizen.getAttribute('[data-test=track-publication]', 'data-state')) === 'open', 'no suggestion form')
      assert((await text(citizen, '[data-test=track-publication] h3')) === '建议将该信息纳入主动公开（条例第四十四条）', 'the form is not titled')
      await citizen.click('[data-test=publication-submit]')
      const reasonError = citizen.locator('[data-test=track-publication] .el-form-item__error')
      await reasonError.waitFor()
      assert((await reasonError.textContent()).trim() === '必填', `no error on an empty reason: ${await reasonError.textContent()}`)
      const suggestion = '农村公路建设事关全镇群众出行，招标结果应当让大家都知道。'
      await citizen.fill('[data-test=publication-reason]', suggestion)
      await accessible(citizen, 'portal tracking page with the suggestion form')
      await citizen.click('[data-test=publication-submit]')
      await citizen.waitForSelector('[data-test=track-publication][data-state=made]')
      assert((await text(citizen, '[data-test=publication-made]')).includes('您已建议将该信息纳入主动公开'), 'the page does not say the suggestion was made')
      assert((await citizen.locator('[data-test=publication-form]').count()) === 0, 'the form is offered again')
      const made = await text(citizen, '[data-test=event][data-kind=publication_suggested]')
      assert(made.includes('建议纳入主动公开') && made.includes(suggestion), `the timeline lacks the suggestion: ${made}`)
      await citizen.screenshot({ path: join(shots, 'portal-track-publication-suggested.png'), fullPage: true })
      await accessible(citizen, 'portal tracking page after the suggestion')

      // --- The leader declines it with a reason; the applicant reads the decision ------------------
      await leader.goto(link)
      await leader.waitForSelector('[data-test=suggestions-page][data-state=ready]')
      const fromApplicant = leader.locator('[data-test=suggestion][data-source=applicant][data-status=open]')
      await fromApplicant.waitFor()
      assert((await text(fromApplicant, '[data-test=sg-source]')) === '申请人建议', 'the applicant’s suggestion is not named')
      assert((await text(fromApplicant, '[data-test=sg-reason]')) === suggestion, 'the applicant’s reason is not shown')
      assert((await text(fromApplicant, '[data-test=sg-topic]')) === TOPIC, 'the suggestion is not named by the topic')
      await fromApplicant.locator('[data-test=sg-application]', { hasText: apps[0].code }).waitFor()
      await fromApplicant.locator('[data-test=sg-accept-false]').click()
      const note = '该信息已决定纳入主动公开，将与同类申请一并在主动公开栏目发布。'
      await fromApplicant.locator('[data-test=sg-note-input]').fill(note)
      await fromApplicant.locator('[data-test=sg-submit]').click()
      const declined = leader.locator('[data-test=suggestion][data-source=applicant][data-status=declined]')
      await declined.waitFor()
      assert((await text(declined, '[data-test=sg-status]')) === '决定不纳入主动公开', 'the status does not say it is declined')
      // Decided ones come after the open ones; nothing is left to decide.
      assert((await leader.locator('[data-test=sg-form]').count()) === 0, 'something is still offered for decision')
      await accessible(leader, 'console suggestions page once decided')

      await track()
      await citizen.waitForSelector('[data-test=track-publication][data-state=decided]')
      assert((await citizen.getAttribute('[data-test=publication-decision]', 'data-accepted')) === 'false', 'the decision is not shown as declined')
      assert((await text(citizen, '[data-test=publication-decision]')) === `${UNIT_NAME}决定不将该信息纳入主动公开。`, `the decision reads ${await text(citizen, '[data-test=publication-decision]')}`)
      assert((await text(citizen, '[data-test=publication-note]')) === note, 'the decision’s reason is not shown')
      const decided = await text(citizen, '[data-test=event][data-kind=publication_suggestion_decided]')
      assert(decided.includes('主动公开建议已决定') && decided.includes('不纳入主动公开') && decided.includes(note), `the timeline lacks the decision: ${decided}`)
      await citizen.screenshot({ path: join(shots, 'portal-track-publication-decided.png'), fullPage: true })
      await accessible(citizen, 'portal tracking page with the decision')
    },
  }
}
