//! Demo data: Yongji County's units, one principal leader and one handler per unit, and a platform
//! administrator. Runs only when asked (`SEED_DEMO=true` or `gongkai seed`) and only into a platform
//! that has no county yet.

use std::collections::HashMap;

use anyhow::Context;
use chrono::{DateTime, Utc};
use entity::enums::{OversightFunction, Sector, UnitDuty, UnitKind, UnitRole, UserStatus};
use entity::{county, role_assignment, unit, unit_duty, user};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde::Deserialize;
use uuid::Uuid;

use crate::applications::service::{self, Step};
use crate::audit::{self, AuditActor, AuditKey, AuditRecord};
use crate::auth::password::PasswordHasher;
use crate::config::Settings;
use crate::db::write_tx;
use crate::domain::CreditCode;
use crate::tenancy::UnitRef;

const YONGJI: &str = include_str!("../../migration/seed/yongji.json");
pub const ADMIN_USERNAME: &str = "admin";

#[derive(Debug, Deserialize)]
struct SeedFile {
    county: SeedCounty,
    units: Vec<SeedUnit>,
}

#[derive(Debug, Deserialize)]
struct SeedCounty {
    name: String,
    name_en: String,
    division_code: String,
    province: String,
    city: String,
}

#[derive(Debug, Deserialize)]
struct SeedUnit {
    key: String,
    name: String,
    short_name: String,
    name_en: String,
    kind: UnitKind,
    sector: Option<Sector>,
    function: Option<OversightFunction>,
    parent: Option<String>,
    credit_code: String,
}

/// A demo account, for printing at start-up.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub username: String,
    pub unit: String,
    pub role: String,
}

/// The demo logins worth showing first: the administrator, the openness office, and one township.
pub fn featured_logins() -> Vec<DemoLogin> {
    let Ok(file) = serde_json::from_str::<SeedFile>(YONGJI) else { return Vec::new() };
    let mut out = vec![DemoLogin {
        username: ADMIN_USERNAME.into(),
        unit: "平台 Platform".into(),
        role: "platform_admin".into(),
    }];
    let pick = |pred: &dyn Fn(&SeedUnit) -> bool| file.units.iter().find(|u| pred(u));
    let featured = [
        pick(&|u| u.function == Some(OversightFunction::OpennessOffice)),
        pick(&|u| u.kind == UnitKind::Township),
        pick(&|u| u.function == Some(OversightFunction::SecrecyBureau)),
        pick(&|u| u.function == Some(OversightFunction::SupervisoryCommission)),
        pick(&|u| u.kind == UnitKind::PublicEnterprise),
    ];
    for u in featured.into_iter().flatten() {
        for role in ["leader", "handler"] {
            out.push(DemoLogin { username: format!("{}.{role}", u.key), unit: u.name.clone(), role: role.into() });
        }
    }
    out
}

