//! The unit's 政府信息公开指南 (Art. 12): generated from the unit's own records — its name, the
//! categories it publishes under, its disclosure office's contact data — with the fixed rules of
//! applying, fees, time limits and remedies, so a change of the unit's data changes the guide at
//! once, and the guide says when it last changed.

use std::collections::BTreeSet;

use actix_web::{get, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use entity::enums::ItemStatus;
use entity::enums::OversightFunction;
use entity::{catalogue_heading, county, information_item as item, unit, unit_guide as guide};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::audit::AuditRecord;
use crate::error::ApiError;
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::GuideEdit;
use crate::state::AppState;
use crate::tenancy::{ScopedFind, UnitRef, UnitScope};
use crate::text::tidy;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(public_guide).service(edit_guide);
}

/// The contact data the unit keeps for its guide.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct GuideContacts {
    /// The office that receives applications.
    #[validate(length(min = 2, max = 100, code = "length"))]
    #[schema(min_length = 2, max_length = 100)]
    pub office_name: String,
    #[validate(length(min = 4, max = 200, code = "length"))]
    #[schema(min_length = 4, max_length = 200)]
    pub address: String,
    #[validate(length(equal = 6, code = "length"))]
    #[schema(min_length = 6, max_length = 6)]
    pub postal_code: String,
    #[validate(length(min = 4, max = 200, code = "length"))]
    #[schema(min_length = 4, max_length = 200)]
    pub office_hours: String,
    #[validate(length(min = 5, max = 50, code = "length"))]
    #[schema(min_length = 5, max_length = 50)]
    pub phone: String,
    #[validate(length(max = 50, code = "length"))]
    #[schema(max_length = 50)]
    pub fax: Option<String>,
    #[validate(email(code = "email"), length(max = 254, code = "length"))]
    #[schema(max_length = 254)]
    pub email: Option<String>,
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub notes: Option<String>,
}

/// One section of the guide.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct GuideSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Guide {
    pub unit_id: Uuid,
    pub unit_name: String,
    /// None until the unit has entered its contact data.
    pub contacts: Option<GuideContacts>,
    pub sections: Vec<GuideSection>,
    /// The last change of the guide's data (the unit's record until the unit first entered it).
    pub updated_at: DateTime<Utc>,
    /// The day by which the unit confirms its guide again (AC 6(1)); none until it first saves it.
    pub review_by: Option<NaiveDate>,
}

