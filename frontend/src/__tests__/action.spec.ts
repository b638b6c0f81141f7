import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiFailure } from '../api/client'
import { useAction } from '../common/action'
import { setLocale } from '../i18n'

const toast = vi.hoisted(() => ({ success: vi.fn(), error: vi.fn() }))
vi.mock('element-plus', () => ({ ElMessage: toast }))

const refusal = () =>
  new ApiFailure(400, {
    code: 'validation_failed',
    message: '部分字段有误',
    fields: [
      { field: 'unit_ids[0]', code: 'unknown', message: '单位不存在' },
      { field: 'title', code: 'required', message: '必填' },
    ],
  })

beforeEach(() => {
  setLocale('zh')
  toast.success.mockClear()
  toast.error.mockClear()
})

describe('useAction', () => {
  it('is busy while the step runs, confirms it, then hands the result on', async () => {
    const done = vi.fn()
    const { busy, run } = useAction(done)
    let finish: (v: string) => void = () => {}
    const running = run(() => new Promise<string>((ok) => (finish = ok)))
    expect(busy.value).toBe(true)
    finish('result')
    expect(await running).toBe(true)
    expect(busy.value).toBe(false)
    expect(toast.success).toHaveBeenCalledWith('已办理')
    expect(done).toHaveBeenCalledWith('result')
  })

  it('confirms with the words asked for, or not at all', async () => {
    await useAction(undefined, { success: 'common.saved' }).run(async () => 1)
    expect(toast.success).toHaveBeenLastCalledWith('已保存')
    toast.success.mockClear()
    await useAction(undefined, { success: null }).run(async () => 1)
    expect(toast.success).not.toHaveBeenCalled()
  })

  it('puts a refusal on its fields and in failure, and clears both on the next run', async () => {
    const done = vi.fn()
    const { errors, failure, busy, run } = useAction(done)
    expect(await run(() => Promise.reject(refusal()))).toBe(false)
    expect(errors.value).toEqual({ 'unit_ids[0]': '单位不存在', title: '必填' })
    expect(failure.value).toBe('部分字段有误')
    expect(busy.value).toBe(false)
    expect(done).not.toHaveBeenCalled()
    expect(toast.success).not.toHaveBeenCalled()
    expect(toast.error).not.toHaveBeenCalled()
    await run(async () => 'ok')
    expect(errors.value).toEqual({})
    expect(failure.value).toBe('')
  })

  it('toasts a refusal on pages without an alert, and renames list fields', async () => {
    const first = useAction(undefined, { toast: 'first-field' })
    await first.run(() => Promise.reject(refusal()))
    expect(toast.error).toHaveBeenLastCalledWith('单位不存在')
    const whole = useAction(undefined, { toast: 'message', field: (f) => f.replace(/\[\d+\]$/, '') })
    await whole.run(() => Promise.reject(refusal()))
    expect(toast.error).toHaveBeenLastCalledWith('部分字段有误')
    expect(whole.errors.value).toEqual({ unit_ids: '单位不存在', title: '必填' })
    const bare = useAction(undefined, { toast: 'first-field' })
    await bare.run(() => Promise.reject(new ApiFailure(409, { code: 'conflict', message: '已存在', fields: [] })))
    expect(toast.error).toHaveBeenLastCalledWith('已存在')
  })

  it('shows a refusal of what follows the step the same way', async () => {
    const { failure, run } = useAction(() => Promise.reject(new ApiFailure(403, { code: 'forbidden', message: '无权访问', fields: [] })))
    expect(await run(async () => 'ok')).toBe(false)
    expect(failure.value).toBe('无权访问')
  })

  it('rethrows anything that is not an API refusal', async () => {
    const { busy, run } = useAction()
    await expect(run(() => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug')
    expect(busy.value).toBe(false)
  })
})
