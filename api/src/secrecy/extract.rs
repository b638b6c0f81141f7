//! The text of an uploaded document, so the scan reads attachments as it reads the body: the text
//! layer of a PDF, the paragraphs of a .docx, the cells of a .xlsx. What cannot be read is said,
//! never guessed: images and scanned PDFs without a text layer go to the reviewer's own eyes.

use std::io::{Cursor, Read};

use serde::Serialize;
use utoipa::ToSchema;

/// The documents an item may carry, recognised from their bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Pdf,
    Docx,
    Xlsx,
    Jpeg,
    Png,
}

impl DocumentKind {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }
}

/// Why a document's text could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unreadable {
    /// A picture: its text (a scan, a photo of a notice) must be checked by eye.
    Image,
    /// A PDF without a text layer (a scan).
    NoTextLayer,
    /// An encrypted PDF.
    Encrypted,
    /// The file is damaged or not what its first bytes say.
    Damaged,
}

impl Unreadable {
    pub fn code(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::NoTextLayer => "no_text_layer",
            Self::Encrypted => "encrypted",
            Self::Damaged => "damaged",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Image, Self::NoTextLayer, Self::Encrypted, Self::Damaged].into_iter().find(|u| u.code() == code)
    }
}

/// The most text kept from one document; the rest of a longer one is not scanned, and says so.
pub const MAX_TEXT_BYTES: usize = 4 * 1024 * 1024;
/// The most an Office part may inflate to before it is refused as a zip bomb.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The kind of a document from its bytes: PDF, JPEG, PNG, or an Office Open XML package holding a
/// Word document or a workbook. Anything else is refused.
pub fn sniff(bytes: &[u8]) -> Option<DocumentKind> {
    if bytes.starts_with(b"%PDF-") {
        return Some(DocumentKind::Pdf);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(DocumentKind::Jpeg);
    }
    if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        return Some(DocumentKind::Png);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
        let has = |name: &str| archive.index_for_name(name).is_some();
        if has("word/document.xml") {
            return Some(DocumentKind::Docx);
        }
        if has("xl/workbook.xml") {
            return Some(DocumentKind::Xlsx);
        }
    }
    None
}

/// The text of a document, or why it has none.
pub fn text_of(kind: DocumentKind, bytes: &[u8]) -> Result<String, Unreadable> {
    let text = match kind {
        DocumentKind::Jpeg | DocumentKind::Png => return Err(Unreadable::Image),
        DocumentKind::Pdf => pdf_text(bytes)?,
        DocumentKind::Docx => docx_text(bytes)?,
        DocumentKind::Xlsx => xlsx_text(bytes)?,
    };
    let mut text = text;
    if text.len() > MAX_TEXT_BYTES {
        let mut cut = MAX_TEXT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    Ok(text)
}

fn pdf_text(bytes: &[u8]) -> Result<String, Unreadable> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|_| Unreadable::Damaged)?;
    if doc.is_encrypted() {
        return Err(Unreadable::Encrypted);
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut text = String::new();
    for page in pages {
        // A page whose text cannot be decoded leaves the others readable.
        if let Ok(t) = doc.extract_text(&[page]) {
            text.push_str(&t);
            text.push('\n');
        }
    }
    if text.trim().is_empty() { Err(Unreadable::NoTextLayer) } else { Ok(text) }
}

fn part(bytes: &[u8], name: &str) -> Result<Option<String>, Unreadable> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Unreadable::Damaged)?;
    let Ok(file) = archive.by_name(name) else { return Ok(None) };
    let mut xml = String::new();
    file.take(MAX_PART_BYTES + 1).read_to_string(&mut xml).map_err(|_| Unreadable::Damaged)?;
    if xml.len() as u64 > MAX_PART_BYTES {
        return Err(Unreadable::Damaged);
    }
    Ok(Some(xml))
}

fn parse(xml: &str) -> Result<roxmltree::Document<'_>, Unreadable> {
    roxmltree::Document::parse_with_options(xml, roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() })
        .map_err(|_| Unreadable::Damaged)
}

fn docx_text(bytes: &[u8]) -> Result<String, Unreadable> {
    let xml = part(bytes, "word/document.xml")?.ok_or(Unreadable::Damaged)?;
    let doc = parse(&xml)?;
    let mut text = String::new();
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        for n in p.descendants() {
            if n.has_tag_name((W, "t")) {
                text.push_str(n.text().unwrap_or(""));
            } else if n.has_tag_name((W, "tab")) {
                text.push('\t');
            } else if n.has_tag_name((W, "br")) {
                text.push('\n');
            }
        }
        text.push('\n');
    }
    Ok(text)
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const S: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