/// The guide as generated from the unit's records now.
pub async fn generate(db: &impl ConnectionTrait, base_url: &str, u: &unit::Model) -> Result<Guide, ApiError> {
    let owner = UnitRef::owning_row(u.id, u.county_id);
    let row = guide::Entity::find_in(owner).one(db).await?;
    let published: Vec<(Option<Uuid>, entity::enums::InformationCategory)> = item::Entity::find_in(owner)
        .filter(item::Column::FirstPublishedOn.is_not_null())
        .filter(item::Column::Status.ne(ItemStatus::Withdrawn))
        .select_only()
        .column(item::Column::HeadingId)
        .column(item::Column::Category)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let headed: Vec<Uuid> = published.iter().filter_map(|(h, _)| *h).collect();
    let heading_names: std::collections::HashMap<Uuid, String> = catalogue_heading::Entity::find()
        .filter(catalogue_heading::Column::Id.is_in(headed))
        .all(db)
        .await?
        .into_iter()
        .map(|h| (h.id, h.name))
        .collect();
    // A heading's name where the county gave one, the Art. 20–21 category otherwise.
    let headings: BTreeSet<String> = published
        .iter()
        .map(|(h, c)| {
            h.and_then(|h| heading_names.get(&h).cloned())
                .unwrap_or_else(|| super::prerender::category_zh(*c).to_string())
        })
        .collect();
    let contacts = row.as_ref().map(|g| GuideContacts {
        office_name: g.office_name.clone(),
        address: g.address.clone(),
        postal_code: g.postal_code.clone(),
        office_hours: g.office_hours.clone(),
        phone: g.phone.clone(),
        fax: g.fax.clone(),
        email: g.email.clone(),
        notes: g.notes.clone(),
    });
    let base = base_url.trim_end_matches('/');
    let county_name = county::Entity::find_by_id(u.county_id).one(db).await?.map(|c| c.name).unwrap_or_default();
    let office_name =
        crate::units::people::function_unit(db, u.county_id, OversightFunction::OpennessOffice).await?.map(|o| o.name);
    let mut sections = vec![GuideSection {
        heading: "一、主动公开".into(),
        paragraphs: vec![
            format!(
                "{}依照《中华人民共和国政府信息公开条例》第十九条至第二十一条主动公开政府信息，自政府信息形成或者变更之日起20个工作日内予以公开。",
                u.name
            ),
            if headings.is_empty() {
                "公开目录栏目：尚未在公开目录中发布信息。".to_string()
            } else {
                format!("公开目录栏目：{}。", headings.into_iter().collect::<Vec<_>>().join("、"))
            },
            format!("公开方式：{county_name}政府信息公开平台（{base}/catalogue?unit_id={}）。", u.id),
        ],
    }];
    let mut apply = vec![format!(
        "申请方式：通过政府信息公开平台在线提交（{base}/apply），或者以信函、传真、当面递交等书面形式提出。"
    )];
    match &contacts {
        Some(c) => {
            apply.push(format!("受理机构：{}；地址：{}；邮政编码：{}。", c.office_name, c.address, c.postal_code));
            apply.push(format!("办公时间：{}；联系电话：{}。", c.office_hours, c.phone));
            if let Some(fax) = c.fax.as_deref().filter(|f| !f.is_empty()) {
                apply.push(format!("传真：{fax}。"));
            }
            if let Some(email) = c.email.as_deref().filter(|e| !e.is_empty()) {
                apply.push(format!("电子邮箱：{email}。"));
            }
        }
        None => apply.push("受理机构的地址、办公时间和联系电话尚未填写，请通过政府信息公开平台在线提交申请。".into()),
    }
    apply.push(
        "答复期限：能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；\
         需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日（条例第三十三条）。"
            .into(),
    );
    apply.push(
        "收费：依申请提供政府信息不收取费用；申请公开政府信息的数量、频次明显超过合理范围的，\
         可以依照《政府信息公开信息处理费管理办法》收取信息处理费（条例第四十二条）。"
            .into(),
    );
    sections.push(GuideSection { heading: "二、依申请公开".into(), paragraphs: apply });
    sections.push(GuideSection {
        heading: "三、监督和救济".into(),
        paragraphs: vec![
            format!(
                "认为本机关在政府信息公开工作中侵犯其合法权益的，可以向{}（{county_name}政务公开主管部门）投诉、举报（{base}/complaints），\
                 也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）；对不予公开等答复不服的，应当先依法申请行政复议。",
                office_name.as_deref().unwrap_or("县人民政府办公室")
            ),
        ],
    });
    if let Some(notes) = contacts.as_ref().and_then(|c| c.notes.clone()).filter(|n| !n.is_empty()) {
        sections.push(GuideSection { heading: "四、其他说明".into(), paragraphs: vec![notes] });
    }
    // The unit's name and catalogue are read live; the date is that of the guide's own data.
    let updated_at = row.as_ref().map_or(u.updated_at, |g| g.updated_at);
    let review_by = crate::clocks::find_open(db, &guide_subject(u), &super::GUIDE_FRESHNESS).await?.map(|c| c.due_date);
    Ok(Guide { unit_id: u.id, unit_name: u.name.clone(), contacts, sections, updated_at, review_by })
}

fn guide_subject(u: &unit::Model) -> crate::clocks::Subject {
    crate::clocks::Subject::new(super::GUIDE, u.id, UnitRef::owning_row(u.id, u.county_id))
}

