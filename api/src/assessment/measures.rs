//! The figures the platform measures for an indicator from its own records, each with the records
//! behind it, so the number on a unit's dashboard can be clicked through (AS 9(3)'s online check
//! done by the platform). Other modules are read through their own finders and clocks.

use chrono::NaiveDate;
use entity::enums::{CampaignStatus, ClockState, ProceedingResult, ReviewOutcome};
use entity::{
    case, case_party, complaint, evaluation_campaign as campaign, information_item as item, inspection_finding,
    item_review, leak_incident, legal_proceeding, unit,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::scheme::{Figure, Metric};
use crate::auth::Reach;
use crate::clocks::{Clock, ClockKind};
use crate::error::ApiError;
use crate::tenancy::{ScopedFind, UnitRef};

/// A record behind a figure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordRef {
    /// e.g. `clock`, `item`, `case`, `complaint`.
    pub kind: String,
    pub id: Uuid,
    pub label: String,
    /// The console page of the record.
    pub link: Option<String>,
    pub date: Option<NaiveDate>,
    /// Whether it counts against the unit (late, upheld, missed), or for it.
    pub against: bool,
}

/// A measured figure, what it means, and its records.
#[derive(Debug, Clone)]
pub struct Measurement {
    pub figure: Figure,
    pub explanation_zh: String,
    pub explanation_en: String,
    pub records: Vec<RecordRef>,
}

/// The records shown behind one figure are capped; the figure itself counts them all.
pub const MAX_RECORDS: usize = 200;

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| ApiError::field("year", "range"))?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| ApiError::field("year", "range"))?;
    Ok((first, last))
}

fn unavailable(zh: &str, en: &str) -> Measurement {
    Measurement { figure: Figure::Unavailable, explanation_zh: zh.into(), explanation_en: en.into(), records: vec![] }
}

fn capped(mut records: Vec<RecordRef>) -> Vec<RecordRef> {
    records.sort_by_key(|r| (!r.against, r.date));
    records.truncate(MAX_RECORDS);
    records
}

