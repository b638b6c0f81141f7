// What every action panel of an application does: call the API, show its refusal by field, and
// hand the updated application back to the page.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import type { Schemas } from '../../../api/client'
import { asFailure, serverFieldErrors, type FieldErrors } from '../../../common/forms'
import { t } from '../../../i18n'

export type Detail = Schemas['ApplicationDetail']

export function pathOf(d: Pick<Detail, 'unit_id' | 'id'>) {
  return { unit_id: d.unit_id, application_id: d.id }
}

export function useAction(done: (d: Detail) => void) {
  const errors = ref<FieldErrors>({})
  const failure = ref('')
  const busy = ref(false)

  async function run(request: () => Promise<Detail>): Promise<boolean> {
    errors.value = {}
    failure.value = ''
    busy.value = true
    try {
      const detail = await request()
      ElMessage.success(t('act.done'))
      done(detail)
      return true
    } catch (e) {
      const f = asFailure(e)
      errors.value = serverFieldErrors(f)
      failure.value = f.message
      return false
    } finally {
      busy.value = false
    }
  }

  return { errors, failure, busy, run }
}
