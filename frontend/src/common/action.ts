// One way for every page to run a step against the API: while it runs the form is busy; a refusal
// lands on the fields the server names and in `failure`; success is confirmed and handed on.
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { asFailure, serverFieldErrors, type FieldErrors } from './forms'
import { t, type MessageKey } from '../i18n'

export interface ActionOptions {
  /** The confirmation once the step succeeded; null where the result speaks for itself (a new page). */
  success?: MessageKey | null
  /**
   * Pages with no alert of their own also say a refusal in a toast: the first field's message (the
   * one the person can act on) or the refusal's own message.
   */
  toast?: 'none' | 'first-field' | 'message'
  /** The form's name for a field the server names, e.g. `unit_ids[0]` → `unit_ids`. */
  field?: (path: string) => string
}

/**
 * `done` receives the step's result while still inside the step: a refusal of what it does next
 * (e.g. reloading) is shown the same way. Anything but an API refusal is rethrown, so programming
 * errors are not swallowed.
 */
export function useAction<T = unknown>(done?: (result: T) => unknown, options: ActionOptions = {}) {
  const { success = 'act.done', toast = 'none', field } = options
  const errors = ref<FieldErrors>({})
  const failure = ref('')
  const busy = ref(false)

  async function run(request: () => Promise<T>): Promise<boolean> {
    errors.value = {}
    failure.value = ''
    busy.value = true
    try {
      const result = await request()
      if (success) ElMessage.success(t(success))
      await done?.(result)
      return true
    } catch (e) {
      const f = asFailure(e)
      const fields = serverFieldErrors(f)
      errors.value = field ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [field(k), v])) : fields
      failure.value = f.message
      if (toast === 'first-field') ElMessage.error(f.body.fields[0]?.message ?? f.message)
      else if (toast === 'message') ElMessage.error(f.message)
      return false
    } finally {
      busy.value = false
    }
  }

  return { errors, failure, busy, run }
}
