use sea_orm::EntityTrait;

/// A table whose rows belong to exactly one unit (tenant).
///
/// The API reaches such rows only through its unit scope, which filters on this column; a row of
/// another unit is then indistinguishable from a missing one.
pub trait UnitOwned: EntityTrait {
    fn unit_id_column() -> Self::Column;
}
