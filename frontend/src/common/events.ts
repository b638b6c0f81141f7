// What the timeline says about each step of an application: the facts its details hold, labelled
// and in the reader's language.
import type { Schemas } from '../api/client'
import { outcomeLabel, type Outcome } from './applications'
import { correctionOutcomeLabel, isCorrectionOutcome } from './art41'
import { capacityLabel } from './duties'
import { t, type MessageKey } from '../i18n'

const SHOWN = ['items', 'correct_by', 'days', 'new_due_date', 'answer_by', 'pay_by', 'to_unit_name', 'party_name', 'reason', 'note', 'channel', 'notice_delivery'] as const

/** The labelled facts of one event, in the order the timeline shows them. */
export function eventFacts(e: Pick<Schemas['EventView'], 'details'>): [string, string][] {
  const d = (e.details ?? {}) as Record<string, unknown>
  const out: [string, string][] = []
  // Art. 44: the unit's decision on a suggestion for proactive disclosure, before its reason.
  if (typeof d.accepted === 'boolean') out.push([t('detail.accepted'), t(d.accepted ? 'a44.accept' : 'a44.decline')])
  for (const key of SHOWN) {
    const v = d[key]
    if (v === undefined || v === null || v === '') continue
    const text =
      key === 'channel' ? t(`channel.${String(v)}` as MessageKey) : key === 'notice_delivery' ? t(`noticeDelivery.${String(v)}` as MessageKey) : String(v)
    out.push([t(`detail.${key}` as MessageKey), text])
  }
  // An extension names who agreed to it and in which capacity (Art. 33).
  if (typeof d.agreed_by === 'string' && d.agreed_by) {
    const as = capacityLabel(d.agreed_as)
    out.push([t('detail.agreed_by'), as ? t('detail.agreedAs', { as, name: d.agreed_by }) : d.agreed_by])
  }
  if (isCorrectionOutcome(d.outcome)) {
    // Art. 41: the answer to a correction request, the body it names, and what it says.
    out.push([t('app.outcome'), correctionOutcomeLabel(d.outcome)])
    if (typeof d.body_name === 'string' && d.body_name) out.push([t('detail.body_name'), d.body_name])
    if (typeof d.text === 'string' && d.text) out.push([t('detail.text'), d.text])
  } else if (typeof d.outcome === 'string') out.push([t('app.outcome'), outcomeLabel(d.outcome as Outcome)])
  if (typeof d.party === 'string') out.push([t('act.party'), t(`party.${d.party}` as MessageKey)])
  if (typeof d.result === 'string') out.push([t('detail.result'), t(`cons.${d.result}` as MessageKey)])
  return out
}

/** The event's name, or its kind where the interface has no word for it. */
export function eventLabel(kind: string): string {
  const key = `event.${kind}` as MessageKey
  const label = t(key)
  return label === key ? kind : label
}
