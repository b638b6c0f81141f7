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
    // A glob import (`use super::*`) can bring a table in without naming it: its paths still do.
    ["Entity", "Column", "Model", "ActiveModel"].iter().any(|item| {
        source
            .match_indices(&format!("{table}::{item}"))
            .any(|(at, _)| !source[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_'))
    }) || source
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

/// The entity modules whose rows belong to one unit (`impl UnitOwned`).
fn unit_owned_tables() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../entity/src/tables");
    let mut out: Vec<String> = sources(&dir)
        .into_iter()
        .filter(|p| std::fs::read_to_string(p).unwrap().contains("impl UnitOwned for Entity"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// The names under which a source file can reach each entity module: its own name, a full
/// `entity::x` path, and any alias an import gives it (`statutory_clock as clock`).
fn entity_aliases(source: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut imports = String::new();
    let mut inside = false;
    for line in source.lines() {
        let l = line.trim();
        if l.starts_with("use entity::") {
            inside = true;
        }
        if inside {
            imports.push_str(l);
            imports.push(' ');
            if l.ends_with(';') {
                inside = false;
                imports.push('\n');
            }
        }
    }
    for stmt in imports.lines() {
        let body = stmt.trim().trim_start_matches("use entity::").trim_end_matches(';').trim();
        let body = body.trim_start_matches('{').trim_end_matches('}');
        for item in body.split(',') {
            let item = item.trim();
            let mut words = item.split_whitespace();
            let (Some(name), alias) = (words.next(), words.nth(1)) else { continue };
            out.push((alias.unwrap_or(name).to_string(), name.to_string()));
        }
    }
    out
}

/// `(file, table, operation)` of every direct query on a unit-owned table, bypassing `ScopedFind`.
fn direct_queries() -> Vec<(String, String, String)> {
    let tables = unit_owned_tables();
    let ops = ["find()", "find_by_id(", "update_many()", "delete_many()", "delete_by_id(", "find_by_id::<"];
    let mut out = Vec::new();
    for path in sources(&api_src()) {
        let source = std::fs::read_to_string(&path).unwrap();
        let mut names = entity_aliases(&source);
        // A glob import (`use super::*`) brings a table in under its own name without naming it.
        for t in &tables {
            names.push((format!("entity::{t}"), t.clone()));
            names.push((t.clone(), t.clone()));
        }
        names.sort();
        names.dedup();
        let file = path.strip_prefix(api_src()).unwrap().display().to_string();
        for (alias, table) in names.iter().filter(|(_, t)| tables.contains(t)) {
            for op in ops {
                let needle = format!("{alias}::Entity::{op}");
                for (at, _) in source.match_indices(&needle) {
                    // `x::Entity` must not be the tail of a longer path (`entity::x::Entity` is its own name).
                    let before = source[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                        continue;
                    }
                    out.push((file.clone(), table.clone(), op.trim_end_matches(['(', ')', '<', ':']).to_string()));
                }
            }
        }
    }
    out.sort();
    out
}

/// The direct queries on unit-owned tables that stay, each with its reason. Everything else goes
/// through `find_in`, `get_in`, `update_in`, `delete_in` or `find_within`.
const DIRECT_QUERIES_ALLOWED: &[(&str, &str, &str, usize, &str)] = &[
    (
        "accountability/steps.rs",
        "case_circulation",
        "delete_many",
        1,
        "a case's circulations are replaced by the deciding body, which reached the case through its own scope",
    ),
    (
        "accountability/service.rs",
        "case_circulation",
        "find",
        1,
        "the circulations of a case the caller already reached",
    ),
    (
        "accountability/service.rs",
        "role_assignment",
        "find",
        1,
        "the unit a named person of the same county belongs to, for a case party",
    ),
    (
        "applications/citizens.rs",
        "application",
        "find",
        1,
        "a citizen's own applications, by the citizen id of the signed-in citizen",
    ),
    (
        "applications/service/intake.rs",
        "application",
        "find",
        1,
        "the portal finds an application by tracking code before checking its secret",
    ),
    (
        "applications/service/intake.rs",
        "application",
        "find_by_id",
        1,
        "a portal retry: the application its keyed idempotency hash and request fingerprint were first used for",
    ),
    ("auth/routes.rs", "role_assignment", "find", 1, "the signed-in user's own memberships"),
    (
        "disclosure/prerender.rs",
        "information_item",
        "find",
        1,
        "the portal's server-rendered item page: a published item of any unit, by design",
    ),
    (
        "disclosure/search.rs",
        "information_item",
        "find",
        1,
        "the public search: the page's published items of any unit, found through the index",
    ),
    (
        "disclosure/feeds.rs",
        "information_item",
        "find",
        1,
        "the public feeds and open data: published, not withdrawn items of any unit, by design",
    ),
    (
        "disclosure/public.rs",
        "information_item",
        "find",
        1,
        "the public catalogue: items once published are public information, in every unit",
    ),
    (
        "disclosure/public.rs",
        "item_version",
        "find",
        1,
        "the public catalogue: the published versions of a page's items",
    ),
    ("clocks/mod.rs", "statutory_clock", "find", 1, "the lapse jobs' scan of expired clocks in every county"),
    ("clocks/reminders.rs", "statutory_clock", "find", 1, "the reminder job's scan of due clocks in every county"),
    (
        "clocks/reminders.rs",
        "statutory_clock",
        "update_many",
        1,
        "the reminder job moves the next reminder day of a clock it claimed",
    ),
    ("jobs/mod.rs", "role_assignment", "find", 1, "the openness office's members, told by a job"),
    ("policy/mod.rs", "role_assignment", "find", 1, "every membership, to build the authorization model"),
    ("units/people.rs", "role_assignment", "find", 1, "the members of a unit the caller names by id, for notices"),
    ("users/service.rs", "role_assignment", "find", 1, "the memberships of the users on a page the caller may list"),
];

#[test]
fn unit_owned_rows_are_reached_only_through_the_scoped_finders() {
    let found = direct_queries();
    let mut unexpected = Vec::new();
    let mut counted: std::collections::BTreeMap<(String, String, String), usize> = Default::default();
    for key in found {
        *counted.entry(key).or_default() += 1;
    }
    for ((file, table, op), n) in &counted {
        let allowed = DIRECT_QUERIES_ALLOWED
            .iter()
            .find(|(f, t, o, _, _)| f == file && t == table && o == op)
            .map_or(0, |(_, _, _, n, _)| *n);
        if *n > allowed {
            unexpected.push(format!("{file}: {table}::Entity::{op} ×{n} (allowed {allowed})"));
        }
    }
    assert!(
        unexpected.is_empty(),
        "unit-owned tables queried outside the scoped finders (use find_in/get_in/update_in/delete_in/\
         find_within, or add an entry with its reason):\n{}",
        unexpected.join("\n")
    );
}

#[test]
fn the_direct_query_check_sees_aliases_and_full_paths() {
    let aliases = entity_aliases("use entity::{\n    application as app, unit,\n};\nuse entity::role_assignment;\n");
    assert!(aliases.contains(&("app".to_string(), "application".to_string())));
    assert!(aliases.contains(&("role_assignment".to_string(), "role_assignment".to_string())));
    assert!(unit_owned_tables().contains(&"application".to_string()));
}

#[test]
fn only_jobs_and_seeding_act_as_the_system_in_a_unit() {
    for path in sources(&api_src()) {
        let file = path.strip_prefix(api_src()).unwrap().display().to_string();
        let source = std::fs::read_to_string(&path).unwrap();
        if file == "tenancy.rs" || file == "seed.rs" || file.starts_with("jobs/") {
            continue;
        }
        assert!(!source.contains("UnitRef::for_system"), "{file} acts as the system on a request path");
    }
}

/// Each operation's `x-permission` names the permission type its extractor checks
/// (`UnitScope<P>` / `Authorized<P>` ⇒ `json!(P::NAME)`); operations without one say `PUBLIC`,
/// `SIGNED_IN` or `CITIZEN`. The spec then cannot state another permission than the code enforces.
#[test]
fn every_operation_states_the_permission_of_its_own_extractor() {
    let mut checked = 0;
    for path in sources(&api_src()) {
        let source = std::fs::read_to_string(&path).unwrap();
        for block in source.split("#[utoipa::path(").skip(1) {
            let Some(fn_at) = block.find("pub async fn ") else { continue };
            let (attribute, rest) = block.split_at(fn_at);
            let signature = &rest[..rest.find("->").unwrap_or(rest.len())];
            let name = rest["pub async fn ".len()..].split('(').next().unwrap_or_default();
            let stated = attribute
                .split("\"x-permission\" = json!(")
                .nth(1)
                .and_then(|t| t.split(')').next())
                .unwrap_or_else(|| panic!("{name} in {} has no x-permission", path.display()));
            let extractor = ["UnitScope<", "Authorized<"]
                .iter()
                .find_map(|e| signature.split(e).nth(1))
                .and_then(|t| t.split('>').next())
                .map(str::trim);
            match extractor {
                Some(permission) => assert_eq!(
                    stated,
                    format!("{permission}::NAME"),
                    "{name} in {} states another permission than its extractor checks",
                    path.display()
                ),
                None => assert!(
                    ["PUBLIC", "SIGNED_IN", "CITIZEN"].iter().any(|c| stated.ends_with(c)),
                    "{name} in {} has no permission extractor but states {stated}",
                    path.display()
                ),
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "checked only {checked} operations");
}
