//! The automatic scan before review (SR 7; the platform's "scan the text before publishing"): personal
//! data, classification marks and the county's sensitive words, each hit with its context and the
//! official mask. The scan only reports; masking is a person's act, one hit at a time, on the record.
//!
//! Numbers are read after folding full-width digits and letters to ASCII, and across single spaces
//! and hyphens between groups of digits (`138 1234 5678`), because that is how they are typed in
//! documents. What it cannot read: numbers split by other characters or written in Chinese numerals,
//! text inside images, and addresses that name neither a village, community or estate nor a road
//! with a house number.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// A mainland resident identity number with a valid check digit.
    IdNumber,
    /// A mainland mobile number.
    Mobile,
    /// A bank card number passing the Luhn check.
    BankCard,
    /// A unified social credit code with a valid check character.
    CreditCode,
    /// A home address below township level.
    Address,
    /// A classification mark (绝密/机密/秘密, ★ with a term, 内部).
    ClassificationMark,
    /// A word of the county's sensitive-word list.
    SensitiveWord,
}

impl HitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IdNumber => "id_number",
            Self::Mobile => "mobile",
            Self::BankCard => "bank_card",
            Self::CreditCode => "credit_code",
            Self::Address => "address",
            Self::ClassificationMark => "classification_mark",
            Self::SensitiveWord => "sensitive_word",
        }
    }

    /// Whether the hit blocks publication until a person resolves it: a classification mark cannot
    /// be masked away, the item must be re-decided.
    pub fn maskable(self) -> bool {
        self != Self::ClassificationMark
    }
}

/// One finding in a text, by byte offsets into that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: HitKind,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Up to 12 characters either side, the hit in 【】.
    pub context: String,
    /// The text that masking puts in its place; `None` for a mark that cannot be masked.
    pub mask: Option<String>,
}

/// Scans `text`; hits are in order of position and never overlap.
pub fn scan(text: &str, words: Option<&AhoCorasick>) -> Vec<Hit> {
    let mut hits = Vec::new();
    number_hits(text, &mut hits);
    credit_code_hits(text, &mut hits);
    address_hits(text, &mut hits);
    mark_hits(text, &mut hits);
    if let Some(words) = words {
        for m in words.find_iter(text) {
            push(text, &mut hits, HitKind::SensitiveWord, m.start(), m.end());
        }
    }
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits {
        if out.last().is_none_or(|last| h.start >= last.end) {
            out.push(h);
        }
    }
    out
}

/// Replaces one hit by its mask; `None` if the hit cannot be masked.
pub fn apply_mask(text: &str, hit: &Hit) -> Option<String> {
    let mask = hit.mask.as_ref()?;
    Some(format!("{}{}{}", &text[..hit.start], mask, &text[hit.end..]))
}

fn push(text: &str, hits: &mut Vec<Hit>, kind: HitKind, start: usize, end: usize) {
    let found = &text[start..end];
    hits.push(Hit {
        kind,
        start,
        end,
        text: found.to_string(),
        context: context(text, start, end),
        mask: mask(kind, found),
    });
}

fn context(text: &str, start: usize, end: usize) -> String {
    let before: String = {
        let mut v: Vec<char> = text[..start].chars().rev().take(12).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[end..].chars().take(12).collect();
    format!("{before}【{}】{after}", &text[start..end])
}

/// The official masked forms: ID `220***********1234`, phone `138****1234`, card and code keep their
/// ends, an address is cut back to the township (the part before the match stays), a word is starred.
fn mask(kind: HitKind, found: &str) -> Option<String> {
    let chars: Vec<char> = found.chars().filter_map(fold).filter(|c| c.is_ascii_alphanumeric()).collect();
    let keep = |head: usize, tail: usize| -> String {
        let n = chars.len();
        let mut s: String = chars[..head.min(n)].iter().collect();
        s.push_str(&"*".repeat(n.saturating_sub(head + tail)));
        s.extend(&chars[n.saturating_sub(tail)..]);
        s
    };
    match kind {
        HitKind::IdNumber | HitKind::Mobile => Some(keep(3, 4)),
        HitKind::BankCard => Some(keep(4, 4)),
        HitKind::CreditCode => Some(keep(6, 4)),
        HitKind::Address => Some("****".to_string()),
        HitKind::SensitiveWord => Some("*".repeat(found.chars().count())),
        HitKind::ClassificationMark => None,
    }
}

/// Folds full-width digits and letters to ASCII, upper-casing letters; other characters unchanged.
fn fold(c: char) -> Option<char> {
    let c = match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFF10 + 0x30)?
        }
        c => c,
    };
    Some(c.to_ascii_uppercase())
}

fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{00A0}' | '-' | '\u{2010}' | '\u{2013}' | '\u{FF0D}')
}

/// A group of digits (with an `X` allowed at its end) between separators: (start, end, folded).
struct Group {
    start: usize,
    end: usize,
    digits: String,
}

/// Runs of digit groups joined by single separators.
fn digit_runs(text: &str) -> Vec<Vec<Group>> {
    let mut runs: Vec<Vec<Group>> = Vec::new();
    let mut run: Vec<Group> = Vec::new();
    let mut group: Option<Group> = None;
    let mut after_separator = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, raw)) = chars.next() {
        let c = fold(raw).unwrap_or(raw);
        let next_is_digit = chars.peek().is_some_and(|&(_, n)| fold(n).unwrap_or(n).is_ascii_digit());
        if c.is_ascii_digit()
            || (c == 'X' && group.as_ref().is_some_and(|g| !g.digits.ends_with('X')) && !next_is_digit)
        {
            if group.as_ref().is_some_and(|g| g.digits.ends_with('X')) {
                // A digit after an X starts afresh: X ends an identity number.
                run.extend(group.take());
                runs.push(std::mem::take(&mut run));
            }
            let g = group.get_or_insert(Group { start: i, end: i, digits: String::new() });
            g.digits.push(c);
            g.end = i + raw.len_utf8();
            after_separator = false;
        } else if is_separator(raw) && group.is_some() && !after_separator && next_is_digit {
            run.extend(group.take());
            after_separator = true;
        } else {
            run.extend(group.take());
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            after_separator = false;
        }
    }
    run.extend(group.take());
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Identity numbers, mobiles and bank cards: in each run, the leftmost whole groups that form one,
/// longest first.
fn number_hits(text: &str, hits: &mut Vec<Hit>) {
    for run in digit_runs(text) {
        let mut i = 0;
        while i < run.len() {
            let mut best: Option<(usize, HitKind)> = None;
            let mut joined = String::new();
            for (j, g) in run.iter().enumerate().skip(i) {
                joined.push_str(&g.digits);
                if joined.len() > 19 {
                    break;
                }
                if joined[..joined.len() - 1].contains('X') {
                    break;
                }
                if let Some(kind) = classify(&joined) {
                    best = Some((j, kind));
                }
            }
            match best {
                Some((j, kind)) => {
                    push(text, hits, kind, run[i].start, run[j].end);
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
}

fn classify(digits: &str) -> Option<HitKind> {
    if valid_id_number(digits) {
        Some(HitKind::IdNumber)
    } else if is_mobile(digits) {
        Some(HitKind::Mobile)
    } else if (15..=19).contains(&digits.len()) && !digits.contains('X') && luhn(digits) {
        Some(HitKind::BankCard)
    } else {
        None
    }
}

/// GB 11643: 17 digits, a valid birth date, and the check character.
pub fn valid_id_number(s: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || !(b'1'..=b'8').contains(&b[0]) {
        return false;
    }
    let (year, month, day) = (&s[6..10], &s[10..12], &s[12..14]);
    let (Ok(y), Ok(m), Ok(d)) = (year.parse::<i32>(), month.parse::<u32>(), day.parse::<u32>()) else {
        return false;
    };
    if !(1900..=2100).contains(&y) || chrono::NaiveDate::from_ymd_opt(y, m, d).is_none() {
        return false;
    }
    let sum: u32 = b[..17].iter().zip(WEIGHTS).map(|(c, w)| u32::from(c - b'0') * w).sum();
    CHECK[(sum % 11) as usize] == b[17]
}

fn is_mobile(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) && b.iter().all(u8::is_ascii_digit)
}

pub fn luhn(s: &str) -> bool {
    let mut sum = 0;
    for (i, c) in s.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// GB 32100: 18 characters of the code alphabet (no I, O, S, V, Z), the last a check character.
pub fn valid_credit_code(s: &str) -> bool {
    const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let values: Option<Vec<u32>> = s.chars().map(|c| ALPHABET.find(c).map(|v| v as u32)).collect();
    let Some(values) = values else { return false };
    if values.len() != 18 {
        return false;
    }
    let mut weight = 1;
    let mut sum = 0;
    for v in &values[..17] {
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    let check = (31 - sum % 31) % 31;
    values[17] == check
}

fn credit_code_hits(text: &str, hits: &mut Vec<Hit>) {
    let mut start = None;
    let mut folded = String::new();
    let flush = |start: &mut Option<usize>, folded: &mut String, end: usize, hits: &mut Vec<Hit>| {
        if let Some(s) = start.take() {
            // A valid identity number is reported as one, not as a code.
            if folded.len() == 18 && folded.bytes().any(|b| b.is_ascii_uppercase()) && valid_credit_code(folded) {
                push(text, hits, HitKind::CreditCode, s, end);
            }
        }
        folded.clear();
    };
    let mut last_end = 0;
    for (i, raw) in text.char_indices() {
        let c = fold(raw).unwrap_or(raw);
        if c.is_ascii_digit() || c.is_ascii_uppercase() {
            start.get_or_insert(i);
            folded.push(c);
            last_end = i + raw.len_utf8();
        } else {
            flush(&mut start, &mut folded, last_end, hits);
        }
    }
    flush(&mut start, &mut folded, last_end, hits);
}

#[allow(clippy::expect_used, reason = "a constant pattern, compiled by the unit tests")]
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"[\p{Han}&&[^镇乡县市区道省的在于和与及、，。；：]]";
    let number = r"(?:[0-9０-９]+|[一二三四五六七八九十百]+)";
    let unit = r"(?:号楼|号院|单元|组|社|号|栋|幢|室|层|排)";
    Regex::new(&format!(
        r"{name}{{1,8}}(?:村|社区|小区|嘎查|屯|家园|花园)(?:{name}{{0,6}}?{number}{unit})*|{name}{{1,10}}(?:路|街|巷|胡同|大道){number}号(?:{number}{unit})*"
    ))
    .expect("the address pattern is valid")
});

fn address_hits(text: &str, hits: &mut Vec<Hit>) {
    for m in ADDRESS.find_iter(text) {
        // A bare village or community name is a place, not a home address: it needs a number.
        if m.as_str()
            .chars()
            .any(|c| fold(c).is_some_and(|c| c.is_ascii_digit()) || "一二三四五六七八九十百".contains(c))
            && m.as_str().chars().any(|c| "号组社栋幢室单元层排".contains(c))
        {
            push(text, hits, HitKind::Address, m.start(), m.end());
        }
    }
}

#[allow(clippy::expect_used, reason = "a constant pattern, compiled by the unit tests")]
static MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:绝密|机密|秘密)\s*★\s*(?:[0-9０-９一二三四五六七八九十]+\s*年|长期)?|绝密|机密|秘密|内部(?:资料|文件|使用|刊物|参考|明电|★)|★",
    )
    .expect("the mark pattern is valid")
});

