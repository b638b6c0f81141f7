//! Who works in a unit and which unit holds a county function: the lookups that notifications and
//! every workflow share.

use entity::enums::{OversightFunction, UnitRole, UserStatus};
use entity::{role_assignment, unit, user};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::auth::Reach;
use crate::error::ApiError;

/// The unit of the county that holds an oversight function (openness office, secrecy bureau…).
pub async fn function_unit(
    db: &impl ConnectionTrait,
    county_id: Uuid,
    function: OversightFunction,
) -> Result<Option<unit::Model>, ApiError> {
    Ok(unit::Entity::find()
        .filter(unit::Column::CountyId.eq(county_id))
        .filter(unit::Column::Function.eq(function))
        .one(db)
        .await?)
}

/// The secrecy bureaus a reader answers for: every bureau for the platform, the county's own otherwise.
/// Referral inboxes of applications and of information items both list what was sent to these units.
pub async fn secrecy_bureaus(
    db: &impl ConnectionTrait,
    reach: &Reach,
    county_id: Option<Uuid>,
) -> Result<Vec<Uuid>, ApiError> {
    let mut q = unit::Entity::find().filter(unit::Column::Function.eq(OversightFunction::SecrecyBureau));
    q = match reach {
        Reach::Platform => q,
        Reach::County(c) => q.filter(unit::Column::CountyId.eq(*c)),
        Reach::Units(_) => q.filter(unit::Column::CountyId.eq(county_id.unwrap_or_default())),
    };
    Ok(q.all(db).await?.into_iter().map(|u| u.id).collect())
}

/// The units a reader's figures cover: their own units, or every unit of the county.
pub async fn units_within(
    db: &impl ConnectionTrait,
    reach: &Reach,
    county_id: Option<Uuid>,
) -> Result<Vec<Uuid>, ApiError> {
    let county = match reach {
        Reach::Units(units) => return Ok(units.clone()),
        Reach::County(county) => *county,
        Reach::Platform => county_id.unwrap_or_default(),
    };
    Ok(unit::Entity::find()
        .filter(unit::Column::CountyId.eq(county))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect())
}

/// The active people holding a role (or any role) in a unit, each once, by username.
pub async fn members(
    db: &impl ConnectionTrait,
    unit_id: Uuid,
    role: Option<UnitRole>,
) -> Result<Vec<user::Model>, ApiError> {
    let mut q = role_assignment::Entity::find().filter(role_assignment::Column::UnitId.eq(unit_id));
    if let Some(role) = role {
        q = q.filter(role_assignment::Column::Role.eq(role));
    }
    let ids: Vec<Uuid> = q.all(db).await?.into_iter().map(|a| a.user_id).collect();
    active(db, ids).await
}

/// The active ones among some people, by username.
pub async fn active(db: &impl ConnectionTrait, ids: Vec<Uuid>) -> Result<Vec<user::Model>, ApiError> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .filter(user::Column::Status.eq(UserStatus::Active))
        .order_by_asc(user::Column::Username)
        .all(db)
        .await?)
}
