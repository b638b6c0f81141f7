//! Renders real letters with the fonts from `LETTER_FONT_DIR` (default: Debian's fonts-noto-cjk).

// Test helpers outside `#[test]` functions fail loudly too (the workspace allows this only inside tests).
#![allow(clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use gongkai_letters::{Letter, LetterError, LetterKind, LetterRenderer};

fn font_dir() -> PathBuf {
    std::env::var_os("LETTER_FONT_DIR").map_or_else(|| PathBuf::from("/usr/share/fonts/opentype/noto"), PathBuf::from)
}

/// Loading ~90 MB of fonts once is enough for the whole test binary.
fn renderer() -> Arc<LetterRenderer> {
    static RENDERER: OnceLock<Arc<LetterRenderer>> = OnceLock::new();
    let shared = RENDERER
        .get_or_init(|| Arc::new(LetterRenderer::from_font_dir(&font_dir()).expect("CJK fonts in LETTER_FONT_DIR")));
    Arc::clone(shared)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn letter(kind: LetterKind) -> Letter {
    Letter {
        kind,
        issuer: "永吉县口前镇人民政府".to_owned(),
        recipient: "张三".to_owned(),
        tracking_code: "YJ2026-000123".to_owned(),
        document_number: "口前政依申〔2026〕12号".to_owned(),
        issued_on: date(2026, 10, 29),
        received_on: Some(date(2026, 10, 12)),
        request_summary: "2025年度口前镇农村道路建设项目的招标文件及验收报告".to_owned(),
        due_on: Some(date(2026, 11, 9)),
        body: vec!["本段为调用方提供的正文。".to_owned()],
        legal_basis: vec!["《中华人民共和国政府信息公开条例》第三十条".to_owned()],
        contact: "联系电话：0432-64201234".to_owned(),
        amount_yuan: (kind == LetterKind::FeeNotice).then(|| "300.00".to_owned()),
        agreed_by: None,
        remedy: gongkai_letters::Remedy::default(),
    }
}

/// The text of a PDF without any whitespace (pdftotext puts spaces between CJK and Latin runs and breaks
/// lines wherever the layout did), or `None` when poppler's pdftotext is not installed.
fn pdf_text(pdf: &[u8], name: &str) -> Option<String> {
    let pdftotext = Path::new("/usr/bin/pdftotext");
    if !pdftotext.exists() {
        eprintln!("note: /usr/bin/pdftotext not found, text assertions for {name} skipped");
        return None;
    }
    let dir = std::env::temp_dir().join(format!("gongkai-letters-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("write pdf");
    let output = Command::new(pdftotext).args(["-enc", "UTF-8"]).arg(&path).arg("-").output().expect("run pdftotext");
    assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
    std::fs::remove_file(&path).ok();
    let text = String::from_utf8(output.stdout).expect("utf-8 text");
    Some(text.chars().filter(|c| !c.is_whitespace()).collect())
}

/// Asserts that `needles` occur in `haystack` in this order.
fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut from = 0;
    for needle in needles {
        let needle: String = needle.chars().filter(|c| !c.is_whitespace()).collect();
        match haystack[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("{needle:?} not found (in order) in extracted text:\n{haystack}"),
        }
    }
}

#[test]
fn every_kind_renders_a_pdf_with_title_recipient_tracking_code_and_date_in_order() {
    for kind in LetterKind::ALL {
        let pdf = renderer().render(&letter(kind)).unwrap_or_else(|err| panic!("{kind:?}: {err}"));
        assert!(pdf.starts_with(b"%PDF-"), "{kind:?} is not a PDF");
        if let Some(text) = pdf_text(&pdf, &format!("{kind:?}")) {
            assert_in_order(&text, &[kind.title(), "张三", "YJ2026-000123", "2026年10月29日"]);
            assert_in_order(&text, &["口前政依申〔2026〕12号", "本段为调用方提供的正文。", "永吉县口前镇人民政府"]);
        }
    }
}

#[test]
fn each_kind_carries_its_own_legal_wording() {
    let expectations: [(LetterKind, &[&str]); 7] = [
        (LetterKind::Receipt, &["2026年10月12日", "20个工作日内", "2026年11月9日"]),
        (LetterKind::CorrectionNotice, &["第三十条", "一次性告知", "2026年11月9日", "收到补正的申请之日起计算"]),
        (LetterKind::ExtensionNotice, &["第三十三条", "不超过20个工作日", "2026年11月9日"]),
        (LetterKind::ThirdPartyConsultation, &["第三十二条", "15个工作日内", "2026年11月9日"]),
        (LetterKind::FeeNotice, &["国办函〔2020〕109号", "人民币300.00元", "20个工作日内", "视为放弃申请"]),
        (LetterKind::Reply, &["本段为调用方提供的正文。", "60日内", "行政复议", "6个月内", "行政诉讼"]),
        (LetterKind::ThirdPartyDisclosureNotice, &["不同意公开", "公共利益", "第三十二条", "60日内", "6个月内"]),
    ];
    for (kind, needles) in expectations {
        let pdf = renderer().render(&letter(kind)).expect("render");
        if let Some(text) = pdf_text(&pdf, &format!("wording-{kind:?}")) {
            assert_in_order(&text, needles);
        }
    }
}

#[test]
fn caller_text_with_typst_markup_is_shown_literally_and_never_executed() {
    let hostile = [
        r#"#panic("x") $x^2$ *bold* _em_ [link] \ "quoted" <label> @ref"#,
        r#"#let x = 1; #x #{ "code" } `raw` = heading - item + enum / term: x"#,
        r#"]#set text(size: 1pt)[ #include "/etc/passwd" #read("/letter.typ")"#,
    ];
    let mut text_letter = letter(LetterKind::Reply);
    text_letter.recipient = hostile[0].to_owned();
    text_letter.request_summary = hostile[1].to_owned();
    text_letter.body = hostile.iter().map(|s| (*s).to_owned()).collect();
    text_letter.issuer = "#strong[口前镇]".to_owned();
    text_letter.document_number = "$ 口前政依申〔2026〕12号 $".to_owned();

    let pdf = renderer().render(&text_letter).expect("markup in caller text must not break the render");
    assert!(pdf.starts_with(b"%PDF-"));
    if let Some(text) = pdf_text(&pdf, "markup") {
        for needle in hostile {
            assert_in_order(&text, &[needle]);
        }
        assert_in_order(&text, &["$口前政依申〔2026〕12号$", "#strong[口前镇]"]);
    }
}

#[test]
fn long_chinese_text_breaks_across_lines_and_pages() {
    let mut long = letter(LetterKind::Reply);
    long.body = (1..=40)
        .map(|i| format!("{i}. 经检索，本机关保存的与你（单位）申请内容相关的政府信息包括会议纪要、招标文件、合同及验收报告，现予提供。"))
        .collect();
    let pdf = renderer().render(&long).expect("render");
    if let Some(text) = pdf_text(&pdf, "long") {
        assert_in_order(&text, &["1.经检索", "40.经检索", "行政诉讼", "2026年10月29日"]);
    }
}

#[test]
fn a_directory_without_cjk_fonts_is_fonts_missing() {
    let empty = std::env::temp_dir().join(format!("gongkai-letters-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("temp dir");
    std::fs::write(empty.join("not-a-font.ttf"), b"garbage").expect("write");
    assert!(matches!(LetterRenderer::from_font_dir(&empty), Err(LetterError::FontsMissing)));
    assert!(matches!(LetterRenderer::from_font_dir(&empty.join("missing")), Err(LetterError::FontsMissing)));
    std::fs::remove_dir_all(&empty).ok();
}

#[test]
fn a_shared_renderer_renders_from_several_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<LetterRenderer>();

    let shared = renderer();
    let handles: Vec<_> = LetterKind::ALL
        .into_iter()
        .map(|kind| {
            let renderer = Arc::clone(&shared);
            std::thread::spawn(move || renderer.render(&letter(kind)).map(|pdf| pdf.starts_with(b"%PDF-")))
        })
        .collect();
    for handle in handles {
        assert!(handle.join().expect("thread").expect("render"));
    }
}

#[test]
fn dates_are_written_without_leading_zeros() {
    assert_eq!(gongkai_letters::chinese_date(date(2026, 3, 5)), "2026年3月5日");
    assert_eq!(gongkai_letters::chinese_date(date(2026, 10, 29)), "2026年10月29日");
}