pub async fn seed_demo(
    db: &DatabaseConnection,
    settings: &Settings,
    passwords: &PasswordHasher,
    audit_key: &AuditKey,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    if county::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let file: SeedFile = serde_json::from_str(YONGJI).context("parsing the Yongji seed file")?;
    // Every demo account shares the published demo password, so one hash serves them all.
    let hash = passwords
        .hash(settings.demo_password.expose())
        .await
        .map_err(|e| anyhow::anyhow!("hashing the demo password: {e}"))?;
    let actor = AuditActor {
        user_id: None,
        name: "system (demo seed)".into(),
        request_id: "seed".into(),
        client_ip: "local".into(),
    };
    let tx = write_tx(db).await?;
    let county_id = Uuid::now_v7();
    county::Entity::insert(county::ActiveModel::from(county::Model {
        id: county_id,
        name: file.county.name.clone(),
        name_en: file.county.name_en.clone(),
        division_code: file.county.division_code.clone(),
        province: file.county.province.clone(),
        city: file.county.city.clone(),
        created_at: now,
    }))
    .exec_without_returning(&tx)
    .await?;
    audit::append(
        &tx,
        audit_key,
        &actor,
        AuditRecord::success("county.create", "county", county_id).in_county(Some(county_id)),
        now,
    )
    .await?;
    crate::calendar::service::seed_national(&tx, county_id, now)
        .await
        .map_err(|e| anyhow::anyhow!("seeding the calendar: {e}"))?;

    let admin = new_user(None, ADMIN_USERNAME, "平台管理员", &hash, true, now);
    user::Entity::insert(user::ActiveModel::from(admin.clone())).exec_without_returning(&tx).await?;
    audit::append(&tx, audit_key, &actor, AuditRecord::success("user.create", "user", admin.id), now).await?;

    let mut ids: HashMap<String, Uuid> = HashMap::new();
    for u in &file.units {
        let code = CreditCode::parse(&u.credit_code).map_err(|e| anyhow::anyhow!("unit {}: credit code {e}", u.key))?;
        let parent_id = match &u.parent {
            Some(key) => Some(*ids.get(key).with_context(|| format!("unit {}: parent {key} not seeded first", u.key))?),
            None => None,
        };
        let unit_id = Uuid::now_v7();
        ids.insert(u.key.clone(), unit_id);
        unit::Entity::insert(unit::ActiveModel::from(unit::Model {
            id: unit_id,
            county_id,
            parent_id,
            slug: u.key.clone(),
            name: u.name.clone(),
            short_name: u.short_name.clone(),
            name_en: u.name_en.clone(),
            kind: u.kind,
            sector: u.sector,
            function: u.function,
            credit_code: code.as_str().into(),
            active: true,
            created_at: now,
            updated_at: now,
        }))
        .exec_without_returning(&tx)
        .await?;
        audit::append(
            &tx,
            audit_key,
            &actor,
            AuditRecord::success("unit.create", "unit", unit_id).in_unit(county_id, unit_id),
            now,
        )
        .await?;
        for (role, title) in [(UnitRole::Leader, "负责人"), (UnitRole::Handler, "经办人")] {
            let person = new_user(
                Some(county_id),
                &format!("{}.{}", u.key, role.as_str()),
                &format!("{}{}", u.short_name, title),
                &hash,
                false,
                now,
            );
            user::Entity::insert(user::ActiveModel::from(person.clone())).exec_without_returning(&tx).await?;
            let assignment_id = Uuid::now_v7();
            role_assignment::Entity::insert(role_assignment::ActiveModel::from(role_assignment::Model {
                id: assignment_id,
                user_id: person.id,
                unit_id,
                county_id,
                role,
                is_principal: role == UnitRole::Leader,
                created_at: now,
                created_by: None,
            }))
            .exec_without_returning(&tx)
            .await?;
            audit::append(
                &tx,
                audit_key,
                &actor,
                AuditRecord::success("member.assign", "role_assignment", assignment_id)
                    .in_unit(county_id, unit_id)
                    .with_summary(serde_json::json!({ "user": person.username, "role": role.as_str() })),
                now,
            )
            .await?;
            // The demo leader heads the disclosure office; the handler, who works in it, reviews
            // for secrecy (SR 5: the disclosure office reviews).
            let duty = match role {
                UnitRole::Leader => UnitDuty::DisclosureOfficeHead,
                UnitRole::Handler => UnitDuty::SecrecyReviewer,
            };
            let duty_id = Uuid::now_v7();
            unit_duty::Entity::insert(unit_duty::ActiveModel::from(unit_duty::Model {
                id: duty_id,
                county_id,
                unit_id,
                duty,
                user_id: person.id,
                designated_by: None,
                designated_at: now,
            }))
            .exec_without_returning(&tx)
            .await?;
            audit::append(
                &tx,
                audit_key,
                &actor,
                AuditRecord::success("unit.designate", "unit_duty", duty_id)
                    .in_unit(county_id, unit_id)
                    .with_summary(serde_json::json!({ "user": person.username, "duty": duty.as_str() })),
                now,
            )
            .await?;
        }
    }
    if settings.seed_demo_work {
        seed_demo_work(&tx, settings, audit_key, &ids, now)
            .await
            .map_err(|e| anyhow::anyhow!("seeding demo applications: {e}"))?;
    }
    if settings.seed_demo_lead {
        seed_demo_lead(&tx, settings, audit_key, &ids, now)
            .await
            .map_err(|e| anyhow::anyhow!("seeding the demo lead: {e}"))?;
    }
    crate::policy::bump_version(&tx, now).await?;
    tx.commit().await?;
    tracing::info!(units = file.units.len(), "demo county seeded");
    Ok(true)
}

fn new_user(
    county_id: Option<Uuid>,
    username: &str,
    display_name: &str,
    hash: &str,
    admin: bool,
    now: DateTime<Utc>,
) -> user::Model {
    user::Model {
        id: Uuid::now_v7(),
        county_id,
        username: username.into(),
        display_name: display_name.into(),
        email: Some(format!("{username}@yongji.example.org")),
        phone: None,
        password_hash: hash.into(),
        is_platform_admin: admin,
        status: UserStatus::Active,
        locale: "zh-CN".into(),
        password_changed_at: now,
        created_at: now,
        updated_at: now,
    }
}

