//! The applicant's personal data as domain types: parsed once at the edge, so later code never holds
//! an unchecked identity number or phone, and masked for every list and export.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::CreditCode;

/// A mainland resident identity card number (GB 11643-1999): 17 digits, then a check character
/// computed from them, with a real date of birth inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdCardNumber(String);

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

impl IdCardNumber {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let s: String = raw.trim().chars().map(|c| c.to_ascii_uppercase()).collect();
        if s.chars().count() != 18 {
            return Err("length");
        }
        let bytes = s.as_bytes();
        if !bytes[..17].iter().all(u8::is_ascii_digit) {
            return Err("invalid_format");
        }
        let last = bytes[17];
        if !(last.is_ascii_digit() || last == b'X') {
            return Err("invalid_format");
        }
        let birth = &s[6..14];
        if chrono::NaiveDate::parse_from_str(birth, "%Y%m%d").is_err() || birth < "18900101" {
            return Err("invalid_birth_date");
        }
        let sum: u32 = bytes[..17].iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
        if CHECK[(sum % 11) as usize] != last {
            return Err("invalid_check_digit");
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The kinds of identity document an applicant may give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    /// 居民身份证: checked, check digit included.
    ResidentId,
    /// 护照, 港澳台居民证件 and other documents of natural persons.
    Passport,
    /// 统一社会信用代码, for legal persons and other organisations.
    CreditCode,
    Other,
}

impl IdType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ResidentId => "resident_id",
            Self::Passport => "passport",
            Self::CreditCode => "credit_code",
            Self::Other => "other",
        }
    }
}

/// An identity document number checked according to its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityNumber {
    pub id_type: IdType,
    number: String,
}

impl IdentityNumber {
    pub fn parse(id_type: IdType, raw: &str) -> Result<Self, &'static str> {
        let number = match id_type {
            IdType::ResidentId => IdCardNumber::parse(raw)?.0,
            IdType::CreditCode => CreditCode::parse(raw).map_err(|_| "invalid_credit_code")?.as_str().to_string(),
            IdType::Passport | IdType::Other => {
                let s = raw.trim().to_uppercase();
                let n = s.chars().count();
                if !(5..=32).contains(&n) || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                    return Err("invalid_format");
                }
                s
            }
        };
        Ok(Self { id_type, number })
    }

    pub fn as_str(&self) -> &str {
        &self.number
    }
}

/// A mainland mobile (11 digits from 13–19) or a landline with its area code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
        let digits = digits.strip_prefix("+86").unwrap_or(&digits).to_string();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err("invalid_format");
        }
        let b = digits.as_bytes();
        let mobile = b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]);
        let landline = b.first() == Some(&b'0') && (10..=12).contains(&b.len());
        if !(mobile || landline) {
            return Err("invalid_phone");
        }
        Ok(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `22**************1X`: the first and last two characters stay, so staff can tell records apart
/// without seeing the number.
pub fn mask_id(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    if chars.len() <= 4 {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..2].iter().collect();
    out.push_str(&"*".repeat(chars.len() - 4));
    out.extend(&chars[chars.len() - 2..]);
    out
}

/// `138****1234`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..3].iter().collect();
    out.push_str(&"*".repeat(chars.len() - 7));
    out.extend(&chars[chars.len() - 4..]);
    out
}

/// `张*` / `吉林某某科技有限公司` stays whole: an organisation's name is not personal data.
pub fn mask_name(name: &str, natural_person: bool) -> String {
    if !natural_person {
        return name.to_string();
    }
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => {
            let rest = chars.count();
            format!("{first}{}", "*".repeat(rest.max(1)))
        }
        None => String::new(),
    }
}

/// `z***@example.org`.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

