// Client-side checks of an applicant's identity document and phone, mirroring the server's
// (api/src/applications/identity.rs and domain.rs). The server stays the judge; these only spare
// the applicant a round trip.

export type IdCardFault = 'length' | 'invalid_format' | 'invalid_birth_date' | 'invalid_check_digit'

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The check character (GB 11643-1999) of the first 17 digits of a resident ID card number. */
export function idCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * ID_WEIGHTS[i], 0)
  return ID_CHECK[sum % 11]
}

function realDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** null when the number is a valid mainland resident ID card number, else the fault. */
export function checkIdCard(raw: string): IdCardFault | null {
  const s = raw.trim().toUpperCase()
  if ([...s].length !== 18) return 'length'
  if (!/^\d{17}[\dX]$/.test(s)) return 'invalid_format'
  const birth = s.slice(6, 14)
  if (!realDate(birth) || birth < '18900101') return 'invalid_birth_date'
  if (idCheckCharacter(s.slice(0, 17)) !== s[17]) return 'invalid_check_digit'
  return null
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

function orgCodeOk(org: string): boolean {
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const v = parseInt(org[i], 36)
    if (Number.isNaN(v)) return false
    sum += v * ORG_WEIGHTS[i]
  }
  const r = 11 - (sum % 11)
  const expected = r === 10 ? 'X' : r === 11 ? '0' : String(r)
  return org[8] === expected
}

/** null when the unified social credit code (GB 32100-2015) is valid, both check characters included. */
export function checkCreditCode(raw: string): 'invalid_credit_code' | 'invalid_check_digit' | null {
  const s = raw.trim().toUpperCase()
  if (s.length !== 18) return 'invalid_credit_code'
  const values = [...s].map((c) => CREDIT_ALPHABET.indexOf(c))
  if (values.some((v) => v < 0) || !/^\d{6}$/.test(s.slice(2, 8))) return 'invalid_credit_code'
  const sum = values.slice(0, 17).reduce((acc, v, i) => acc + v * CREDIT_WEIGHTS[i], 0)
  if (values[17] !== (31 - (sum % 31)) % 31) return 'invalid_check_digit'
  if (!orgCodeOk(s.slice(8, 17))) return 'invalid_check_digit'
  return null
}

/** A passport or another document: 5 to 32 letters, digits or hyphens. */
export function checkOtherDocument(raw: string): 'invalid_format' | null {
  return /^[A-Z0-9-]{5,32}$/.test(raw.trim().toUpperCase()) ? null : 'invalid_format'
}

/** A mainland mobile (11 digits from 13–19) or a landline with its area code; +86 allowed. */
export function checkPhone(raw: string): 'invalid_format' | 'invalid_phone' | null {
  let digits = raw.replace(/[\s\-()]/g, '')
  if (digits.startsWith('+86')) digits = digits.slice(3)
  if (!/^\d*$/.test(digits)) return 'invalid_format'
  const mobile = /^1[3-9]\d{9}$/.test(digits)
  const landline = /^0\d{9,11}$/.test(digits)
  return mobile || landline ? null : 'invalid_phone'
}

export type ApplicantKind =
  | 'natural_person'
  | 'commercial_enterprise'
  | 'research_institution'
  | 'social_welfare_org'
  | 'legal_service_org'
  | 'other_org'
export type IdType = 'resident_id' | 'passport' | 'credit_code' | 'other'

export interface ApplicantFields {
  kind: ApplicantKind
  name: string
  id_type: IdType
  id_number: string
  contact_person?: string | null
  phone: string
  email?: string | null
  address: string
}

/** The identity documents an applicant of this kind may give, as the server accepts them. */
export function idTypesFor(kind: ApplicantKind): IdType[] {
  return kind === 'natural_person' ? ['resident_id', 'passport', 'other'] : ['credit_code', 'other']
}

/** Field path (as the server names it) → fault code, for every field at fault. */
export function applicantFaults(a: ApplicantFields): Record<string, string> {
  const faults: Record<string, string> = {}
  const len = (v: string | null | undefined) => [...(v ?? '').trim()].length
  if (len(a.name) < 1 || len(a.name) > 200) faults['applicant.name'] = 'length'
  if (!idTypesFor(a.kind).includes(a.id_type)) faults['applicant.id_type'] = 'id_type_mismatch'
  else {
    const fault =
      a.id_type === 'resident_id'
        ? checkIdCard(a.id_number)
        : a.id_type === 'credit_code'
          ? checkCreditCode(a.id_number)
          : checkOtherDocument(a.id_number)
    if (fault) faults['applicant.id_number'] = fault
  }
  if (a.kind !== 'natural_person' && len(a.contact_person) === 0) faults['applicant.contact_person'] = 'required'
  if (len(a.contact_person) > 100) faults['applicant.contact_person'] = 'length'
  const phone = checkPhone(a.phone)
  if (phone) faults['applicant.phone'] = phone
  const email = (a.email ?? '').trim()
  if (email && (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)) faults['applicant.email'] = 'email'
  if (len(a.address) < 2 || len(a.address) > 300) faults['applicant.address'] = 'length'
  return faults
}