fn mark_hits(text: &str, hits: &mut Vec<Hit>) {
    for m in MARK.find_iter(text) {
        let before: String = text[..m.start()].chars().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect();
        // "商业秘密", "国家秘密", "个人秘密", "工作秘密" in running text name a kind of secret; they are
        // not marks on this document.
        let bare = matches!(m.as_str(), "秘密" | "机密");
        if bare && ["商业", "国家", "个人", "工作"].iter().any(|p| before.ends_with(p)) {
            continue;
        }
        push(text, hits, HitKind::ClassificationMark, m.start(), m.end());
    }
}

/// Builds the matcher of a word list: leftmost-longest, so "某某工程" wins over "某某".
pub fn word_matcher<S: AsRef<str>>(words: &[S]) -> Option<AhoCorasick> {
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).filter(|w| !w.trim().is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    AhoCorasick::builder().match_kind(aho_corasick::MatchKind::LeftmostLongest).build(words).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(HitKind, String)> {
        scan(text, None).into_iter().map(|h| (h.kind, h.text)).collect()
    }

    #[test]
    fn identity_numbers_are_found_only_with_a_valid_check_digit_and_date() {
        // Valid: the standard's own example and two more worked out by hand.
        for valid in ["11010519491231002X", "22020219800101123X", "220221199003074529"] {
            assert!(valid_id_number(valid), "{valid}");
        }
        // Wrong check digit, impossible date (Feb 30), region starting with 9, 17 digits.
        for invalid in ["110105194912310021", "220202198002301234", "91010519491231002X", "22020219800101123"] {
            assert!(!valid_id_number(invalid), "{invalid}");
        }
        assert_eq!(kinds("身份证号：220221199003074529。"), [(HitKind::IdNumber, "220221199003074529".into())]);
        assert_eq!(kinds("身份证号：220221199003074528。"), []);
    }

    #[test]
    fn full_width_and_spaced_out_numbers_are_read() {
        assert_eq!(
            kinds("证件号码２２０２２１１９９００３０７４５２９，电话138 1234 5678"),
            [
                (HitKind::IdNumber, "２２０２２１１９９００３０７４５２９".into()),
                (HitKind::Mobile, "138 1234 5678".into())
            ]
        );
        assert_eq!(kinds("联系电话：139-0432-1234"), [(HitKind::Mobile, "139-0432-1234".into())]);
        assert_eq!(kinds("身份证 11010519491231002x 号"), [(HitKind::IdNumber, "11010519491231002x".into())]);
        // Two numbers side by side are two hits, not one unreadable run.
        assert_eq!(
            kinds("11010519491231002X 13812345678"),
            [(HitKind::IdNumber, "11010519491231002X".into()), (HitKind::Mobile, "13812345678".into())]
        );
    }

    #[test]
    fn mobiles_need_eleven_digits_starting_13_to_19() {
        assert_eq!(kinds("手机13812345678"), [(HitKind::Mobile, "13812345678".into())]);
        assert_eq!(kinds("手机12812345678"), []);
        assert_eq!(kinds("编号138123456789"), []);
        assert_eq!(kinds("座机0432-64221234"), []);
    }

    #[test]
    fn bank_cards_pass_luhn() {
        assert!(luhn("6222021234567890128"));
        assert!(luhn("4111111111111111"));
        assert!(!luhn("6222021234567890123"));
        assert_eq!(kinds("卡号6222 0212 3456 7890 128"), [(HitKind::BankCard, "6222 0212 3456 7890 128".into())]);
        assert_eq!(kinds("卡号6222021234567890123"), []);
    }

    #[test]
    fn credit_codes_need_their_check_character() {
        for valid in ["91350100M000100Y43", "11220221MB12345676", "91220221MA0Y7B8C27"] {
            assert!(valid_credit_code(valid), "{valid}");
        }
        for invalid in ["91350100M000100Y44", "91350100M000100I43", "91350100M000100Y4"] {
            assert!(!valid_credit_code(invalid), "{invalid}");
        }
        assert_eq!(kinds("统一社会信用代码91220221MA0Y7B8C27"), [(HitKind::CreditCode, "91220221MA0Y7B8C27".into())]);
    }

    #[test]
    fn classification_marks_with_and_without_terms() {
        assert_eq!(kinds("秘密★1年"), [(HitKind::ClassificationMark, "秘密★1年".into())]);
        assert_eq!(kinds("机密★十年 关于"), [(HitKind::ClassificationMark, "机密★十年".into())]);
        assert_eq!(kinds("绝密"), [(HitKind::ClassificationMark, "绝密".into())]);
        assert_eq!(kinds("本件为内部资料"), [(HitKind::ClassificationMark, "内部资料".into())]);
        // Naming a kind of secret in running text is not a mark.
        assert_eq!(kinds("涉及商业秘密和个人隐私的"), []);
        assert_eq!(kinds("属于国家秘密的"), []);
        assert_eq!(kinds("内部事务信息"), []);
    }

    #[test]
    fn home_addresses_below_the_township_are_found_and_cut_back_to_it() {
        let hits = scan("张某住口前镇东兴村三组12号，", None);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].kind, HitKind::Address);
        assert_eq!(hits[0].text, "东兴村三组12号");
        assert_eq!(apply_mask("张某住口前镇东兴村三组12号，", &hits[0]).unwrap(), "张某住口前镇****，");
        assert_eq!(kinds("住所在新华路15号3单元"), [(HitKind::Address, "新华路15号3单元".into())]);
        // A village named without a house is not a home address.
        assert_eq!(kinds("东兴村召开村民大会"), []);
    }

    #[test]
    fn masks_take_the_official_forms() {
        let text = "身份证220221199003074529手机13812341234";
        let hits = scan(text, None);
        assert_eq!(hits[0].mask.as_deref(), Some("220***********4529"));
        assert_eq!(hits[1].mask.as_deref(), Some("138****1234"));
        let card = scan("6222 0212 3456 7890 128", None);
        assert_eq!(card[0].mask.as_deref(), Some("6222***********0128"));
        assert_eq!(scan("秘密★1年", None)[0].mask, None);
    }

    #[test]
    fn the_word_list_matches_leftmost_longest_with_context() {
        let m = word_matcher(&["某某", "某某工程"]).unwrap();
        let hits = scan("关于某某工程的说明", Some(&m));
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].text, "某某工程");
        assert_eq!(hits[0].context, "关于【某某工程】的说明");
        assert_eq!(hits[0].mask.as_deref(), Some("****"));
        assert!(word_matcher::<&str>(&[]).is_none());
    }
}
