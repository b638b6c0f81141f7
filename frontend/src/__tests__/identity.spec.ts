import { describe, expect, it } from 'vitest'
import { applicantFaults, checkCreditCode, checkIdCard, checkPhone, idCheckCharacter, type ApplicantFields } from '../common/identity'

describe('identity checks mirror the server', () => {
  it('computes the ID card check character, X included', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X')
    expect(checkIdCard('11010519491231002X')).toBeNull()
    expect(checkIdCard('11010519491231002x')).toBeNull()
    expect(checkIdCard(' 11010519491231002X ')).toBeNull()
  })

  it('names the fault of a bad ID card number as the server does', () => {
    expect(checkIdCard('110105194912310021')).toBe('invalid_check_digit')
    expect(checkIdCard('1101051949123100')).toBe('length')
    expect(checkIdCard('1101051949123100AX')).toBe('invalid_format')
    expect(checkIdCard('110105194913310029')).toBe('invalid_birth_date')
    expect(checkIdCard('110105202302290010')).toBe('invalid_birth_date')
    expect(checkIdCard('110105188001010010')).toBe('invalid_birth_date')
  })

  it('accepts every check character it computes', () => {
    for (const body of ['22022119900101123', '22020319851231004', '11010520000229001']) {
      expect(checkIdCard(body + idCheckCharacter(body))).toBeNull()
    }
  })

  it('checks both check characters of a unified social credit code', () => {
    expect(checkCreditCode('112202216197267615')).toBeNull()
    expect(checkCreditCode('112202216197267616')).toBe('invalid_check_digit')
    expect(checkCreditCode('11220221619726761')).toBe('invalid_credit_code')
    expect(checkCreditCode('11AB02216197267615')).toBe('invalid_credit_code')
  })

  it('takes mobiles and landlines, with separators and +86', () => {
    expect(checkPhone('138-1234-1234')).toBeNull()
    expect(checkPhone('+86 13812341234')).toBeNull()
    expect(checkPhone('0432-64201234')).toBeNull()
    expect(checkPhone('12345')).toBe('invalid_phone')
    expect(checkPhone('1381234abcd')).toBe('invalid_format')
  })

  it('asks an organisation for a contact person and a credit code, a person for a personal document', () => {
    const person: ApplicantFields = { kind: 'natural_person', name: '张三', id_type: 'resident_id', id_number: '11010519491231002X', phone: '13812341234', address: '吉林省永吉县口前镇' }
    expect(applicantFaults(person)).toEqual({})
    expect(applicantFaults({ ...person, id_type: 'credit_code' })).toEqual({ 'applicant.id_type': 'id_type_mismatch' })
    const company: ApplicantFields = { ...person, kind: 'commercial_enterprise', name: '吉林某某科技有限公司', id_type: 'credit_code', id_number: '112202216197267615' }
    expect(applicantFaults(company)).toEqual({ 'applicant.contact_person': 'required' })
    expect(applicantFaults({ ...company, contact_person: '李四' })).toEqual({})
    expect(applicantFaults({ ...company, contact_person: '李四', id_type: 'resident_id' })).toEqual({ 'applicant.id_type': 'id_type_mismatch' })
    expect(applicantFaults({ ...person, phone: '1', email: 'nope', address: 'x' })).toEqual({
      'applicant.phone': 'invalid_phone',
      'applicant.email': 'email',
      'applicant.address': 'length',
    })
  })
})
