//! A minimal Typst [`World`]: one built-in template, one JSON data file per render, fonts from a directory.
//! No file system access, no packages, no network.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::LetterError;

const TEMPLATE: &str = include_str!("letter.typ");
const MAIN_PATH: &str = "/letter.typ";
const DATA_PATH: &str = "/letter.json";

/// Characters every usable font directory must cover: a face without them cannot set a Chinese letter.
const CJK_PROBE: [char; 4] = ['政', '府', '信', '息'];

/// Everything that is loaded once and shared by all renders.
pub(crate) struct Assets {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
    main_id: FileId,
    data_id: FileId,
}

impl std::fmt::Debug for Assets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Assets").field("faces", &self.fonts.len()).finish_non_exhaustive()
    }
}

impl Assets {
    pub(crate) fn load(font_dir: &Path) -> Result<Self, LetterError> {
        let fonts = load_fonts(font_dir);
        let has_cjk = fonts.iter().any(|font| CJK_PROBE.iter().all(|&c| font.info().coverage.contains(c as u32)));
        if !has_cjk {
            return Err(LetterError::FontsMissing);
        }

        // File ids are interned for the life of the process (at most 2^16 of them), so the same two ids are
        // reused by every render instead of minting fresh ones.
        let main_id = file_id(MAIN_PATH)?;
        let data_id = file_id(DATA_PATH)?;
        Ok(Self {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: Source::new(main_id, TEMPLATE.to_owned()),
            main_id,
            data_id,
        })
    }

    pub(crate) fn face_count(&self) -> usize {
        self.fonts.len()
    }
}

fn file_id(path: &str) -> Result<FileId, LetterError> {
    let vpath = VirtualPath::new(path).map_err(|err| LetterError::Compile(format!("{path}: {err}")))?;
    Ok(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

/// Every face of every `.ttf`, `.otf`, `.ttc` and `.otc` file directly in `dir`, in file-name order so the
/// font book (and with it any fallback choice) is the same on every start. Unreadable or invalid files
/// are skipped: the CJK check afterwards decides whether what is left is enough.
fn load_fonts(dir: &Path) -> Vec<Font> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> =
        entries.filter_map(Result::ok).map(|entry| entry.path()).filter(|p| is_font_file(p)).collect();
    paths.sort();

    let mut fonts = Vec::new();
    for path in paths {
        if let Ok(data) = std::fs::read(&path) {
            // All faces of a collection share one buffer.
            fonts.extend(Font::iter(Bytes::new(data)));
        }
    }
    fonts
}

fn is_font_file(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| ["ttf", "otf", "ttc", "otc"].iter().any(|known| ext.eq_ignore_ascii_case(known)))
}

/// The world of one render: the shared assets plus this letter's data.
pub(crate) struct LetterWorld<'a> {
    assets: &'a Assets,
    data: Bytes,
    today: NaiveDate,
}

impl<'a> LetterWorld<'a> {
    pub(crate) fn new(assets: &'a Assets, data: Vec<u8>, today: NaiveDate) -> Self {
        Self { assets, data: Bytes::new(data), today }
    }
}

impl World for LetterWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.assets.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.assets.book
    }

    fn main(&self) -> FileId {
        self.assets.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.assets.main_id { Ok(self.assets.main.clone()) } else { Err(not_found(id)) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.assets.data_id {
            Ok(self.data.clone())
        } else if id == self.assets.main_id {
            Ok(Bytes::new(TEMPLATE.as_bytes()))
        } else {
            Err(not_found(id))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.assets.fonts.get(index).cloned()
    }

    /// The letter's issue date, so `datetime.today()` is deterministic.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        let month = u8::try_from(self.today.month()).ok()?;
        let day = u8::try_from(self.today.day()).ok()?;
        Datetime::from_ymd(self.today.year(), month, day)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(PathBuf::from(id.vpath().get_with_slash()))
}