/// Real applications in several stages, so the console's lists, clocks and statistics show
/// something on first start. They go through the same service steps as live ones, at past instants.
async fn seed_demo_work(
    tx: &sea_orm::DatabaseTransaction,
    settings: &Settings,
    audit_key: &AuditKey,
    ids: &HashMap<String, Uuid>,
    now: DateTime<Utc>,
) -> Result<(), crate::error::ApiError> {
    let ago = |days: i64| now - chrono::TimeDelta::days(days);
    // (unit, days ago received, handled by the staff at the counter?)
    for (slug, days, counter, person) in [
        ("kouqian", 35, true, "李明"),
        ("kouqian", 26, true, "王芳"),
        ("kouqian", 12, false, "赵强"),
        ("xiyang", 3, false, "陈静"),
        ("kouqian", 0, false, "刘洋"),
    ] {
        let Some(unit) = unit::Entity::find_by_id(ids.get(slug).copied().unwrap_or_default()).one(tx).await? else {
            continue;
        };
        let handler = staff(tx, &format!("{slug}.handler")).await?;
        let at = ago(days);
        let created =
            demo_application(tx, settings, audit_key, &unit, person, if counter { handler } else { None }, at).await?;
        let action = if counter { "application.register" } else { "application.submit" };
        on_record(tx, audit_key, action, &created, at, now).await?;
        if !counter && days > 0 {
            let step = Step { unit: UnitRef::for_system(&unit), base_url: &settings.public_base_url, now: at };
            let signed = service::sign(tx, step, created, handler.unwrap_or_default()).await?;
            on_record(tx, audit_key, "application.sign", &signed, at, now).await?;
        }
    }
    Ok(())
}

/// The seed's steps are on the record like anyone's: one audit event each, written now, naming the
/// past instant the step stands for.
async fn on_record(
    tx: &sea_orm::DatabaseTransaction,
    audit_key: &AuditKey,
    action: &str,
    app: &entity::application::Model,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), crate::error::ApiError> {
    let actor = AuditActor {
        user_id: None,
        name: "system (demo seed)".into(),
        request_id: "seed".into(),
        client_ip: "local".into(),
    };
    let record = AuditRecord::success(action, crate::applications::SUBJECT, app.id)
        .in_unit(app.county_id, app.unit_id)
        .with_summary(serde_json::json!({ "tracking_code": app.tracking_code, "as_of": at, "demo": true }));
    audit::append(tx, audit_key, &actor, record, now).await?;
    Ok(())
}

async fn staff(tx: &sea_orm::DatabaseTransaction, username: &str) -> Result<Option<Uuid>, crate::error::ApiError> {
    Ok(user::Entity::find().filter(user::Column::Username.eq(username)).one(tx).await?.map(|u| u.id))
}

async fn demo_application(
    tx: &sea_orm::DatabaseTransaction,
    settings: &Settings,
    audit_key: &AuditKey,
    unit: &unit::Model,
    person: &str,
    counter_staff: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<entity::application::Model, crate::error::ApiError> {
    use entity::enums::{ApplicantKind, ApplicationChannel, DeliveryForm};
    let applicant = service::Applicant::new(&service::ApplicantForm {
        kind: ApplicantKind::NaturalPerson,
        name: person,
        id_type: crate::applications::identity::IdType::ResidentId,
        id_number: "11010519491231002X",
        contact_person: None,
        phone: "13800000000",
        email: None,
        address: &format!("吉林省永吉县{}", unit.short_name),
    })?;
    let created = service::intake(
        tx,
        audit_key,
        &settings.applications,
        &settings.public_base_url,
        unit,
        service::Intake {
            applicant,
            description: format!("请公开{}2026年度农村公路建设项目的资金安排和招标结果。", unit.name),
            purpose: None,
            request: service::Request { kind: entity::enums::RequestKind::Disclosure, correction_sought: None },
            delivery_form: DeliveryForm::Paper,
            channel: if counter_staff.is_some() { ApplicationChannel::InPerson } else { ApplicationChannel::Online },
            received_on: counter_staff.map(|_| crate::time::beijing_today(at)),
            idempotency: None,
            contact_flood: false,
            assistance: None,
            staff: counter_staff,
            citizen: None,
            lang: crate::error::Lang::Zh,
        },
        at,
    )
    .await?;
    Ok(created.application)
}

/// For the end-to-end test of accountability: an application at 双河镇 received 70 days ago whose
/// extension the leader approved and which is still unanswered. The reminder scan finds it overdue
/// and raises the violation lead, as it would for a real one.
async fn seed_demo_lead(
    tx: &sea_orm::DatabaseTransaction,
    settings: &Settings,
    audit_key: &AuditKey,
    ids: &HashMap<String, Uuid>,
    now: DateTime<Utc>,
) -> Result<(), crate::error::ApiError> {
    let Some(unit) = unit::Entity::find_by_id(ids.get("shuanghe").copied().unwrap_or_default()).one(tx).await? else {
        return Ok(());
    };
    let (Some(handler), Some(leader)) = (staff(tx, "shuanghe.handler").await?, staff(tx, "shuanghe.leader").await?)
    else {
        return Ok(());
    };
    let received = now - chrono::TimeDelta::days(70);
    let app = demo_application(tx, settings, audit_key, &unit, "周敏", Some(handler), received).await?;
    let step = Step {
        unit: UnitRef::for_system(&unit),
        base_url: &settings.public_base_url,
        now: received + chrono::TimeDelta::days(10),
    };
    on_record(tx, audit_key, "application.register", &app, received, now).await?;
    let extended = service::extend(tx, step, app, 20, "需要调取历年档案", leader).await?;
    on_record(tx, audit_key, "application.extend", &extended, step.now, now).await?;
    Ok(())
}