fn xlsx_text(bytes: &[u8]) -> Result<String, Unreadable> {
    let mut text = String::new();
    if let Some(xml) = part(bytes, "xl/sharedStrings.xml")? {
        let doc = parse(&xml)?;
        for si in doc.descendants().filter(|n| n.has_tag_name((S, "si"))) {
            for t in si.descendants().filter(|n| n.has_tag_name((S, "t"))) {
                text.push_str(t.text().unwrap_or(""));
            }
            text.push('\n');
        }
    }
    let names: Vec<String> = {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Unreadable::Damaged)?;
        archive
            .file_names()
            .filter_map(Result::ok)
            .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
            .map(|n| n.to_string())
            .collect()
    };
    for name in names {
        let Some(xml) = part(bytes, &name)? else { continue };
        let doc = parse(&xml)?;
        for row in doc.descendants().filter(|n| n.has_tag_name((S, "row"))) {
            for c in row.children().filter(|n| n.has_tag_name((S, "c"))) {
                // Shared strings are read above; numbers (a phone typed as a number) and inline
                // strings are read here.
                let inline = c.attribute("t") == Some("inlineStr");
                if c.attribute("t") == Some("s") {
                    continue;
                }
                for n in c.descendants() {
                    if (inline && n.has_tag_name((S, "t"))) || (!inline && n.has_tag_name((S, "v"))) {
                        text.push_str(n.text().unwrap_or(""));
                    }
                }
                text.push('\t');
            }
            text.push('\n');
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn package(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            for (name, body) in parts {
                zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap_or_default();
                zip.write_all(body.as_bytes()).unwrap_or_default();
            }
            let _ = zip.finish();
        }
        out.into_inner()
    }

    #[test]
    fn a_word_document_gives_its_paragraphs() {
        let body = format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>联系人张某，</w:t></w:r><w:r><w:t>手机13812345678</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:body></w:document>"#
        );
        let bytes = package(&[("[Content_Types].xml", "<Types/>"), ("word/document.xml", &body)]);
        assert_eq!(sniff(&bytes), Some(DocumentKind::Docx));
        assert_eq!(text_of(DocumentKind::Docx, &bytes), Ok("联系人张某，手机13812345678\n第二段\n".to_string()));
    }

    #[test]
    fn a_workbook_gives_shared_strings_inline_strings_and_numbers() {
        let strings = format!(r#"<sst xmlns="{S}"><si><t>姓名</t></si><si><t>张某</t></si></sst>"#);
        let sheet = format!(
            r#"<worksheet xmlns="{S}"><sheetData><row><c t="s"><v>0</v></c><c><v>13812345678</v></c><c t="inlineStr"><is><t>220221199003074529</t></is></c></row></sheetData></worksheet>"#
        );
        let bytes = package(&[
            ("xl/workbook.xml", "<workbook/>"),
            ("xl/sharedStrings.xml", &strings),
            ("xl/worksheets/sheet1.xml", &sheet),
        ]);
        assert_eq!(sniff(&bytes), Some(DocumentKind::Xlsx));
        assert_eq!(
            text_of(DocumentKind::Xlsx, &bytes),
            Ok("姓名\n张某\n13812345678\t220221199003074529\t\n".to_string())
        );
    }

    #[test]
    fn pictures_other_zips_and_broken_files_say_why() {
        assert_eq!(text_of(DocumentKind::Png, b"\x89PNG"), Err(Unreadable::Image));
        assert_eq!(sniff(&package(&[("readme.txt", "x")])), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(text_of(DocumentKind::Pdf, b"%PDF-1.7 garbage"), Err(Unreadable::Damaged));
    }
}

#[cfg(test)]
mod pdf_tests {
    use super::*;

    /// A letter typeset by the platform's own PDF renderer (Noto CJK, Identity-H fonts with a
    /// ToUnicode map) gives back its Chinese text and the numbers in it.
    #[test]
    fn the_text_layer_of_a_typeset_chinese_pdf_is_read() {
        let dir = std::path::Path::new("/usr/share/fonts/opentype/noto");
        let Ok(renderer) = gongkai_letters::LetterRenderer::from_font_dir(dir) else {
            panic!("the CJK fonts are part of the platform's setup: {}", dir.display());
        };
        let letter = gongkai_letters::Letter {
            kind: gongkai_letters::LetterKind::Reply,
            issuer: "永吉县口前镇人民政府".into(),
            recipient: "张某".into(),
            tracking_code: "YJ2026-000123".into(),
            document_number: "口前政依申〔2026〕12号".into(),
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 12).unwrap_or_default(),
            received_on: None,
            request_summary: "低保发放名单".into(),
            due_on: None,
            body: vec!["联系人身份证号220221199003074529，手机13812345678。".into()],
            legal_basis: vec![],
            contact: "联系电话：0432-64201234".into(),
            amount_yuan: None,
            agreed_by: None,
            remedy: gongkai_letters::Remedy::ReviewOrLawsuit,
        };
        let pdf = renderer.render(&letter).unwrap_or_default();
        assert_eq!(sniff(&pdf), Some(DocumentKind::Pdf));
        let text = text_of(DocumentKind::Pdf, &pdf).unwrap_or_default();
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(compact.contains("220221199003074529"), "{text}");
        assert!(compact.contains("永吉县口前镇人民政府"), "{text}");
    }
}
