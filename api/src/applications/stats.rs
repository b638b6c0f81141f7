//! Tables 3 and 4 of the annual report (State Council General Office Openness Office 2021 No. 30),
//! computed from the records of a unit or a county for one year: nothing is typed in.

use actix_web::{get, web};
use chrono::NaiveDate;
use entity::enums::{ApplicantKind, ProceedingKind, ProceedingResult, ReplyOutcome, RequestKind};
use entity::{application, legal_proceeding};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{Authorized, Reach};
use crate::error::ApiError;
use crate::extract::ValidatedQuery;
use crate::openapi::ErrorResponses;
use crate::paging::YearQuery;
use crate::policy::permissions::ApplicationRead;
use crate::state::AppState;
use crate::tenancy::ScopedFind;
use crate::tenancy::UnitScope;

pub fn routes(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(unit_statistics).service(county_statistics);
}

/// The columns of table 3, in order; the seventh is the total.
pub const COLUMNS: [ApplicantKind; 6] = [
    ApplicantKind::NaturalPerson,
    ApplicantKind::CommercialEnterprise,
    ApplicantKind::ResearchInstitution,
    ApplicantKind::SocialWelfareOrg,
    ApplicantKind::LegalServiceOrg,
    ApplicantKind::OtherOrg,
];

/// The result rows of table 3 under 三, in the printed order.
pub const RESULT_ROWS: [(ReplyOutcome, &str, &str); 21] = [
    (ReplyOutcome::Disclosed, "（一）", "予以公开"),
    (ReplyOutcome::PartiallyDisclosed, "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）"),
    (ReplyOutcome::WithheldStateSecret, "（三）1", "属于国家秘密"),
    (ReplyOutcome::WithheldProhibitedByLaw, "（三）2", "其他法律行政法规禁止公开"),
    (ReplyOutcome::WithheldSecurityStability, "（三）3", "危及“三安全一稳定”"),
    (ReplyOutcome::WithheldThirdPartyRights, "（三）4", "保护第三方合法权益"),
    (ReplyOutcome::WithheldInternalAffairs, "（三）5", "属于三类内部事务信息"),
    (ReplyOutcome::WithheldProcessInformation, "（三）6", "属于四类过程性信息"),
    (ReplyOutcome::WithheldEnforcementFile, "（三）7", "属于行政执法案卷"),
    (ReplyOutcome::WithheldInquiryMatter, "（三）8", "属于行政查询事项"),
    (ReplyOutcome::UnavailableNotHeld, "（四）1", "本机关不掌握相关政府信息"),
    (ReplyOutcome::UnavailableNeedsCreation, "（四）2", "没有现成信息需要另行制作"),
    (ReplyOutcome::UnavailableStillUnclear, "（四）3", "补正后申请内容仍不明确"),
    (ReplyOutcome::NotProcessedPetition, "（五）1", "信访举报投诉类申请"),
    (ReplyOutcome::NotProcessedRepeated, "（五）2", "重复申请"),
    (ReplyOutcome::NotProcessedPublication, "（五）3", "要求提供公开出版物"),
    (ReplyOutcome::NotProcessedMassRepeated, "（五）4", "无正当理由大量反复申请"),
    (ReplyOutcome::NotProcessedConfirmation, "（五）5", "要求行政机关确认或重新出具已获取信息"),
    (ReplyOutcome::OtherNoCorrection, "（六）1", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (ReplyOutcome::OtherUnpaid, "（六）2", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    (ReplyOutcome::OtherOther, "（六）3", "其他"),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TableRow {
    /// Stable key: `new`, `carried_over`, an outcome, `results_total` or `carried_forward`.
    pub key: String,
    /// The row's number as printed, e.g. `一`, `（三）4`.
    pub number: String,
    pub label: String,
    /// One value per column: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
    pub values: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Table3 {
    pub year: i32,
    pub columns: Vec<ApplicantKind>,
    pub rows: Vec<TableRow>,
    /// 一 + 二 = （七） + 四, per column.
    pub check_passes: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Table4Row {
    pub kind: ProceedingKind,
    /// 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
    pub values: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Table4 {
    pub year: i32,
    pub rows: Vec<Table4Row>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicationStatistics {
    pub year: i32,
    /// The units counted.
    pub unit_ids: Vec<Uuid>,
    pub table3: Table3,
    pub table4: Table4,
    /// Section 六 of the annual report: the information processing fees of the year.
    pub fees: FeeSummary,
}

/// 六、其他需要报告的事项: information processing fees (State Council General Office 2020 No. 109).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FeeSummary {
    pub year: i32,
    /// Fee notices sent in the year.
    pub notices: u64,
    /// What those notices charged, in fen.
    pub charged_fen: i64,
    /// Fees paid in the year (whenever their notice was sent), and their total in fen.
    pub payments: u64,
    pub collected_fen: i64,
}

/// Section 六: notices counted by the day they were sent, payments by the day they were made.
pub async fn fee_summary(db: &impl ConnectionTrait, units: &[Uuid], year: i32) -> Result<FeeSummary, ApiError> {
    let (start, end) = year_bounds(year)?;
    let sum = |date: application::Column| {
        application::Entity::find_within(&Reach::Units(units.to_vec()))
            .select_only()
            .column_as(Expr::col(application::Column::Id).count(), "n")
            // PostgreSQL sums a BIGINT as NUMERIC; the cast keeps one integer type on both databases.
            .column_as(Expr::cust("CAST(COALESCE(SUM(fee_amount_fen), 0) AS BIGINT)"), "total")
            .filter(date.between(start, end))
            .into_tuple::<(i64, i64)>()
    };
    let (notices, charged_fen) = sum(application::Column::FeeNoticeOn).one(db).await?.unwrap_or((0, 0));
    let (payments, collected_fen) = sum(application::Column::FeePaidOn).one(db).await?.unwrap_or((0, 0));
    Ok(FeeSummary {
        year,
        notices: u64::try_from(notices).unwrap_or(0),
        charged_fen,
        payments: u64::try_from(payments).unwrap_or(0),
        collected_fen,
    })
}

fn column_of(kind: ApplicantKind) -> usize {
    COLUMNS.iter().position(|k| *k == kind).unwrap_or(5)
}

fn row(key: &str, number: &str, label: &str, counts: &[(ApplicantKind, i64)]) -> TableRow {
    let mut values = vec![0u64; 7];
    for (kind, n) in counts {
        let n = u64::try_from(*n).unwrap_or(0);
        values[column_of(*kind)] += n;
        values[6] += n;
    }
    TableRow { key: key.into(), number: number.into(), label: label.into(), values }
}

async fn count_by_kind(
    db: &impl ConnectionTrait,
    units: &[Uuid],
    condition: Condition,
) -> Result<Vec<(ApplicantKind, i64)>, ApiError> {
    Ok(application::Entity::find_within(&Reach::Units(units.to_vec()))
        .select_only()
        .column(application::Column::ApplicantKind)
        .column_as(Expr::col(application::Column::Id).count(), "n")
        .filter(condition)
        // Art. 41 correction requests are no applications for information: table 3 leaves them out.
        .filter(application::Column::RequestKind.eq(RequestKind::Disclosure))
        .group_by(application::Column::ApplicantKind)
        .into_tuple()
        .all(db)
        .await?)
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(ApiError::field("year", "range"))?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(ApiError::field("year", "range"))?;
    Ok((start, end))
}

/// Table 3: an application counts from its receipt date (一 or 二) until its closing date (三),
/// and is carried forward (四) while open at the year's end, so the check holds by construction
/// when the records are consistent — and shows where they are not.
pub async fn table3(db: &impl ConnectionTrait, units: &[Uuid], year: i32) -> Result<Table3, ApiError> {
    let (start, end) = year_bounds(year)?;
    let c = application::Column::ClosedOn;
    let new =
        count_by_kind(db, units, Condition::all().add(application::Column::ReceivedOn.between(start, end))).await?;
    let carried = count_by_kind(
        db,
        units,
        Condition::all()
            .add(application::Column::ReceivedOn.lt(start))
            .add(Condition::any().add(c.is_null()).add(c.gte(start))),
    )
    .await?;
    let forward = count_by_kind(
        db,
        units,
        Condition::all()
            .add(application::Column::ReceivedOn.lte(end))
            .add(Condition::any().add(c.is_null()).add(c.gt(end))),
    )
    .await?;
    let results: Vec<(ApplicantKind, Option<ReplyOutcome>, i64)> =
        application::Entity::find_within(&Reach::Units(units.to_vec()))
            .select_only()
            .column(application::Column::ApplicantKind)
            .column(application::Column::Outcome)
            .column_as(Expr::col(application::Column::Id).count(), "n")
            .filter(application::Column::ReceivedOn.is_not_null())
            .filter(application::Column::RequestKind.eq(RequestKind::Disclosure))
            .filter(c.between(start, end))
            .group_by(application::Column::ApplicantKind)
            .group_by(application::Column::Outcome)
            .into_tuple()
            .all(db)
            .await?;

    let mut rows = vec![row("new", "一", "本年新收政府信息公开申请数量", &new)];
    rows.push(row("carried_over", "二", "上年结转政府信息公开申请数量", &carried));
    let mut total = vec![0u64; 7];
    for (outcome, number, label) in RESULT_ROWS {
        let counts: Vec<(ApplicantKind, i64)> =
            results.iter().filter(|(_, o, _)| *o == Some(outcome)).map(|(k, _, n)| (*k, *n)).collect();
        let r = row(
            &serde_json::to_value(outcome).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            number,
            label,
            &counts,
        );
        for (t, v) in total.iter_mut().zip(&r.values) {
            *t += v;
        }
        rows.push(r);
    }
    rows.push(TableRow {
        key: "results_total".into(),
        number: "（七）".into(),
        label: "总计".into(),
        values: total.clone(),
    });
    let forward_row = row("carried_forward", "四", "结转下年度继续办理", &forward);
    let check_passes =
        (0..7).map(|i| rows[0].values[i] + rows[1].values[i] == total[i] + forward_row.values[i]).collect();
    rows.push(forward_row);
    Ok(Table3 { year, columns: COLUMNS.to_vec(), rows, check_passes })
}

/// Table 4: the reviews and lawsuits filed in the year, by kind and by their result as it stood on
/// 31 December of that year: one decided later was not yet concluded then.
pub async fn table4(db: &impl ConnectionTrait, units: &[Uuid], year: i32) -> Result<Table4, ApiError> {
    let (start, end) = year_bounds(year)?;
    let filed: Vec<(ProceedingKind, ProceedingResult, Option<NaiveDate>)> =
        legal_proceeding::Entity::find_within(&Reach::Units(units.to_vec()))
            .select_only()
            .column(legal_proceeding::Column::Kind)
            .column(legal_proceeding::Column::Result)
            .column(legal_proceeding::Column::DecidedOn)
            .filter(legal_proceeding::Column::FiledOn.between(start, end))
            .into_tuple()
            .all(db)
            .await?;
    let counts: Vec<(ProceedingKind, ProceedingResult, i64)> = filed
        .into_iter()
        .map(|(kind, result, decided_on)| {
            let as_of_year_end = match decided_on {
                Some(day) if day <= end => result,
                _ => ProceedingResult::Pending,
            };
            (kind, as_of_year_end, 1)
        })
        .collect();
    let results =
        [ProceedingResult::Maintained, ProceedingResult::Corrected, ProceedingResult::Other, ProceedingResult::Pending];
    let rows =
        [ProceedingKind::AdministrativeReview, ProceedingKind::LitigationDirect, ProceedingKind::LitigationAfterReview]
            .into_iter()
            .map(|kind| {
                let mut values: Vec<u64> = results
                    .iter()
                    .map(|r| {
                        counts
                            .iter()
                            .filter(|(k, res, _)| *k == kind && res == r)
                            .map(|(_, _, n)| u64::try_from(*n).unwrap_or(0))
                            .sum()
                    })
                    .collect();
                values.push(values.iter().sum());
                Table4Row { kind, values }
            })
            .collect();
    Ok(Table4 { year, rows })
}

/// Tables 3 and 4 of one unit for a year.
#[utoipa::path(
    tag = "applications",
    params(("unit_id" = Uuid, Path), YearQuery),
    responses((status = 200, body = ApplicationStatistics), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationRead::NAME)))
)]
#[get("/units/{unit_id}/statistics/applications")]
pub async fn unit_statistics(
    scope: UnitScope<ApplicationRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<YearQuery>,
) -> Result<web::Json<ApplicationStatistics>, ApiError> {
    let q = query.into_inner()?;
    let units = vec![scope.unit.id];
    Ok(web::Json(ApplicationStatistics {
        year: q.year,
        table3: table3(&state.db, &units, q.year).await?,
        table4: table4(&state.db, &units, q.year).await?,
        fees: fee_summary(&state.db, &units, q.year).await?,
        unit_ids: units,
    }))
}

/// Tables 3 and 4 rolled up over every unit within the caller's reach (the whole county for the
/// openness office).
#[utoipa::path(
    tag = "applications",
    params(YearQuery),
    responses((status = 200, body = ApplicationStatistics), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(ApplicationRead::NAME)))
)]
#[get("/statistics/applications")]
pub async fn county_statistics(
    auth: Authorized<ApplicationRead>,
    state: web::Data<AppState>,
    query: ValidatedQuery<YearQuery>,
) -> Result<web::Json<ApplicationStatistics>, ApiError> {
    let q = query.into_inner()?;
    let units = crate::units::people::units_within(&state.db, &auth.reach, auth.actor.county_id).await?;
    Ok(web::Json(ApplicationStatistics {
        year: q.year,
        table3: table3(&state.db, &units, q.year).await?,
        table4: table4(&state.db, &units, q.year).await?,
        fees: fee_summary(&state.db, &units, q.year).await?,
        unit_ids: units,
    }))
}