/// `吉林省永吉县口前镇****`: the district stays, the street does not.
pub fn mask_address(address: &str) -> String {
    let chars: Vec<char> = address.chars().collect();
    let keep = chars.len().min(6);
    let mut out: String = chars[..keep].iter().collect();
    if chars.len() > keep {
        out.push_str("****");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_id_card_number_parses_with_its_check_digit() {
        // 17 digits whose weighted sum gives check character X.
        assert!(IdCardNumber::parse("11010519491231002X").is_ok());
        assert!(IdCardNumber::parse("11010519491231002x").is_ok());
        assert_eq!(IdCardNumber::parse("110105194912310021"), Err("invalid_check_digit"));
    }

    #[test]
    fn bad_id_card_numbers_name_their_fault() {
        assert_eq!(IdCardNumber::parse("1101051949123100"), Err("length"));
        assert_eq!(IdCardNumber::parse("1101051949123100AX"), Err("invalid_format"));
        assert_eq!(IdCardNumber::parse("110105194913310029"), Err("invalid_birth_date"));
    }

    #[test]
    fn masks_keep_only_what_tells_records_apart() {
        assert_eq!(mask_id("22020319900101123X"), "22**************3X");
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_name("张三丰", true), "张**");
        assert_eq!(mask_name("吉林某某科技有限公司", false), "吉林某某科技有限公司");
        assert_eq!(mask_email("zhang@example.org"), "z***@example.org");
    }

    #[test]
    fn phones_are_mobiles_or_landlines() {
        assert_eq!(PhoneNumber::parse("138-1234-1234").unwrap().as_str(), "13812341234");
        assert_eq!(PhoneNumber::parse("0432-64201234").unwrap().as_str(), "043264201234");
        assert_eq!(PhoneNumber::parse("12345"), Err("invalid_phone"));
        assert_eq!(PhoneNumber::parse("1381234abcd"), Err("invalid_format"));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// The check character of GB 11643-1999, computed here apart from the parser.
    fn check_char(first17: &str) -> char {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = first17.chars().zip(weights).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
        ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Any text, of any script or length, is answered with a result, never a panic.
        #[test]
        fn parsers_answer_any_text(raw in "\\PC{0,64}") {
            let _ = IdCardNumber::parse(&raw);
            let _ = PhoneNumber::parse(&raw);
            for id_type in [IdType::ResidentId, IdType::Passport, IdType::CreditCode, IdType::Other] {
                let _ = IdentityNumber::parse(id_type, &raw);
            }
            let _ = mask_name(&raw, true);
            let _ = mask_address(&raw);
        }

        /// A well-formed number with a real birth date is accepted, and with any other check
        /// character refused.
        #[test]
        fn the_check_character_decides(
            region in 110000u32..660000, year in 1900i32..2025, day in 0u32..365, seq in 0u32..1000, wrong in 0usize..11,
        ) {
            let birth = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap() + chrono::Days::new(u64::from(day));
            let first17 = format!("{region:06}{}{seq:03}", birth.format("%Y%m%d"));
            let good = check_char(&first17);
            let valid = format!("{first17}{good}");
            prop_assert!(IdCardNumber::parse(&valid).is_ok(), "{}", valid);
            let other = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][wrong];
            if other != good {
                prop_assert_eq!(IdCardNumber::parse(&format!("{first17}{other}")), Err("invalid_check_digit"));
            }
        }

        /// A mask keeps the length and shows at most the first and last two characters.
        #[test]
        fn a_masked_number_hides_its_middle(digits in "[0-9]{17}[0-9X]") {
            let masked = mask_id(&digits);
            prop_assert_eq!(masked.chars().count(), digits.chars().count());
            prop_assert!(masked.chars().skip(2).take(digits.len() - 4).all(|c| c == '*'), "{}", masked);
        }

        /// Mobile numbers typed with spaces, dashes or +86 are the same number.
        #[test]
        fn a_mobile_number_survives_its_punctuation(second in 3u8..10, rest in "[0-9]{9}") {
            let number = format!("1{second}{rest}");
            let typed = format!("+86 {}-{}-{}", &number[..3], &number[3..7], &number[7..]);
            let parsed = PhoneNumber::parse(&typed).unwrap();
            prop_assert_eq!(parsed.as_str(), number.as_str());
        }
    }
}
