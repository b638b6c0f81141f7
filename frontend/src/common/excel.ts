// Exports the rows a list shows to an Excel file, column by column as on screen.
import writeXlsxFile from 'write-excel-file/browser'

export interface ExportColumn<T> {
  title: string
  value: (row: T) => string | number | null | undefined
  width?: number
}

export async function exportRows<T>(fileName: string, columns: ExportColumn<T>[], rows: T[]) {
  const header = columns.map((c) => ({ value: c.title, fontWeight: 'bold' as const }))
  const body = rows.map((row) =>
    columns.map((c) => {
      const v = c.value(row)
      return typeof v === 'number' ? { type: Number, value: v } : { type: String, value: v == null ? '' : String(v) }
    }),
  )
  // CJK text needs wider columns than Latin text of the same length.
  const widths = columns.map((c) => ({ width: c.width ?? 18 }))
  await writeXlsxFile([header, ...body] as never, { columns: widths }).toFile(fileName)
}