/// A unit's disclosure guide, as the portal shows it.
#[utoipa::path(
    tag = "portal",
    params(("unit_id" = Uuid, Path)),
    responses((status = 200, body = Guide), ErrorResponses),
    extensions(("x-permission" = json!(crate::policy::permissions::PUBLIC)))
)]
#[get("/public/units/{unit_id}/guide")]
pub async fn public_guide(state: web::Data<AppState>, path: web::Path<Uuid>) -> Result<web::Json<Guide>, ApiError> {
    let u = unit::Entity::find_by_id(path.into_inner())
        .filter(unit::Column::Active.eq(true))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(web::Json(generate(&state.db, &state.settings.public_base_url, &u).await?))
}

/// The unit keeps the contact data of its guide; the guide is generated again from it at once.
#[utoipa::path(
    tag = "disclosure",
    params(("unit_id" = Uuid, Path)),
    request_body = GuideContacts,
    responses((status = 200, body = Guide), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(GuideEdit::NAME)))
)]
#[put("/units/{unit_id}/guide")]
pub async fn edit_guide(
    scope: UnitScope<GuideEdit>,
    state: web::Data<AppState>,
    body: ValidatedJson<GuideContacts>,
) -> Result<web::Json<Guide>, ApiError> {
    let body = body.into_inner()?;
    if !body.postal_code.chars().all(|c| c.is_ascii_digit()) {
        return Err(ApiError::field("postal_code", "invalid_format"));
    }
    let now = state.time.now();
    let u = scope.unit.clone();
    let opt = |t: &Option<String>| t.as_deref().map(tidy).filter(|t| !t.is_empty());
    crate::work::run(&state, &scope.actor.audit_actor(), now, async |tx| {
        guide::Entity::insert(guide::ActiveModel {
            unit_id: Set(u.id),
            county_id: Set(u.county_id),
            office_name: Set(tidy(&body.office_name)),
            address: Set(tidy(&body.address)),
            postal_code: Set(body.postal_code.clone()),
            office_hours: Set(tidy(&body.office_hours)),
            phone: Set(tidy(&body.phone)),
            fax: Set(opt(&body.fax)),
            email: Set(opt(&body.email)),
            notes: Set(opt(&body.notes)),
            updated_by: Set(scope.actor.user_id),
            updated_at: Set(now),
        })
        .on_conflict(
            OnConflict::column(guide::Column::UnitId)
                .update_columns([
                    guide::Column::OfficeName,
                    guide::Column::Address,
                    guide::Column::PostalCode,
                    guide::Column::OfficeHours,
                    guide::Column::Phone,
                    guide::Column::Fax,
                    guide::Column::Email,
                    guide::Column::Notes,
                    guide::Column::UpdatedBy,
                    guide::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(tx)
        .await?;
        // Saving is the unit confirming its guide: the county's period starts again (AC 6(1)).
        let days = super::settings::guide_review_days(tx, u.county_id).await?;
        let period = crate::calendar::Period::CalendarDays(u32::try_from(days).unwrap_or(365));
        let clock = crate::clocks::NewClock {
            kind: &super::GUIDE_FRESHNESS,
            legal_basis: "《中华人民共和国政府信息公开条例》第十二条；责任追究制度第六条第（一）项".into(),
            start: crate::time::beijing_today(now),
            period,
            assignee: None,
            label: crate::clocks::Label::new(
                format!("公开指南更新 · {}", u.name),
                Some(format!("/console/units/{}/guide", u.id)),
            ),
        };
        crate::clocks::renew(tx, &guide_subject(&u), clock, "单位确认了公开指南", Some(scope.actor.user_id), now)
            .await?;
        let rec = AuditRecord::success("guide.edit", "unit_guide", u.id).in_unit(u.county_id, u.id);
        Ok(((), rec))
    })
    .await?;
    Ok(web::Json(generate(&state.db, &state.settings.public_base_url, &u).await?))
}
