//! Values that are checked once, when they are made, so later code never holds a bad one.

use serde::Serialize;

/// A login name: 3–64 of `a-z 0-9 . _ -`, stored lower-case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let s = raw.trim().to_ascii_lowercase();
        let ok_len = (3..=64).contains(&s.chars().count());
        let ok_chars = s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        if ok_len && ok_chars { Ok(Self(s)) } else { Err("invalid_username") }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the county's rule: 10–128 characters with at least one letter and one digit.
#[derive(Clone)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let n = raw.chars().count();
        let letters = raw.chars().any(char::is_alphabetic);
        let digits = raw.chars().any(|c| c.is_ascii_digit());
        if (10..=128).contains(&n) && letters && digits { Ok(Self(raw.to_string())) } else { Err("password_too_weak") }
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A unified social credit code (统一社会信用代码, GB 32100-2015), with both of its check
/// characters verified: the organisation code's (GB 11714) and the code's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreditCode(String);

const CREDIT_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

impl CreditCode {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let s = raw.trim().to_ascii_uppercase();
        let chars: Vec<char> = s.chars().collect();
        if chars.len() != 18 {
            return Err("invalid_credit_code");
        }
        let values: Option<Vec<u32>> =
            chars.iter().map(|c| CREDIT_ALPHABET.find(*c).and_then(|i| u32::try_from(i).ok())).collect();
        let Some(values) = values else { return Err("invalid_credit_code") };
        if !chars[2..8].iter().all(char::is_ascii_digit) {
            return Err("invalid_credit_code");
        }
        let sum: u32 = values.iter().zip(CREDIT_WEIGHTS).map(|(v, w)| v * w).sum();
        let check = (31 - sum % 31) % 31;
        if values[17] != check {
            return Err("invalid_check_digit");
        }
        if !org_code_check_ok(&chars[8..17]) {
            return Err("invalid_check_digit");
        }
        Ok(Self(s))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn org_code_check_ok(org: &[char]) -> bool {
    let value = |c: char| c.to_digit(36);
    let mut sum = 0;
    for (c, w) in org.iter().take(8).zip(ORG_WEIGHTS) {
        match value(*c) {
            Some(v) => sum += v * w,
            None => return false,
        }
    }
    let expected = match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        d => char::from_digit(d, 10).unwrap_or('?'),
    };
    org.get(8) == Some(&expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_normalised_and_restricted() {
        assert_eq!(Username::parse(" Kouqian.Leader ").unwrap().as_str(), "kouqian.leader");
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("bad name").is_err());
        assert!(Username::parse("名字").is_err());
    }

    #[test]
    fn passwords_need_length_letters_and_digits() {
        assert!(NewPassword::parse("short1").is_err());
        assert!(NewPassword::parse("onlyletterslong").is_err());
        assert!(NewPassword::parse("1234567890").is_err());
        assert!(NewPassword::parse("Yongji@2026").is_ok());
    }

    #[test]
    fn published_credit_codes_verify_and_altered_ones_do_not() {
        // The example of GB 32100-2015 and well-known company registrations.
        for code in ["91350100M000100Y43", "91110000802100433B", "91440300708461136T"] {
            assert!(CreditCode::parse(code).is_ok(), "{code}");
        }
        assert_eq!(CreditCode::parse("91350100M000100Y44"), Err("invalid_check_digit"));
        assert_eq!(CreditCode::parse("91350100M00010"), Err("invalid_credit_code"));
        assert_eq!(CreditCode::parse("9135010OM000100Y43"), Err("invalid_credit_code"));
    }
}
