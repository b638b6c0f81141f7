//! The formal letters of an application for government information disclosure (依申请公开), rendered as PDF
//! with Typst.
//!
//! ```no_run
//! # fn demo(letter: &gongkai_letters::Letter) -> Result<(), gongkai_letters::LetterError> {
//! use gongkai_letters::LetterRenderer;
//! // Once at start-up (reads the font files; share it in an `Arc`):
//! let renderer = LetterRenderer::from_font_dir(std::path::Path::new("/usr/share/fonts/opentype/noto"))?;
//! // Per letter (CPU-bound: call it from `web::block`/`spawn_blocking`):
//! let pdf: Vec<u8> = renderer.render(letter)?;
//! # Ok(()) }
//! ```
//!
//! Caller text is handed to the template as JSON data and shown as plain text: it is never parsed as
//! Typst markup.

mod wording;
mod world;

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;
use typst::diag::SourceDiagnostic;
use typst::foundations::Smart;

pub use wording::chinese_date;

/// Which letter to write. Each kind has its own title and fixed wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LetterKind {
    /// 登记回执: the application was received and registered (Art. 31, 33).
    Receipt,
    /// 补正申请告知书: the request is unclear; one notice listing everything to correct (Art. 30).
    CorrectionNotice,
    /// 延长答复期限告知书: the reply period is extended by at most 20 working days (Art. 33).
    ExtensionNotice,
    /// 征求第三方意见书: addressed to the THIRD PARTY (put it in `recipient`), who answers within 15 working
    /// days (Art. 32).
    ThirdPartyConsultation,
    /// 收取信息处理费通知书: fee under 国办函〔2020〕109号, payable within 20 working days.
    FeeNotice,
    /// 政府信息公开申请答复书: the decision; always ends with the review/litigation remedies.
    Reply,
    /// 决定公开告知书: addressed to the THIRD PARTY whose objection was overruled in the public
    /// interest (Art. 32): what is disclosed and why, with the third party's own remedies.
    ThirdPartyDisclosureNotice,
    /// 社会评议结果反馈函: the leading group tells a unit its evaluation results in writing (the
    /// county's evaluation rule, EV 6) and asks it to rectify reasonable opinions (EV 7). The campaign's
    /// title goes in `request_summary`, the results and opinions in `body`.
    EvaluationFeedback,
    /// 社会评议结果通报: the leading group circulates every unit's rating (EV 6). The campaign's
    /// title goes in `request_summary`, the units by rating in `body`; `recipient` is the circulation.
    EvaluationCirculation,
}

impl LetterKind {
    /// Every kind, in the order a case usually meets them.
    pub const ALL: [LetterKind; 9] = [
        LetterKind::Receipt,
        LetterKind::CorrectionNotice,
        LetterKind::ExtensionNotice,
        LetterKind::ThirdPartyConsultation,
        LetterKind::FeeNotice,
        LetterKind::Reply,
        LetterKind::ThirdPartyDisclosureNotice,
        LetterKind::EvaluationFeedback,
        LetterKind::EvaluationCirculation,
    ];
}

/// One letter. All strings are shown literally.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    pub kind: LetterKind,
    /// The issuing unit, e.g. "永吉县口前镇人民政府".
    pub issuer: String,
    /// Who the letter is addressed to: the applicant, or the third party for
    /// [`LetterKind::ThirdPartyConsultation`].
    pub recipient: String,
    /// 查询号, e.g. "YJ2026-000123".
    pub tracking_code: String,
    /// 文号, e.g. "口前政依申〔2026〕12号".
    pub document_number: String,
    pub issued_on: NaiveDate,
    /// The date the application counts as received (Art. 31).
    pub received_on: Option<NaiveDate>,
    /// What was asked for.
    pub request_summary: String,
    /// The date relevant to the kind: reply due (receipt), correction due, new reply due (extension),
    /// third-party answer due, payment due. Unused by a reply.
    pub due_on: Option<NaiveDate>,
    /// Kind-specific paragraphs: items to correct, reasons, the decision text. Placed after the fixed wording.
    pub body: Vec<String>,
    /// e.g. "《中华人民共和国政府信息公开条例》第三十条".
    pub legal_basis: Vec<String>,
    /// Office contact line, e.g. "联系电话：0432-6420xxxx".
    pub contact: String,
    /// Fee notice only, e.g. "300.00".
    pub amount_yuan: Option<String>,
    /// Extension notice only: who agreed, with their capacity, e.g. "政府信息公开工作机构负责人王某".
    pub agreed_by: Option<String>,
    /// A reply only: the remedies its outcome leaves the applicant.
    pub remedy: Remedy,
}

