import { describe, expect, it } from 'vitest'
import { MAX_EVIDENCE_BYTES, evidenceFault, fileToBase64 } from '../common/files'

describe('evidence files', () => {
  it('encodes the bytes of a file as padded standard Base64', async () => {
    expect(await fileToBase64(new Blob([]))).toBe('')
    expect(await fileToBase64(new Blob(['Man']))).toBe('TWFu')
    expect(await fileToBase64(new Blob(['Ma']))).toBe('TWE=')
    expect(await fileToBase64(new Blob([new Uint8Array([0, 255, 254, 62, 63])]))).toBe('AP/+Pj8=')
    expect(await fileToBase64(new Blob(['证据']))).toBe('6K+B5o2u')
  })

  it('encodes a file larger than one chunk the same as Node does', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256)
    expect(await fileToBase64(new Blob([bytes]))).toBe(Buffer.from(bytes).toString('base64'))
  })

  it('asks for a file or a reference, and a file within 512 KiB', () => {
    expect(evidenceFault(null, '')).toBe('file_or_reference')
    expect(evidenceFault(null, '   ')).toBe('file_or_reference')
    expect(evidenceFault({ size: 10 }, '永政办〔2026〕1号')).toBe('file_or_reference')
    expect(evidenceFault(null, '永政办〔2026〕1号')).toBeNull()
    expect(evidenceFault({ size: MAX_EVIDENCE_BYTES }, '')).toBeNull()
    expect(evidenceFault({ size: MAX_EVIDENCE_BYTES + 1 }, '')).toBe('evidence_size')
  })
})
