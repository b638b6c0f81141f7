// Exports the rows a list shows to an Excel file, column by column as on screen.
import writeXlsxFile from 'write-excel-file/browser'

/** A number with its display format, e.g. yuan as `0.00`. */
export interface FormattedNumber {
  value: number
  format: string
}

export interface ExportColumn<T> {
  title: string
  value: (row: T) => string | number | FormattedNumber | null | undefined
  width?: number
}

export async function exportRows<T>(fileName: string, columns: ExportColumn<T>[], rows: T[]) {
  const header = columns.map((c) => ({ value: c.title, fontWeight: 'bold' as const }))
  const body = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row)
      if (typeof v === 'number') return { type: Number, value: v }
      if (v != null && typeof v === 'object') return { type: Number, value: v.value, format: v.format }
      return { type: String, value: v == null ? '' : String(v) }
    }),
  )
  // CJK text needs wider columns than Latin text of the same length.
  const widths = columns.map((c) => ({ width: c.width ?? 18 }))
  await writeXlsxFile([header, ...body] as never, { columns: widths }).toFile(fileName)
}
