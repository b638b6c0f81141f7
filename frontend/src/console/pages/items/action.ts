// What the panels of an information item share: its type, the path of its routes, and how the
// server's field names map onto the form's. Each panel runs its step through the common useAction
// and hands the updated item back to the page.
import type { Item } from '../../../common/items'

export type { Item }

export function pathOf(d: Pick<Item, 'unit_id' | 'id'>) {
  return { unit_id: d.unit_id, item_id: d.id }
}

/** The server names a nested draft's fields `draft.title` or `title`: the form knows them as `title`. */
export function draftField(path: string): string {
  return path.replace(/^draft\./, '')
}
