//! The duties a unit's principal leader gives its members: the head of the disclosure office
//! (政府信息公开工作机构负责人, who agrees to extensions, Art. 33) and the secrecy reviewers (SR 4–5).
//! Workflows ask "may this person act in this capacity here?"; they never read the rows.

use actix_web::{get, put, web};
use chrono::{DateTime, Utc};
use entity::enums::{UnitDuty, UnitRole};
use entity::{role_assignment, unit_duty, user};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::audit::AuditRecord;
use crate::db::write_tx;
use crate::error::{ApiError, ErrorCode, FieldError};
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::{MemberManage, MemberManageHandlers, MemberRead};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef, UnitScope};

/// The capacity in which a leader agrees to something only the unit's head or its designee may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// 主要负责人.
    PrincipalLeader,
    /// 政府信息公开工作机构负责人.
    DisclosureOfficeHead,
}

impl Capacity {
    pub fn title_zh(self) -> &'static str {
        match self {
            Self::PrincipalLeader => "主要负责人",
            Self::DisclosureOfficeHead => "政府信息公开工作机构负责人",
        }
    }
}

/// Whether `user` is the unit's principal leader.
pub async fn is_principal_leader(db: &impl ConnectionTrait, unit: UnitRef, user: Uuid) -> Result<bool, ApiError> {
    Ok(role_assignment::Entity::find_in(unit)
        .filter(role_assignment::Column::UserId.eq(user))
        .filter(role_assignment::Column::IsPrincipal.eq(true))
        .one(db)
        .await?
        .is_some())
}

/// Whether `user` holds `duty` in the unit.
pub async fn holds(db: &impl ConnectionTrait, unit: UnitRef, user: Uuid, duty: UnitDuty) -> Result<bool, ApiError> {
    Ok(unit_duty::Entity::find_in(unit)
        .filter(unit_duty::Column::UserId.eq(user))
        .filter(unit_duty::Column::Duty.eq(duty))
        .one(db)
        .await?
        .is_some())
}

/// The duties a person holds in each of their units.
pub async fn of_person(
    db: &impl ConnectionTrait,
    units: &[Uuid],
    user: Uuid,
) -> Result<Vec<(Uuid, UnitDuty)>, ApiError> {
    Ok(unit_duty::Entity::find_within(&crate::auth::Reach::Units(units.to_vec()))
        .filter(unit_duty::Column::UserId.eq(user))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.unit_id, d.duty))
        .collect())
}

