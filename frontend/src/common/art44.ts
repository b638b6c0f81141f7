// Art. 44: information that many applicants ask for may become proactive disclosure (纳入主动公开).
// The handler names what an application asks for (its topic); when enough different applicants ask
// the unit for the same topic, its leaders are prompted; an applicant may suggest it from the
// tracking page. The unit's leader decides each, with a reason. The rules mirror the server's.
import type { Schemas } from '../api/client'
import { chars } from './forms'
import { t, type MessageKey } from '../i18n'

export type Suggestion = Schemas['SuggestionView']
export type SuggestionSource = Schemas['SuggestionSource']
export type SuggestionStatus = Schemas['SuggestionStatus']

export const SUGGESTION_SOURCES: SuggestionSource[] = ['applications', 'applicant']
export const SUGGESTION_STATUSES: SuggestionStatus[] = ['open', 'accepted', 'declined']

/** As the server compares topics: trimmed, inner whitespace collapsed to one space. */
export function normalizeTopic(topic: string): string {
  return topic.split(/\s+/).filter(Boolean).join(' ')
}

/** The topic's fault code, as the server would give it (2–200 characters once normalised). */
export function topicFaults(topic: string): Record<string, string> {
  const n = chars(normalizeTopic(topic))
  if (n === 0) return { topic: 'required' }
  if (n < 2 || n > 200 || chars(topic) > 200) return { topic: 'length' }
  return {}
}

/** The body of `PUT …/topic`. */
export function topicBody(topic: string): Schemas['TopicRequest'] {
  return { topic: normalizeTopic(topic) }
}

/**
 * The topic on the application's page: the unit's handlers name and change it (`edit`), others read
 * it once named (`show`); a correction request (Art. 41) asks for no information and has none.
 */
export function topicControl(d: Pick<Schemas['ApplicationDetail'], 'request_kind' | 'topic'>, permissions: ReadonlySet<string>): 'edit' | 'show' | 'none' {
  if (d.request_kind === 'correction') return 'none'
  if (permissions.has('application.handle')) return 'edit'
  return d.topic ? 'show' : 'none'
}

/** 多名申请人申请同一信息 / 申请人建议. */
export function sourceLabel(source: SuggestionSource): string {
  return t(`a44.source.${source}` as MessageKey)
}

/** 待决定 / 已决定纳入主动公开 / 决定不纳入主动公开. */
export function statusLabel(status: SuggestionStatus): string {
  return t(`a44.status.${status}` as MessageKey)
}

export function statusTagType(status: SuggestionStatus): 'warning' | 'success' | 'info' {
  if (status === 'open') return 'warning'
  return status === 'accepted' ? 'success' : 'info'
}

/** Only the unit's leader (application.approve) decides, and only what is still open. */
export function mayDecide(s: Pick<Suggestion, 'status'>, permissions: ReadonlySet<string>): boolean {
  return s.status === 'open' && permissions.has('application.approve')
}

/** What one suggestion shows to someone holding these permissions in its unit. */
export interface SuggestionControls {
  /** The leader's accept/decline form with its reason. */
  decide: boolean
  /** An open one seen by someone who cannot decide it: it waits for the leader. */
  awaitingLeader: boolean
  /** Accepted: the disclosure module publishes it. */
  publishNote: boolean
}

export function suggestionControls(s: Pick<Suggestion, 'status'>, permissions: ReadonlySet<string>): SuggestionControls {
  const decide = mayDecide(s, permissions)
  return { decide, awaitingLeader: s.status === 'open' && !decide, publishNote: s.status === 'accepted' }
}

/** The leader's decision as filled in: nothing is chosen at first. */
export interface DecisionFields {
  accept: boolean | null
  note: string
}

export function decisionFaults(f: DecisionFields): Record<string, string> {
  const faults: Record<string, string> = {}
  if (f.accept === null) faults.accept = 'required'
  const n = chars(f.note)
  if (n === 0) faults.note = 'required'
  else if (n < 2 || n > 2000) faults.note = 'length'
  return faults
}

/** The body of `POST …/publication-suggestions/{id}/decision`. */
export function decisionBody(f: DecisionFields & { accept: boolean }): Schemas['SuggestionDecisionRequest'] {
  return { accept: f.accept, note: f.note.trim() }
}

/** The applicant's reason on the tracking page: 5–2000 characters. */
export function suggestionReasonFaults(reason: string): Record<string, string> {
  const n = chars(reason)
  if (n === 0) return { reason: 'required' }
  if (n < 5 || n > 2000) return { reason: 'length' }
  return {}
}

export function suggestionRequestBody(reason: string): Schemas['PublicationSuggestionRequest'] {
  return { reason: reason.trim() }
}

/** Where the applicant's suggestion stands on the tracking page. */
export type PortalSuggestion =
  /** A correction request: nothing to suggest. */
  | { state: 'none' }
  /** Not suggested yet: the form. */
  | { state: 'open' }
  | { state: 'made'; reason: string }
  | { state: 'decided'; reason: string; accepted: boolean; note: string }

function details(e: Pick<Schemas['EventView'], 'details'> | undefined): Record<string, unknown> {
  return (e?.details ?? {}) as Record<string, unknown>
}

export function portalSuggestion(p: Pick<Schemas['PublicStatus'], 'request_kind' | 'events'>): PortalSuggestion {
  if (p.request_kind === 'correction') return { state: 'none' }
  const made = p.events.find((e) => e.kind === 'publication_suggested')
  if (!made) return { state: 'open' }
  const reason = typeof details(made).reason === 'string' ? String(details(made).reason) : ''
  const decided = [...p.events].reverse().find((e) => e.kind === 'publication_suggestion_decided')
  if (!decided) return { state: 'made', reason }
  const d = details(decided)
  return { state: 'decided', reason, accepted: d.accepted === true, note: typeof d.note === 'string' ? d.note : '' }
}

/** Links to the unit's applications asking for it, on the console's application pages. */
export function applicationLinks(s: Pick<Suggestion, 'unit_id' | 'application_ids'>): { id: string; to: string }[] {
  return s.application_ids.map((id) => ({ id, to: `/applications/${s.unit_id}/${id}` }))
}

/** The console route of a unit's suggestions page (the prompt email links to it, under /console). */
export function suggestionsRoute(unitId: string): string {
  return `/units/${unitId}/publication-suggestions`
}
