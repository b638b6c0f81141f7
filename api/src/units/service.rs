use chrono::{DateTime, Utc};
use entity::enums::{OversightFunction, Sector, UnitKind, UnitRole, UserStatus};
use entity::{county, role_assignment, unit, user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::audit::{self, AuditRecord};
use crate::auth::{Actor, Reach};
use crate::db::write_tx;
use crate::domain::{CreditCode, NewPassword, Username};
use crate::error::{ApiError, ErrorCode};
use crate::paging::Page;
use crate::policy::{self, permissions::MemberManage};
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef, UnitScope};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CountyView {
    pub id: Uuid,
    pub name: String,
    pub name_en: String,
    pub division_code: String,
    pub province: String,
    pub city: String,
}

impl From<county::Model> for CountyView {
    fn from(c: county::Model) -> Self {
        Self {
            id: c.id,
            name: c.name,
            name_en: c.name_en,
            division_code: c.division_code,
            province: c.province,
            city: c.city,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCountyRequest {
    #[validate(length(min = 2, max = 64, code = "length"))]
    #[schema(min_length = 2, max_length = 64, example = "永吉县")]
    pub name: String,
    #[validate(length(min = 2, max = 128, code = "length"))]
    #[schema(min_length = 2, max_length = 128)]
    pub name_en: String,
    /// Six-digit administrative division code.
    #[validate(length(equal = 6, code = "invalid_format"))]
    #[schema(pattern = "^[0-9]{6}$", example = "220221")]
    pub division_code: String,
    #[validate(length(min = 2, max = 64, code = "length"))]
    #[schema(min_length = 2, max_length = 64)]
    pub province: String,
    #[validate(length(min = 2, max = 64, code = "length"))]
    #[schema(min_length = 2, max_length = 64)]
    pub city: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitView {
    pub id: Uuid,
    pub county_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub name_en: String,
    pub kind: UnitKind,
    pub sector: Option<Sector>,
    pub function: Option<OversightFunction>,
    pub credit_code: String,
    pub active: bool,
}

impl From<unit::Model> for UnitView {
    fn from(u: unit::Model) -> Self {
        Self {
            id: u.id,
            county_id: u.county_id,
            parent_id: u.parent_id,
            slug: u.slug,
            name: u.name,
            short_name: u.short_name,
            name_en: u.name_en,
            kind: u.kind,
            sector: u.sector,
            function: u.function,
            credit_code: u.credit_code,
            active: u.active,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUnitRequest {
    pub county_id: Uuid,
    pub parent_id: Option<Uuid>,
    /// Short handle, unique in the county: 2–24 of a-z, 0-9, `_`.
    #[validate(length(min = 2, max = 24, code = "length"))]
    #[schema(min_length = 2, max_length = 24, pattern = "^[a-z0-9_]+$")]
    pub slug: String,
    #[validate(length(min = 2, max = 128, code = "length"))]
    #[schema(min_length = 2, max_length = 128)]
    pub name: String,
    #[validate(length(min = 1, max = 64, code = "length"))]
    #[schema(min_length = 1, max_length = 64)]
    pub short_name: String,
    #[validate(length(min = 1, max = 160, code = "length"))]
    #[schema(min_length = 1, max_length = 160)]
    pub name_en: String,
    pub kind: UnitKind,
    /// Required for public enterprises, forbidden otherwise.
    pub sector: Option<Sector>,
    pub function: Option<OversightFunction>,
    /// Unified social credit code, 18 characters with valid check characters.
    #[validate(length(equal = 18, code = "invalid_credit_code"))]
    #[schema(min_length = 18, max_length = 18)]
    pub credit_code: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUnitRequest {
    #[validate(length(min = 2, max = 128, code = "length"))]
    #[schema(min_length = 2, max_length = 128)]
    pub name: Option<String>,
    #[validate(length(min = 1, max = 64, code = "length"))]
    #[schema(min_length = 1, max_length = 64)]
    pub short_name: Option<String>,
    #[validate(length(min = 1, max = 160, code = "length"))]
    #[schema(min_length = 1, max_length = 160)]
    pub name_en: Option<String>,
    pub parent_id: Option<Uuid>,
    /// Set true to move the unit to the top of the tree (no parent).
    pub clear_parent: Option<bool>,
    pub active: Option<bool>,
}

crate::paged_query! {
    #[derive(Debug, Deserialize, Validate, IntoParams)]
    #[serde(deny_unknown_fields)]
    #[into_params(parameter_in = Query)]
    pub struct UnitListQuery {
        /// Platform administrators choose the county; everyone else sees their own.
        pub county_id: Option<Uuid>,
        pub kind: Option<UnitKind>,
        /// Part of the name.
        #[validate(length(max = 64, code = "length"))]
        #[param(max_length = 64)]
        pub q: Option<String>,
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberView {
    /// The role assignment's id.
    pub id: Uuid,
    pub user_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: UnitRole,
    pub is_principal: bool,
    pub user_status: UserStatus,
    pub assigned_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignRoleRequest {
    pub user_id: Uuid,
    pub role: UnitRole,
    /// Marks the unit's principal leader (主要负责人); leaders only, one per unit.
    pub is_principal: Option<bool>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateHandlerRequest {
    #[validate(length(min = 3, max = 64, code = "invalid_username"))]
    #[schema(min_length = 3, max_length = 64, pattern = "^[a-z0-9._-]+$")]
    pub username: String,
    #[validate(length(min = 1, max = 64, code = "length"))]
    #[schema(min_length = 1, max_length = 64)]
    pub display_name: String,
    #[validate(email(code = "email"), length(max = 254, code = "length"))]
    #[schema(format = "email", max_length = 254)]
    pub email: Option<String>,
    /// Initial password: 10–128 characters with letters and digits.
    #[validate(length(min = 10, max = 128, code = "password_too_weak"))]
    #[schema(min_length = 10, max_length = 128)]
    pub password: String,
}

pub async fn list_counties(state: &AppState) -> Result<Vec<CountyView>, ApiError> {
    Ok(county::Entity::find()
        .order_by_asc(county::Column::DivisionCode)
        .all(&state.db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}

pub async fn create_county(
    state: &AppState,
    actor: &Actor,
    input: CreateCountyRequest,
) -> Result<CountyView, ApiError> {
    if !input.division_code.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::field("division_code", "invalid_format"));
    }
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let taken = county::Entity::find()
        .filter(
            Condition::any()
                .add(county::Column::Name.eq(input.name.trim()))
                .add(county::Column::DivisionCode.eq(input.division_code.clone())),
        )
        .count(&tx)
        .await?;
    if taken > 0 {
        return Err(ApiError::Conflict(ErrorCode::CountyNameTaken, Some("name".into())));
    }
    let model = county::Model {
        id: Uuid::now_v7(),
        name: input.name.trim().into(),
        name_en: input.name_en.trim().into(),
        division_code: input.division_code,
        province: input.province.trim().into(),
        city: input.city.trim().into(),
        created_at: now,
    };
    county::Entity::insert(county::ActiveModel::from(model.clone())).exec_without_returning(&tx).await?;
    // A new county starts with the official holiday schedules Gongkai ships with.
    crate::calendar::service::seed_national(&tx, model.id, now).await?;
    let view = CountyView::from(model);
    let record = AuditRecord::success("county.create", "county", view.id)
        .in_county(Some(view.id))
        .change(serde_json::Value::Null, &view);
    crate::work::commit(tx, state, &actor.audit_actor(), record, now).await?;
    Ok(view)
}

pub async fn list_units(
    state: &AppState,
    actor: &Actor,
    reach: &Reach,
    query: UnitListQuery,
) -> Result<Page<UnitView>, ApiError> {
    let county = match reach {
        Reach::Platform => query.county_id,
        _ => Some(actor.county_id.ok_or(ApiError::Forbidden)?),
    };
    let mut select = unit::Entity::find();
    if let Some(county) = county {
        select = select.filter(unit::Column::CountyId.eq(county));
    }
    if let Some(kind) = query.kind {
        select = select.filter(unit::Column::Kind.eq(kind));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        select = select
            .filter(Condition::any().add(unit::Column::Name.contains(q)).add(unit::Column::ShortName.contains(q)));
    }
    let paging = query.paging();
    Ok(Page::fetch(
        select.order_by_asc(unit::Column::Kind).order_by_asc(unit::Column::Name),
        &state.db,
        paging,
        Into::into,
    )
    .await?)
}

fn check_sector(kind: UnitKind, sector: Option<Sector>) -> Result<(), ApiError> {
    match (kind, sector) {
        (UnitKind::PublicEnterprise, None) => Err(ApiError::field("sector", "sector_required")),
        (UnitKind::PublicEnterprise, Some(_)) | (_, None) => Ok(()),
        (_, Some(_)) => Err(ApiError::field("sector", "sector_not_allowed")),
    }
}

async fn check_unit_uniqueness(
    tx: &DatabaseTransaction,
    county_id: Uuid,
    except: Option<Uuid>,
    name: Option<&str>,
    slug: Option<&str>,
    function: Option<OversightFunction>,
    credit_code: Option<&str>,
) -> Result<(), ApiError> {
    let others = |select: sea_orm::Select<unit::Entity>| match except {
        Some(id) => select.filter(unit::Column::Id.ne(id)),
        None => select,
    };
    if let Some(name) = name {
        let n = others(
            unit::Entity::find().filter(unit::Column::CountyId.eq(county_id)).filter(unit::Column::Name.eq(name)),
        )
        .count(tx)
        .await?;
        if n > 0 {
            return Err(ApiError::Conflict(ErrorCode::UnitNameTaken, Some("name".into())));
        }
    }
    if let Some(slug) = slug {
        let n = others(
            unit::Entity::find().filter(unit::Column::CountyId.eq(county_id)).filter(unit::Column::Slug.eq(slug)),
        )
        .count(tx)
        .await?;
        if n > 0 {
            return Err(ApiError::Conflict(ErrorCode::SlugTaken, Some("slug".into())));
        }
    }
    if let Some(function) = function {
        let n = others(
            unit::Entity::find()
                .filter(unit::Column::CountyId.eq(county_id))
                .filter(unit::Column::Function.eq(function)),
        )
        .count(tx)
        .await?;
        if n > 0 {
            return Err(ApiError::Conflict(ErrorCode::FunctionTaken, Some("function".into())));
        }
    }
    if let Some(code) = credit_code {
        let n = others(unit::Entity::find().filter(unit::Column::CreditCode.eq(code))).count(tx).await?;
        if n > 0 {
            return Err(ApiError::Conflict(ErrorCode::CreditCodeTaken, Some("credit_code".into())));
        }
    }
    Ok(())
}

async fn check_parent(
    tx: &DatabaseTransaction,
    county_id: Uuid,
    unit_id: Option<Uuid>,
    parent_id: Uuid,
) -> Result<(), ApiError> {
    // Walk up from the proposed parent; meeting the unit itself would close a cycle.
    let mut cursor = Some(parent_id);
    let mut depth = 0;
    while let Some(id) = cursor {
        if Some(id) == unit_id || depth > 32 {
            return Err(ApiError::Rule(ErrorCode::ParentCycle, Some("parent_id".into())));
        }
        let Some(parent) = unit::Entity::find_by_id(id).one(tx).await? else {
            return Err(ApiError::field("parent_id", "invalid_value"));
        };
        if parent.county_id != county_id {
            return Err(ApiError::Rule(ErrorCode::ParentInOtherCounty, Some("parent_id".into())));
        }
        cursor = parent.parent_id;
        depth += 1;
    }
    Ok(())
}

pub async fn create_unit(
    state: &AppState,
    actor: &Actor,
    reach: &Reach,
    input: CreateUnitRequest,
) -> Result<UnitView, ApiError> {
    let credit_code = CreditCode::parse(&input.credit_code).map_err(|code| ApiError::field("credit_code", code))?;
    if !input.slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(ApiError::field("slug", "invalid_format"));
    }
    check_sector(input.kind, input.sector)?;
    if let Reach::County(county) = reach
        && *county != input.county_id
    {
        return Err(ApiError::field("county_id", "invalid_value"));
    }
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    if county::Entity::find_by_id(input.county_id).one(&tx).await?.is_none() {
        return Err(ApiError::field("county_id", "invalid_value"));
    }
    let name = input.name.trim().to_string();
    check_unit_uniqueness(
        &tx,
        input.county_id,
        None,
        Some(&name),
        Some(&input.slug),
        input.function,
        Some(credit_code.as_str()),
    )
    .await?;
    if let Some(parent) = input.parent_id {
        check_parent(&tx, input.county_id, None, parent).await?;
    }
    let model = unit::Model {
        id: Uuid::now_v7(),
        county_id: input.county_id,
        parent_id: input.parent_id,
        slug: input.slug,
        name,
        short_name: input.short_name.trim().into(),
        name_en: input.name_en.trim().into(),
        kind: input.kind,
        sector: input.sector,
        function: input.function,
        credit_code: credit_code.as_str().into(),
        active: true,
        created_at: now,
        updated_at: now,
    };
    unit::Entity::insert(unit::ActiveModel::from(model.clone())).exec_without_returning(&tx).await?;
    let view = UnitView::from(model);
    let record = AuditRecord::success("unit.create", "unit", view.id)
        .in_unit(view.county_id, view.id)
        .change(serde_json::Value::Null, &view);
    // A new unit with a function changes who reaches across the county.
    crate::work::commit_authorization_change(tx, state, &actor.audit_actor(), record, now).await?;
    Ok(view)
}

pub async fn update_unit<P: crate::policy::permissions::Permission>(
    state: &AppState,
    scope: &UnitScope<P>,
    input: UpdateUnitRequest,
) -> Result<UnitView, ApiError> {
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let current = unit::Entity::find_by_id(scope.unit.id).one(&tx).await?.ok_or(ApiError::NotFound)?;
    let before = UnitView::from(current.clone());
    let name = input.name.as_deref().map(str::trim);
    check_unit_uniqueness(&tx, current.county_id, Some(current.id), name, None, None, None).await?;
    let new_parent = if input.clear_parent == Some(true) { None } else { input.parent_id.or(current.parent_id) };
    if let Some(parent) = input.parent_id.filter(|_| input.clear_parent != Some(true)) {
        check_parent(&tx, current.county_id, Some(current.id), parent).await?;
    }
    let mut active: unit::ActiveModel = current.clone().into();
    if let Some(name) = name {
        active.name = Set(name.to_string());
    }
    if let Some(short) = input.short_name {
        active.short_name = Set(short.trim().to_string());
    }
    if let Some(en) = input.name_en {
        active.name_en = Set(en.trim().to_string());
    }
    if let Some(flag) = input.active {
        active.active = Set(flag);
    }
    active.parent_id = Set(new_parent);
    active.updated_at = Set(now);
    let updated = active.update(&tx).await?;
    let after = UnitView::from(updated);
    let record = AuditRecord::success("unit.update", "unit", after.id)
        .in_unit(after.county_id, after.id)
        .change(&before, &after);
    audit::append(&tx, &state.audit_key, &scope.actor.audit_actor(), record, now).await?;
    if before.active != after.active {
        policy::bump_version(&tx, now).await?;
    }
    tx.commit().await?;
    if before.active != after.active {
        policy::announce_change(&state.policy, &state.db, state.redis.as_ref()).await;
    }
    Ok(after)
}

pub async fn list_members(state: &AppState, unit: UnitRef) -> Result<Vec<MemberView>, ApiError> {
    let assignments = role_assignment::Entity::find_in(unit)
        .order_by_asc(role_assignment::Column::Role)
        .order_by_asc(role_assignment::Column::CreatedAt)
        .all(&state.db)
        .await?;
    members_view(&state.db, assignments).await
}

async fn members_view(
    db: &impl ConnectionTrait,
    assignments: Vec<role_assignment::Model>,
) -> Result<Vec<MemberView>, ApiError> {
    let ids: Vec<Uuid> = assignments.iter().map(|a| a.user_id).collect();
    let users = user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?;
    Ok(assignments
        .into_iter()
        .filter_map(|a| {
            let u = users.iter().find(|u| u.id == a.user_id)?;
            Some(MemberView {
                id: a.id,
                user_id: a.user_id,
                username: u.username.clone(),
                display_name: u.display_name.clone(),
                role: a.role,
                is_principal: a.is_principal,
                user_status: u.status,
                assigned_at: a.created_at,
            })
        })
        .collect())
}

/// Leaders add handlers to their own unit; assigning a leader or the principal leader needs
/// `member.manage`.
pub async fn assign_role<P: crate::policy::permissions::Permission>(
    state: &AppState,
    scope: &UnitScope<P>,
    input: AssignRoleRequest,
) -> Result<MemberView, ApiError> {
    let principal = input.is_principal.unwrap_or(false);
    if (input.role != UnitRole::Handler || principal) && !scope.also_allows::<MemberManage>(state) {
        return Err(ApiError::Forbidden);
    }
    if principal && input.role != UnitRole::Leader {
        return Err(ApiError::Rule(ErrorCode::PrincipalMustBeLeader, Some("is_principal".into())));
    }
    let unit = scope.unit_ref();
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let Some(person) = user::Entity::find_by_id(input.user_id).one(&tx).await? else {
        return Err(ApiError::field("user_id", "invalid_value"));
    };
    if person.county_id != Some(unit.county_id()) {
        return Err(ApiError::Rule(ErrorCode::UserInOtherCounty, Some("user_id".into())));
    }
    let existing = role_assignment::Entity::find_in(unit)
        .filter(role_assignment::Column::UserId.eq(person.id))
        .filter(role_assignment::Column::Role.eq(input.role))
        .count(&tx)
        .await?;
    if existing > 0 {
        return Err(ApiError::Conflict(ErrorCode::RoleAlreadyAssigned, Some("role".into())));
    }
    if principal {
        let has_principal = role_assignment::Entity::find_in(unit)
            .filter(role_assignment::Column::IsPrincipal.eq(true))
            .count(&tx)
            .await?;
        if has_principal > 0 {
            return Err(ApiError::Conflict(ErrorCode::PrincipalLeaderExists, Some("is_principal".into())));
        }
    }
    let view =
        insert_assignment(&tx, state, &scope.actor, unit, &person, input.role, principal, "member.assign", now).await?;
    tx.commit().await?;
    policy::announce_change(&state.policy, &state.db, state.redis.as_ref()).await;
    Ok(view)
}

#[allow(clippy::too_many_arguments)]
async fn insert_assignment(
    tx: &DatabaseTransaction,
    state: &AppState,
    actor: &Actor,
    unit: UnitRef,
    person: &user::Model,
    role: UnitRole,
    principal: bool,
    action: &str,
    now: DateTime<Utc>,
) -> Result<MemberView, ApiError> {
    let model = role_assignment::Model {
        id: Uuid::now_v7(),
        user_id: person.id,
        unit_id: unit.unit_id(),
        county_id: unit.county_id(),
        role,
        is_principal: principal,
        created_at: now,
        created_by: Some(actor.user_id),
    };
    role_assignment::Entity::insert(role_assignment::ActiveModel::from(model.clone()))
        .exec_without_returning(tx)
        .await?;
    let view = MemberView {
        id: model.id,
        user_id: person.id,
        username: person.username.clone(),
        display_name: person.display_name.clone(),
        role,
        is_principal: principal,
        user_status: person.status,
        assigned_at: now,
    };
    let record = AuditRecord::success(action, "role_assignment", model.id)
        .in_unit(unit.county_id(), unit.unit_id())
        .change(serde_json::Value::Null, &view);
    audit::append(tx, &state.audit_key, &actor.audit_actor(), record, now).await?;
    policy::bump_version(tx, now).await?;
    Ok(view)
}

pub async fn remove_role<P: crate::policy::permissions::Permission>(
    state: &AppState,
    scope: &UnitScope<P>,
    assignment_id: Uuid,
) -> Result<(), ApiError> {
    let unit = scope.unit_ref();
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let assignment = role_assignment::Entity::find_in(unit)
        .filter(role_assignment::Column::Id.eq(assignment_id))
        .one(&tx)
        .await?
        .ok_or(ApiError::NotFound)?;
    if (assignment.role != UnitRole::Handler || assignment.is_principal) && !scope.also_allows::<MemberManage>(state) {
        return Err(ApiError::Forbidden);
    }
    let before = members_view(&tx, vec![assignment.clone()]).await?;
    role_assignment::Entity::delete_in(unit).filter(role_assignment::Column::Id.eq(assignment.id)).exec(&tx).await?;
    let still_member = role_assignment::Entity::find_in(unit)
        .filter(role_assignment::Column::UserId.eq(assignment.user_id))
        .one(&tx)
        .await?
        .is_some();
    if !still_member {
        super::duties::drop_member(&tx, unit, assignment.user_id).await?;
    }
    let record = AuditRecord::success("member.remove", "role_assignment", assignment.id)
        .in_unit(unit.county_id(), unit.unit_id())
        .change(&before, serde_json::Value::Null);
    crate::work::commit_authorization_change(tx, state, &scope.actor.audit_actor(), record, now).await?;
    Ok(())
}

/// A leader opens an account for a new handler of the unit.
pub async fn create_handler<P: crate::policy::permissions::Permission>(
    state: &AppState,
    scope: &UnitScope<P>,
    input: CreateHandlerRequest,
) -> Result<MemberView, ApiError> {
    let username = Username::parse(&input.username).map_err(|code| ApiError::field("username", code))?;
    let password = NewPassword::parse(&input.password).map_err(|code| ApiError::field("password", code))?;
    let hash = state.passwords.hash(password.expose()).await?;
    let unit = scope.unit_ref();
    let now = state.time.now();
    let tx = write_tx(&state.db).await?;
    let person = crate::users::service::insert_user(
        &tx,
        state,
        &scope.actor,
        crate::users::service::NewUser {
            audited: false,
            county_id: Some(unit.county_id()),
            username,
            display_name: input.display_name.trim().to_string(),
            email: input.email,
            phone: None,
            password_hash: hash,
            is_platform_admin: false,
        },
        now,
    )
    .await?;
    let view = insert_assignment(
        &tx,
        state,
        &scope.actor,
        unit,
        &person,
        UnitRole::Handler,
        false,
        "member.create_handler",
        now,
    )
    .await?;
    tx.commit().await?;
    policy::announce_change(&state.policy, &state.db, state.redis.as_ref()).await;
    Ok(view)
}