/// The remedies a reply must state (Administrative Reconsideration Law 2023, Art. 23(1)(3)–(4);
/// Administrative Litigation Law Art. 46).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum Remedy {
    /// Administrative review within 60 days, or a lawsuit within 6 months.
    #[default]
    ReviewOrLawsuit,
    /// A refusal to disclose: administrative review first, within 60 days; only its decision can go
    /// to court.
    ReviewFirst,
    /// Partly disclosed: review first for the part withheld, either remedy for the rest.
    ReviewFirstForTheWithheldPart,
}

pub use wording::remedy_sentence;

#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// The font directory is missing, unreadable, or holds no face that covers Chinese text.
    #[error("no CJK font found in the letter font directory")]
    FontsMissing,
    /// Typst rejected the document. A bug in the template, not in the caller's text.
    #[error("letter template failed to compile: {0}")]
    Compile(String),
    #[error("letter could not be exported as PDF: {0}")]
    Export(String),
}

/// Loads the fonts and the template once; renders any number of letters, from any number of threads.
#[derive(Debug)]
pub struct LetterRenderer {
    assets: world::Assets,
}

impl LetterRenderer {
    /// Loads every face of every `.ttf`/`.otf`/`.ttc`/`.otc` file directly in `dir` (not recursive,
    /// fontconfig is not consulted). Fails with [`LetterError::FontsMissing`] unless one face covers Chinese.
    pub fn from_font_dir(dir: &Path) -> Result<Self, LetterError> {
        Ok(Self { assets: world::Assets::load(dir)? })
    }

    /// Number of font faces loaded (a collection file counts once per face).
    pub fn font_faces(&self) -> usize {
        self.assets.face_count()
    }

    /// Renders one letter to PDF bytes. CPU-bound (tens of milliseconds).
    pub fn render(&self, letter: &Letter) -> Result<Vec<u8>, LetterError> {
        let page = wording::compose(letter);
        let data = serde_json::to_vec(&page).map_err(|err| LetterError::Compile(err.to_string()))?;
        let world = world::LetterWorld::new(&self.assets, data, letter.issued_on);

        let compiled = typst::compile(&world).output;
        let result = compiled.map_err(|errors| LetterError::Compile(describe(&errors))).and_then(|document| {
            let options = typst_pdf::PdfOptions {
                ident: Smart::Custom(format!("{}:{:?}", letter.tracking_code, letter.kind)),
                ..typst_pdf::PdfOptions::default()
            };
            typst_pdf::pdf(&document, &options).map_err(|errors| LetterError::Export(describe(&errors)))
        });
        // Typst memoizes across compilations in a process-wide cache; drop entries unused for a while so a
        // long-running server does not grow without bound.
        typst::comemo::evict(10);
        result
    }
}

/// The renderer of a server: fonts are loaded on the first letter, not at start-up (most requests
/// never render one), and a missing font directory fails that letter, not the server.
#[derive(Debug)]
pub struct LetterService {
    font_dir: std::path::PathBuf,
    renderer: std::sync::OnceLock<Result<std::sync::Arc<LetterRenderer>, String>>,
}

impl LetterService {
    pub fn new(font_dir: std::path::PathBuf) -> Self {
        Self { font_dir, renderer: std::sync::OnceLock::new() }
    }

    /// The loaded renderer, shared by every thread; the error names the font directory.
    pub fn renderer(&self) -> Result<std::sync::Arc<LetterRenderer>, String> {
        self.renderer
            .get_or_init(|| {
                LetterRenderer::from_font_dir(&self.font_dir).map(std::sync::Arc::new).map_err(|e| e.to_string())
            })
            .clone()
            .map_err(|e| format!("letter fonts in {}: {e}", self.font_dir.display()))
    }
}

fn describe(errors: &[SourceDiagnostic]) -> String {
    errors.iter().map(|error| error.message.as_str()).collect::<Vec<_>>().join("; ")
}