/// Measures one figure of a unit for a year, as it stands `today`.
pub async fn measure(
    db: &impl ConnectionTrait,
    unit: &unit::Model,
    year: i32,
    today: NaiveDate,
    m: Metric,
) -> Result<Measurement, ApiError> {
    let scope = UnitRef::owning_row(unit.id, unit.county_id);
    let (first, last) = year_bounds(year)?;
    match m {
        Metric::ApplicationOnTime => {
            clock_share(db, unit, &crate::applications::REPLY, (first, last), today, "依申请公开答复", "reply").await
        }
        Metric::PublicationTimeliness => {
            clock_share(db, unit, &crate::disclosure::PUBLICATION, (first, last), today, "主动公开", "publication")
                .await
        }
        Metric::SecrecyReviewCoverage => {
            let published: Vec<item::Model> = item::Entity::find_in(scope)
                .filter(item::Column::FirstPublishedOn.between(first, last))
                .all(db)
                .await?;
            let reviewed: std::collections::HashSet<Uuid> = item_review::Entity::find_in(scope)
                .filter(item_review::Column::ItemId.is_in(published.iter().map(|i| i.id).collect::<Vec<_>>()))
                .filter(item_review::Column::Outcome.eq(ReviewOutcome::Passed))
                .all(db)
                .await?
                .into_iter()
                .map(|r| r.item_id)
                .collect();
            let records: Vec<RecordRef> = published
                .iter()
                .map(|i| RecordRef {
                    kind: "item".into(),
                    id: i.id,
                    label: format!("{} {}", i.index_number.clone().unwrap_or_default(), i.title),
                    link: Some(format!("/console/items/{}/{}", i.unit_id, i.id)),
                    date: i.first_published_on,
                    against: !reviewed.contains(&i.id),
                })
                .collect();
            let hits = records.iter().filter(|r| !r.against).count() as u64;
            let counted = records.len() as u64;
            Ok(Measurement {
                figure: Figure::Share { hits, counted },
                explanation_zh: format!("本年度首次公开{counted}条，其中{hits}条经保密审查通过。"),
                explanation_en: format!(
                    "{counted} items first published in the year, {hits} with a passing secrecy review."
                ),
                records: capped(records),
            })
        }
        Metric::CatalogueFreshness => {
            let kinds = [&crate::disclosure::FRESHNESS, &crate::disclosure::GUIDE_FRESHNESS];
            let late = late_clocks(db, unit, &kinds, (first, last), today).await?;
            let n = late.len() as u64;
            Ok(Measurement {
                figure: Figure::Count(n),
                explanation_zh: format!("本年度目录栏目或公开指南逾期未更新{n}项。"),
                explanation_en: format!("{n} catalogue headings or guide reviews overdue in the year."),
                records: capped(late.iter().map(|c| clock_record(c, true)).collect()),
            })
        }
        Metric::SecrecyFindings => {
            let findings = inspection_finding::Entity::find_in(scope)
                .filter(inspection_finding::Column::Status.ne("dismissed"))
                .filter(inspection_finding::Column::Status.ne("open"))
                .all(db)
                .await?;
            let mut records: Vec<RecordRef> = findings
                .iter()
                .filter(|f| (first..=last).contains(&crate::time::beijing_today(f.created_at)))
                .map(|f| RecordRef {
                    kind: "inspection_finding".into(),
                    id: f.id,
                    label: format!("网上巡查发现：{}", f.excerpt.chars().take(60).collect::<String>()),
                    link: Some(format!("/console/units/{}/inspection-findings", f.unit_id)),
                    date: Some(crate::time::beijing_today(f.created_at)),
                    against: true,
                })
                .collect();
            let leaks = leak_incident::Entity::find_in(scope)
                .filter(leak_incident::Column::FoundOn.between(first, last))
                .all(db)
                .await?;
            records.extend(leaks.iter().map(|l| RecordRef {
                kind: "leak_incident".into(),
                id: l.id,
                label: format!("泄密事件：{}", l.what.chars().take(60).collect::<String>()),
                link: Some(format!("/console/units/{}/leaks", l.unit_id)),
                date: Some(l.found_on),
                against: true,
            }));
            let n = records.len() as u64;
            Ok(Measurement {
                figure: Figure::Count(n),
                explanation_zh: format!("本年度网上巡查确认问题和泄密事件共{n}起。"),
                explanation_en: format!("{n} upheld inspection findings and leaks in the year."),
                records: capped(records),
            })
        }
        Metric::EvaluationRating => evaluation_rating(db, unit, year).await,
        Metric::RectificationOverdue => {
            let late = late_clocks(db, unit, &[&crate::evaluation::RECTIFICATION], (first, last), today).await?;
            let n = late.len() as u64;
            Ok(Measurement {
                figure: Figure::Count(n),
                explanation_zh: format!("本年度评议意见逾期未整改{n}项。"),
                explanation_en: format!("{n} evaluation rectifications overdue in the year."),
                records: capped(late.iter().map(|c| clock_record(c, true)).collect()),
            })
        }
        Metric::AccountabilityCases => {
            let parties = case_party::Entity::find_in(scope).all(db).await?;
            let ids: Vec<Uuid> = parties.iter().map(|p| p.case_id).collect();
            let cases = case::Entity::find()
                .filter(case::Column::CountyId.eq(unit.county_id))
                .filter(case::Column::Id.is_in(ids))
                .filter(case::Column::DecidedAt.is_not_null())
                .filter(case::Column::Closure.is_null())
                .all(db)
                .await?;
            let records: Vec<RecordRef> = cases
                .iter()
                .filter_map(|c| {
                    let decided = crate::time::beijing_today(c.decided_at?);
                    (first..=last).contains(&decided).then(|| RecordRef {
                        kind: "case".into(),
                        id: c.id,
                        label: format!("{} {}", c.number, c.title),
                        link: Some(format!("/console/cases/{}", c.id)),
                        date: Some(decided),
                        against: true,
                    })
                })
                .collect();
            let n = records.len() as u64;
            Ok(Measurement {
                figure: Figure::Count(n),
                explanation_zh: format!("本年度作出责任追究决定{n}起（免予处理和未发现违规的不计）。"),
                explanation_en: format!(
                    "{n} accountability decisions in the year (exemptions and no-violation closures not counted)."
                ),
                records: capped(records),
            })
        }
        Metric::ComplaintsUpheld => {
            let upheld = complaint::Entity::find()
                .filter(complaint::Column::CountyId.eq(unit.county_id))
                .filter(complaint::Column::UnitId.eq(unit.id))
                .filter(complaint::Column::ReceivedOn.between(first, last))
                .filter(complaint::Column::Finding.eq("upheld"))
                .all(db)
                .await?;
            let n = upheld.len() as u64;
            Ok(Measurement {
                figure: Figure::Count(n),
                explanation_zh: format!("本年度收到的投诉中经查属实{n}件。"),
                explanation_en: format!("{n} complaints received in the year were upheld."),
                records: capped(
                    upheld
                        .iter()
                        .map(|c| RecordRef {
                            kind: "complaint".into(),
                            id: c.id,
                            label: format!("{} {}", c.code, c.subject),
                            link: Some("/console/complaints".into()),
                            date: Some(c.received_on),
                            against: true,
                        })
                        .collect(),
                ),
            })
        }
        Metric::ProceedingsCorrected => {
            let corrected = legal_proceeding::Entity::find_in(scope)
                .filter(legal_proceeding::Column::DecidedOn.between(first, last))
                .filter(legal_proceeding::Column::Result.eq(ProceedingResult::Corrected))
                .all(db)
                .await?;
            let n = corrected.len() as u64;
            Ok(Measurement {
                figure: Figure::Count(n),
                explanation_zh: format!("本年度答复被行政复议或诉讼纠错{n}件。"),
                explanation_en: format!("{n} replies corrected by administrative review or a court in the year."),
                records: capped(
                    corrected
                        .iter()
                        .map(|p| RecordRef {
                            kind: "legal_proceeding".into(),
                            id: p.id,
                            label: format!("{:?} {}", p.kind, p.filed_on),
                            link: Some(format!("/console/applications/{}/{}", p.unit_id, p.application_id)),
                            date: p.decided_on,
                            against: true,
                        })
                        .collect(),
                ),
            })
        }
        Metric::AnnualReportOnTime => Ok(unavailable(
            "年度报告模块尚未上线，本项暂不能自动计分，可由考核组评分。",
            "The annual-report module is not live yet: the platform cannot measure this; the group may score it.",
        )),
        Metric::ClarificationTimeliness => Ok(unavailable(
            "澄清虚假或不完整信息模块尚未上线，本项暂不能自动计分，可由考核组评分。",
            "The clarification module is not live yet: the platform cannot measure this; the group may score it.",
        )),
    }
}