/// The capacity in which `user` may agree to what Art. 33 reserves for the head of the disclosure
/// office: as that head, or as the principal leader who designates one.
pub async fn head_of_disclosure_capacity(
    db: &impl ConnectionTrait,
    unit: UnitRef,
    user: Uuid,
) -> Result<Option<Capacity>, ApiError> {
    if holds(db, unit, user, UnitDuty::DisclosureOfficeHead).await? {
        return Ok(Some(Capacity::DisclosureOfficeHead));
    }
    if is_principal_leader(db, unit, user).await? {
        return Ok(Some(Capacity::PrincipalLeader));
    }
    Ok(None)
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DutyHolder {
    pub user_id: Uuid,
    pub display_name: String,
    pub designated_at: DateTime<Utc>,
}

/// Who answers for what in a unit.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitDuties {
    pub unit_id: Uuid,
    pub principal_leader: Option<DutyHolder>,
    /// At most one leader.
    pub disclosure_office_head: Vec<DutyHolder>,
    pub secrecy_reviewers: Vec<DutyHolder>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DesignateRequest {
    pub duty: UnitDuty,
    /// The members who hold the duty from now on; an empty list clears it.
    #[validate(length(max = 20, code = "length"))]
    #[schema(max_items = 20)]
    pub user_ids: Vec<Uuid>,
}

async fn view(db: &impl ConnectionTrait, unit: UnitRef) -> Result<UnitDuties, ApiError> {
    let principal =
        role_assignment::Entity::find_in(unit).filter(role_assignment::Column::IsPrincipal.eq(true)).one(db).await?;
    let rows = unit_duty::Entity::find_in(unit).order_by_asc(unit_duty::Column::DesignatedAt).all(db).await?;
    let mut ids: Vec<Uuid> = rows.iter().map(|r| r.user_id).collect();
    ids.extend(principal.as_ref().map(|p| p.user_id));
    let people = user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?;
    let name = |id: Uuid| people.iter().find(|p| p.id == id).map(|p| p.display_name.clone()).unwrap_or_default();
    let of = |duty: UnitDuty| {
        rows.iter()
            .filter(|r| r.duty == duty)
            .map(|r| DutyHolder { user_id: r.user_id, display_name: name(r.user_id), designated_at: r.designated_at })
            .collect()
    };
    Ok(UnitDuties {
        unit_id: unit.unit_id(),
        principal_leader: principal.map(|p| DutyHolder {
            user_id: p.user_id,
            display_name: name(p.user_id),
            designated_at: p.created_at,
        }),
        disclosure_office_head: of(UnitDuty::DisclosureOfficeHead),
        secrecy_reviewers: of(UnitDuty::SecrecyReviewer),
    })
}

/// Replaces the holders of a duty. Only the principal leader designates (or whoever manages the
/// county's members); the head of the disclosure office is one leader of the unit; reviewers are
/// members of the unit.
pub async fn designate(
    tx: &impl ConnectionTrait,
    unit: UnitRef,
    duty: UnitDuty,
    user_ids: &[Uuid],
    by: Uuid,
    may_manage_members: bool,
    now: DateTime<Utc>,
) -> Result<UnitDuties, ApiError> {
    if !may_manage_members && !is_principal_leader(tx, unit, by).await? {
        return Err(ApiError::Rule(ErrorCode::OnlyPrincipalLeaderDesignates, None));
    }
    if duty == UnitDuty::DisclosureOfficeHead && user_ids.len() > 1 {
        return Err(ApiError::field("user_ids", "one_only"));
    }
    let members = role_assignment::Entity::find_in(unit).all(tx).await?;
    let mut problems = Vec::new();
    for (i, id) in user_ids.iter().enumerate() {
        let roles: Vec<UnitRole> = members.iter().filter(|m| m.user_id == *id).map(|m| m.role).collect();
        if roles.is_empty() {
            problems.push(FieldError::new(format!("user_ids[{i}]"), "not_a_member"));
        } else if duty == UnitDuty::DisclosureOfficeHead && !roles.contains(&UnitRole::Leader) {
            problems.push(FieldError::new(format!("user_ids[{i}]"), "must_be_leader"));
        } else if user_ids[..i].contains(id) {
            problems.push(FieldError::new(format!("user_ids[{i}]"), "duplicate"));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    unit_duty::Entity::delete_in(unit).filter(unit_duty::Column::Duty.eq(duty)).exec(tx).await?;
    for id in user_ids {
        unit_duty::Entity::insert(unit_duty::ActiveModel {
            id: Set(Uuid::now_v7()),
            county_id: Set(unit.county_id()),
            unit_id: Set(unit.unit_id()),
            duty: Set(duty),
            user_id: Set(*id),
            designated_by: Set(Some(by)),
            designated_at: Set(now),
        })
        .exec_without_returning(tx)
        .await?;
    }
    view(tx, unit).await
}

/// A member who leaves the unit leaves its duties too.
pub async fn drop_member(tx: &impl ConnectionTrait, unit: UnitRef, user: Uuid) -> Result<(), ApiError> {
    unit_duty::Entity::delete_in(unit).filter(unit_duty::Column::UserId.eq(user)).exec(tx).await?;
    Ok(())
}

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_duties).service(designate_duty);
}

/// Who answers for what in the unit: its principal leader, the head of its disclosure office and
/// its secrecy reviewers.
#[utoipa::path(
    tag = "units",
    params(("unit_id" = Uuid, Path, description = "The unit")),
    responses((status = 200, body = UnitDuties), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(MemberRead::NAME)))
)]
#[get("/units/{unit_id}/duties")]
pub async fn list_duties(
    scope: UnitScope<MemberRead>,
    state: web::Data<AppState>,
) -> Result<web::Json<UnitDuties>, ApiError> {
    Ok(web::Json(view(&state.db, scope.unit_ref()).await?))
}

/// The principal leader designates the head of the disclosure office (one leader) or the secrecy
/// reviewers; the list replaces the present holders.
#[utoipa::path(
    tag = "units",
    params(("unit_id" = Uuid, Path, description = "The unit")),
    request_body = DesignateRequest,
    responses((status = 200, body = UnitDuties), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(MemberManageHandlers::NAME)))
)]
#[put("/units/{unit_id}/duties")]
pub async fn designate_duty(
    scope: UnitScope<MemberManageHandlers>,
    state: web::Data<AppState>,
    body: ValidatedJson<DesignateRequest>,
) -> Result<web::Json<UnitDuties>, ApiError> {
    let body = body.into_inner()?;
    let duty = body.duty;
    let unit = scope.unit_ref();
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let before = view(&tx, unit).await?;
    let manage = scope.also_allows::<MemberManage>(&state);
    let after = designate(&tx, unit, duty, &body.user_ids, scope.actor.user_id, manage, now).await?;
    let record = AuditRecord::success("unit.designate", "unit_duty", unit.unit_id())
        .in_unit(unit.county_id(), unit.unit_id())
        .change(&before, &after)
        .with_summary(serde_json::json!({ "duty": duty.as_str(), "user_ids": body.user_ids }));
    crate::work::commit(tx, &state, &scope.actor.audit_actor(), record, now).await?;
    Ok(web::Json(after))
}
