// Files the applicant or a handler uploads, and documents they download.

export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png']
export const MAX_BYTES = 5 * 1024 * 1024

/** The fault of a file the server would refuse, or null. */
export function fileFault(file: { type: string; size: number }): 'file_type' | 'file_size' | null {
  if (!ACCEPTED_TYPES.includes(file.type)) return 'file_type'
  if (file.size > MAX_BYTES) return 'file_size'
  return null
}

/** Offers a downloaded document to the browser under a file name. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** Evidence files are kept in the database: at most 512 KiB each (the API's limit). */
export const MAX_EVIDENCE_BYTES = 512 * 1024

/** The bytes of a file as standard Base64 (with padding), as the API's `content_base64` expects. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  // In chunks: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Evidence is a file or a reference, never both nor neither; a file within the limit. */
export function evidenceFault(file: { size: number } | null, reference: string): 'file_or_reference' | 'evidence_size' | null {
  if (!file === !reference.trim()) return 'file_or_reference'
  if (file && file.size > MAX_EVIDENCE_BYTES) return 'evidence_size'
  return null
}