fn clock_record(c: &Clock, against: bool) -> RecordRef {
    RecordRef {
        kind: "clock".into(),
        id: c.id,
        label: c.subject_label.clone(),
        link: c.subject_link.clone(),
        date: Some(c.due_date),
        against,
    }
}

/// A clock that ended late, or is still open after its last day.
fn is_late(c: &Clock, today: NaiveDate) -> bool {
    c.state == ClockState::Missed || (c.state.is_open() && c.due_date < today)
}

async fn late_clocks(
    db: &impl ConnectionTrait,
    unit: &unit::Model,
    kinds: &[&'static ClockKind],
    (first, last): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Result<Vec<Clock>, ApiError> {
    let clocks = crate::clocks::due_between(db, &Reach::Units(vec![unit.id]), kinds, first, last).await?;
    Ok(clocks.into_iter().filter(|c| is_late(c, today)).collect())
}

/// Periods ending in the year: those met count for the unit, those missed (or open after their last
/// day) against it; periods still running are not counted yet.
async fn clock_share(
    db: &impl ConnectionTrait,
    unit: &unit::Model,
    kind: &'static ClockKind,
    (first, last): (NaiveDate, NaiveDate),
    today: NaiveDate,
    what_zh: &str,
    what_en: &str,
) -> Result<Measurement, ApiError> {
    let clocks = crate::clocks::due_between(db, &Reach::Units(vec![unit.id]), &[kind], first, last).await?;
    let records: Vec<RecordRef> = clocks
        .iter()
        .filter_map(|c| {
            if c.state == ClockState::Met {
                Some(clock_record(c, false))
            } else if is_late(c, today) {
                Some(clock_record(c, true))
            } else {
                None
            }
        })
        .collect();
    let hits = records.iter().filter(|r| !r.against).count() as u64;
    let counted = records.len() as u64;
    let late = counted - hits;
    Ok(Measurement {
        figure: Figure::Share { hits, counted },
        explanation_zh: if counted == 0 {
            format!("本年度没有到期的{what_zh}期限，按满分计。")
        } else {
            format!("本年度到期的{what_zh}期限{counted}个，按时{hits}个，逾期{late}个。")
        },
        explanation_en: if counted == 0 {
            format!("No {what_en} period ended in the year: full points.")
        } else {
            format!("{counted} {what_en} periods ended in the year: {hits} met, {late} missed.")
        },
        records: capped(records),
    })
}

async fn evaluation_rating(db: &impl ConnectionTrait, unit: &unit::Model, year: i32) -> Result<Measurement, ApiError> {
    let Some(c) = campaign::Entity::find()
        .filter(campaign::Column::CountyId.eq(unit.county_id))
        .filter(campaign::Column::Year.eq(year))
        .one(db)
        .await?
    else {
        return Ok(unavailable(
            "本年度未开展社会评议，本项不能自动计分。",
            "No social evaluation was held this year: the platform cannot measure this.",
        ));
    };
    if c.status != CampaignStatus::Closed {
        return Ok(unavailable(
            "本年度社会评议尚未结束，评议结果确定后自动计分。",
            "The year's social evaluation has not closed yet: scored once its results are final.",
        ));
    }
    let results = crate::evaluation::results::compute(db, &c).await?;
    let record = RecordRef {
        kind: "evaluation_campaign".into(),
        id: c.id,
        label: c.title.clone(),
        link: Some(format!("/console/evaluation/{}", c.id)),
        date: Some(c.closes_on),
        against: false,
    };
    match results.units.iter().find(|u| u.unit_id == unit.id) {
        None => Ok(unavailable(
            "该单位未列入本年度社会评议，本项不能自动计分。",
            "The unit was not evaluated this year: the platform cannot measure this.",
        )),
        Some(u) => match u.rating {
            None => Ok(Measurement {
                figure: Figure::Unavailable,
                explanation_zh: "本年度社会评议中无人评议该单位。".into(),
                explanation_en: "Nobody evaluated the unit in the year's social evaluation.".into(),
                records: vec![record],
            }),
            Some(r) => Ok(Measurement {
                figure: Figure::Rating(r),
                explanation_zh: format!("本年度社会评议结果：{}。", crate::evaluation::feedback::rating_zh(r)),
                explanation_en: format!("The year's social evaluation rated the unit {r:?}."),
                records: vec![RecordRef { against: r != entity::enums::EvaluationRating::Satisfied, ..record }],
            }),
        },
    }
}
