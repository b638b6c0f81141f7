//! Units are the tenants. A unit-scoped row is reached only through a `UnitRef`, and the only way to
//! get one is the `UnitScope<P>` extractor, which authenticates the caller and checks permission `P`
//! for that unit. A unit the caller may not see answers exactly like a unit that does not exist.

use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use entity::scope::UnitOwned;
use entity::unit;
use futures_util::future::LocalBoxFuture;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};
use uuid::Uuid;

use crate::auth::extract::{app_state, record_denial};
use crate::auth::{Actor, Reach};
use crate::error::ApiError;
use crate::policy::Domain;
use crate::policy::permissions::{Permission, UnitRead};
use crate::state::AppState;

/// Proof that the current request may act on one unit. Cannot be built outside this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitRef {
    unit_id: Uuid,
    county_id: Uuid,
}

impl UnitRef {
    /// For the platform's own work (scheduled jobs, seeding, tests), which acts without a request and
    /// so without a caller to authorize. Request handlers get their `UnitRef` from `UnitScope`.
    pub fn for_system(unit: &entity::unit::Model) -> Self {
        Self { unit_id: unit.id, county_id: unit.county_id }
    }

    /// The unit owning a row the caller already reached lawfully (through a scoped finder, a scheduled scan, or an applicant's proof): work on that row happens in its own unit.
    pub(crate) fn owning_row(unit_id: Uuid, county_id: Uuid) -> Self {
        Self { unit_id, county_id }
    }

    /// A unit refers a question to the county's secrecy bureau (SR 10): the answer period runs in
    /// the bureau, which the referring unit reaches only for that.
    pub(crate) fn referral_target(bureau: &entity::unit::Model) -> Self {
        Self { unit_id: bureau.id, county_id: bureau.county_id }
    }

    pub fn unit_id(&self) -> Uuid {
        self.unit_id
    }
    pub fn county_id(&self) -> Uuid {
        self.county_id
    }
}

/// Queries over unit-owned tables that cannot be written without the unit (or, for oversight, the
/// reach). These are the only way `api/src` reads or changes such rows; a test lists the few
/// exceptions and why.
pub trait ScopedFind: UnitOwned {
    fn find_in(unit: UnitRef) -> Select<Self> {
        Self::find().filter(Self::unit_id_column().eq(unit.unit_id))
    }

    /// One row by its primary key, in the unit.
    fn get_in<K>(unit: UnitRef, id: K) -> Select<Self>
    where
        K: Into<<Self::PrimaryKey as sea_orm::PrimaryKeyTrait>::ValueType>,
    {
        Self::find_by_id(id).filter(Self::unit_id_column().eq(unit.unit_id))
    }

    fn update_in(unit: UnitRef) -> sea_orm::UpdateMany<Self> {
        Self::update_many().filter(Self::unit_id_column().eq(unit.unit_id))
    }

    fn delete_in(unit: UnitRef) -> sea_orm::DeleteMany<Self> {
        Self::delete_many().filter(Self::unit_id_column().eq(unit.unit_id))
    }

    /// The rows of every unit a reach covers: one county's units for an oversight function, the
    /// caller's own units otherwise, everything for the platform.
    fn find_within(reach: &Reach) -> Select<Self> {
        match reach {
            Reach::Platform => Self::find(),
            Reach::County(county) => Self::find().filter(
                Self::unit_id_column().in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(unit::Column::Id)
                        .from(unit::Entity)
                        .and_where(unit::Column::CountyId.eq(*county))
                        .to_owned(),
                ),
            ),
            Reach::Units(units) => Self::find().filter(Self::unit_id_column().is_in(units.clone())),
        }
    }
}

impl<E: UnitOwned> ScopedFind for E {}

/// How the caller reached the unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A role inside the unit.
    OwnRole,
    /// An oversight function of the caller's unit, across the county.
    Function,
    /// The platform administrator.
    Platform,
}

/// The `{unit_id}` of the path, authorized for permission `P`.
#[derive(Debug)]
pub struct UnitScope<P: Permission> {
    pub actor: Actor,
    pub unit: unit::Model,
    pub via: Via,
    _permission: PhantomData<P>,
}

impl<P: Permission> UnitScope<P> {
    pub fn unit_ref(&self) -> UnitRef {
        UnitRef { unit_id: self.unit.id, county_id: self.unit.county_id }
    }

    /// Whether the caller also holds `Q` for this unit.
    pub fn also_allows<Q: Permission>(&self, state: &AppState) -> bool {
        access_via(state, &self.actor, &self.unit, Q::OBJECT, Q::ACTION).is_some()
    }
}

fn access_via(state: &AppState, actor: &Actor, unit: &unit::Model, object: &str, action: &str) -> Option<Via> {
    if state.policy.allows(actor.user_id, Domain::Platform, object, action) {
        return Some(Via::Platform);
    }
    if actor.county_id != Some(unit.county_id) {
        return None;
    }
    if state.policy.allows(actor.user_id, Domain::Unit(unit.id), object, action) {
        return Some(Via::OwnRole);
    }
    if state.policy.allows(actor.user_id, Domain::County(unit.county_id), object, action) {
        return Some(Via::Function);
    }
    None
}

impl<P: Permission> FromRequest for UnitScope<P> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let actor_fut = Actor::from_request(&req, payload);
        Box::pin(async move {
            let actor = actor_fut.await?;
            let state = app_state(&req)?;
            let unit_id = req.match_info().get("unit_id").and_then(|s| Uuid::parse_str(s).ok());
            let unit = match unit_id {
                Some(id) => unit::Entity::find_by_id(id).one(&state.db).await?,
                None => None,
            };
            let Some(unit) = unit else {
                record_denial(&state, &actor, &req, P::OBJECT, P::ACTION, None, "not_found").await?;
                return Err(ApiError::NotFound);
            };
            if let Some(via) = access_via(&state, &actor, &unit, P::OBJECT, P::ACTION) {
                return Ok(Self { actor, unit, via, _permission: PhantomData });
            }
            // Someone who may see the unit is told "forbidden"; to anyone else it does not exist.
            let visible = state.policy.memberships(actor.user_id).iter().any(|m| m.unit_id == unit.id)
                || access_via(&state, &actor, &unit, UnitRead::OBJECT, UnitRead::ACTION).is_some();
            let reason = if visible { "forbidden" } else { "not_found" };
            // Recorded in the caller's own trail: writing into the other unit's chain would let
            // anyone grow a trail they cannot see.
            record_denial(&state, &actor, &req, P::OBJECT, P::ACTION, None, reason).await?;
            if visible { Err(ApiError::Forbidden) } else { Err(ApiError::NotFound) }
        })
    }
}
