// What the action panels of an application share: its type and the path of its routes. Each panel
// runs its step through the common useAction and hands the updated application back to the page.
import type { Schemas } from '../../../api/client'

export type Detail = Schemas['ApplicationDetail']

export function pathOf(d: Pick<Detail, 'unit_id' | 'id'>) {
  return { unit_id: d.unit_id, application_id: d.id }
}
