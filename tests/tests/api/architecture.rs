//! The shape of the code, checked: which parts may reach which tables and modules.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn api_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../api/src")
}

/// The entity modules of the clock tables, as an import names them (`entity::statutory_clock`, or
/// inside `entity::{…}`).
const CLOCK_TABLES: [&str; 4] = ["statutory_clock", "clock_pause", "clock_change", "clock_reminder"];

fn imports_table(source: &str, table: &str) -> bool {
    source
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("use entity") || l.contains("entity::"))
        .any(|l| l.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| word == table))
        || {
            // `use entity::{\n    a, statutory_clock as clock,\n};` spans lines.
            let mut inside = false;
            source.lines().any(|l| {
                let l = l.trim();
                if l.starts_with("use entity::{") {
                    inside = true;
                }
                let hit = inside && l.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|w| w == table);
                if l.ends_with("};") {
                    inside = false;
                }
                hit
            })
        }
}

#[test]
fn only_the_clock_module_reads_or_writes_clock_tables() {
    let clocks_dir = api_src().join("clocks");
    let offenders: Vec<String> = sources(&api_src())
        .into_iter()
        .filter(|p| !p.starts_with(&clocks_dir) && !p.ends_with("bin/bench_clocks.rs"))
        .filter(|p| {
            let source = std::fs::read_to_string(p).unwrap();
            CLOCK_TABLES.iter().any(|t| imports_table(&source, t))
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "clock tables used outside api/src/clocks: {offenders:?}");
}

#[test]
fn the_clock_module_names_no_workflow() {
    let workflows = ["applications", "accountability", "disclosure", "secrecy", "evaluation", "assessment"];
    for path in sources(&api_src().join("clocks")) {
        let source = std::fs::read_to_string(&path).unwrap();
        for w in workflows {
            assert!(!source.contains(&format!("crate::{w}")), "{} names the {w} module", path.display());
        }
    }
}

#[test]
fn the_calendar_does_not_call_up_into_clocks() {
    for path in sources(&api_src().join("calendar")) {
        let source = std::fs::read_to_string(&path).unwrap();
        assert!(!source.contains("crate::clocks"), "{} calls into the clock module", path.display());
    }
}

#[test]
fn the_table_check_sees_multi_line_imports() {
    let source = "use entity::{\n    application, statutory_clock as clock,\n    unit,\n};\n";
    assert!(imports_table(source, "statutory_clock"));
    assert!(!imports_table("use entity::{application, unit};\n", "statutory_clock"));
    assert!(imports_table("    let x = entity::clock_pause::Entity::find();\n", "clock_pause"));
}

#[test]
fn shared_parts_import_no_workflow_module() {
    // The composition root (`modules.rs`, `startup.rs`, `seed.rs`) names the modules; the shared
    // state and the API description do not, so neither sits in an import circle with one.
    let workflows = ["applications", "accountability"];
    for file in ["state.rs", "openapi.rs", "paging.rs", "tenancy.rs", "audit/mod.rs", "calendar/mod.rs"] {
        let source = std::fs::read_to_string(api_src().join(file)).unwrap();
        for w in workflows {
            assert!(!source.contains(&format!("crate::{w}")), "{file} names the {w} module");
        }
    }
}
