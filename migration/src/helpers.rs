//! Small builders shared by the migrations.

use sea_orm_migration::prelude::*;

/// A foreign key `table.col → to.id`, named after its column.
pub fn fk(table: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{col}"))
        .from(table, col)
        .to(to, "id")
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

/// An index over `cols` of `table`.
pub fn index(table: &'static str, name: &str, cols: &[&'static str]) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for col in cols {
        stmt.col(*col);
    }
    stmt.to_owned()
}

/// The row of a reminder stage: `offset_days` from the due date, for `audience`, raising a lead for
/// `violation_item` when given.
pub fn reminder_stage(
    clock_kind: &str,
    stage: &str,
    offset_days: i32,
    audience: &str,
    violation_item: Option<&str>,
) -> InsertStatement {
    Query::insert()
        .into_table("reminder_stages")
        .columns(["id", "clock_kind", "stage", "offset_days", "audience", "violation_item"])
        .values_panic([
            uuid::Uuid::now_v7().into(),
            clock_kind.into(),
            stage.into(),
            offset_days.into(),
            audience.into(),
            violation_item.map(str::to_string).into(),
        ])
        .to_owned()
}

/// A table owned by a unit: its `id`, the `county_id` and `unit_id` every scoped finder filters on,
/// and their foreign keys. The caller adds the table's own columns.
pub fn unit_owned(table: &'static str) -> TableCreateStatement {
    use sea_orm_migration::schema::uuid;
    Table::create()
        .table(table)
        .col(uuid("id").primary_key())
        .col(uuid("county_id"))
        .col(uuid("unit_id"))
        .foreign_key(&mut fk(table, "county_id", "counties"))
        .foreign_key(&mut fk(table, "unit_id", "units"))
        .to_owned()
}
