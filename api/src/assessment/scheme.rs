//! What a scheme says (AS 9(1)): indicators over AS 6's four groups, each with its points and the
//! rule that scores it, and the grades with their thresholds — and the arithmetic that turns a
//! unit's figures into points, a percentage and a grade. Pure functions, so the rules can be read
//! and tested without a database.
//!
//! Points are kept in hundredths (1000 = 10.00 points), percentages in hundredths of a percent;
//! every division rounds half up.

use std::collections::HashSet;

use entity::enums::EvaluationRating;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;

/// AS 6's four groups of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorGroup {
    /// 组织领导：领导、人员、制度、保障
    Organisation,
    /// 工作落实：目录和指南、主动公开、依申请公开、保密审查、年度报告
    Work,
    /// 载体建设：政府网站、查阅场所
    Carriers,
    /// 监督保障：投诉、复议诉讼、责任追究
    Supervision,
}

impl IndicatorGroup {
    pub const ALL: [Self; 4] = [Self::Organisation, Self::Work, Self::Carriers, Self::Supervision];

    pub fn zh(self) -> &'static str {
        match self {
            Self::Organisation => "组织领导",
            Self::Work => "工作落实",
            Self::Carriers => "载体建设",
            Self::Supervision => "监督保障",
        }
    }
}

/// A figure the platform measures from its own records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Reply periods (Art. 33) ending in the year: the share met.
    ApplicationOnTime,
    /// Art. 26 publication periods ending in the year: the share met.
    PublicationTimeliness,
    /// Items first published in the year: the share with a passing secrecy review on record.
    SecrecyReviewCoverage,
    /// Catalogue headings and the guide not updated within their period (AC 6(1)).
    CatalogueFreshness,
    /// Online-inspection findings upheld and leaks recorded in the year (SR 9(4)).
    SecrecyFindings,
    /// The unit's final rating in the year's social evaluation (EV 5).
    EvaluationRating,
    /// Evaluation rectifications not done in time (EV 7).
    RectificationOverdue,
    /// Accountability cases decided against the unit in the year.
    AccountabilityCases,
    /// Complaints about the unit upheld in the year (Art. 51).
    ComplaintsUpheld,
    /// Replies corrected by administrative review or a court in the year.
    ProceedingsCorrected,
    /// The annual report published by the statutory date (Art. 49).
    AnnualReportOnTime,
    /// False or incomplete information clarified in time (CL).
    ClarificationTimeliness,
}

/// What a measure yields, and so which rules fit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricShape {
    Share,
    Count,
    Rating,
    Unavailable,
}

impl Metric {
    pub fn shape(self) -> MetricShape {
        match self {
            Self::ApplicationOnTime | Self::PublicationTimeliness | Self::SecrecyReviewCoverage => MetricShape::Share,
            Self::CatalogueFreshness
            | Self::SecrecyFindings
            | Self::RectificationOverdue
            | Self::AccountabilityCases
            | Self::ComplaintsUpheld
            | Self::ProceedingsCorrected => MetricShape::Count,
            Self::EvaluationRating => MetricShape::Rating,
            Self::AnnualReportOnTime | Self::ClarificationTimeliness => MetricShape::Unavailable,
        }
    }
}

/// How an indicator is scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ScoringRule {
    /// The assessment group scores it (hearings, documents, site visits, online checks).
    Manual,
    /// Points × the share measured; full points when nothing was due in the year.
    Share { measure: Metric },
    /// Points less `per_item` (hundredths) for each record counted, never below zero.
    Deduction { measure: Metric, per_item: u32 },
    /// Full points for 满意, `basically_percent` (hundredths of a percent) of them for 基本满意,
    /// none for 不满意.
    Rating { measure: Metric, basically_percent: u32 },
}

impl ScoringRule {
    pub fn measure(&self) -> Option<Metric> {
        match self {
            Self::Manual => None,
            Self::Share { measure } | Self::Deduction { measure, .. } | Self::Rating { measure, .. } => Some(*measure),
        }
    }

    fn fits(&self) -> bool {
        match self {
            Self::Manual => true,
            Self::Share { measure } => {
                matches!(measure.shape(), MetricShape::Share | MetricShape::Unavailable)
            }
            Self::Deduction { measure, per_item } => {
                *per_item > 0 && matches!(measure.shape(), MetricShape::Count | MetricShape::Unavailable)
            }
            Self::Rating { measure, basically_percent } => {
                *basically_percent <= 10_000 && matches!(measure.shape(), MetricShape::Rating)
            }
        }
    }
}

/// One indicator of a scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Lower-case letters, digits, `_` and `.`; unique in the scheme.
    #[schema(min_length = 1, max_length = 40, pattern = "^[a-z0-9_.]+$")]
    pub code: String,
    pub group: IndicatorGroup,
    #[schema(min_length = 2, max_length = 100)]
    pub name: String,
    /// The indicator's points, in hundredths.
    #[schema(minimum = 1, maximum = 10000)]
    pub points: u32,
    pub rule: ScoringRule,
    /// The scoring standard, as the group reads it.
    #[schema(max_length = 1000)]
    pub standard: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 优秀
    Excellent,
    /// 良好
    Good,
    /// 合格
    Pass,
    /// 不合格
    Fail,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Excellent => "excellent",
            Self::Good => "good",
            Self::Pass => "pass",
            Self::Fail => "fail",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Excellent, Self::Good, Self::Pass, Self::Fail].into_iter().find(|g| g.as_str() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Excellent => "优秀",
            Self::Good => "良好",
            Self::Pass => "合格",
            Self::Fail => "不合格",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::Excellent => "Excellent",
            Self::Good => "Good",
            Self::Pass => "Pass",
            Self::Fail => "Fail",
        }
    }
}

/// A grade and the lowest percentage (hundredths) that reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub grade: Grade,
    #[schema(minimum = 0, maximum = 10000)]
    pub min_percent: u32,
}

/// 优秀 from 90 %, 良好 from 80 %, 合格 from 60 %, 不合格 below.
pub fn standard_grades() -> Vec<GradeBand> {
    vec![
        GradeBand { grade: Grade::Excellent, min_percent: 9000 },
        GradeBand { grade: Grade::Good, min_percent: 8000 },
        GradeBand { grade: Grade::Pass, min_percent: 6000 },
        GradeBand { grade: Grade::Fail, min_percent: 0 },
    ]
}

/// The scheme the openness office starts from: AS 6's four groups, 100 points, every figure the
/// platform keeps measured from its records.
pub fn standard_indicators() -> Vec<Indicator> {
    use IndicatorGroup::{Carriers, Organisation, Supervision, Work};
    use Metric as M;
    let ind = |code: &str, group, name: &str, points, rule, standard: &str| Indicator {
        code: code.into(),
        group,
        name: name.into(),
        points,
        rule,
        standard: Some(standard.into()),
    };
    let share = |measure| ScoringRule::Share { measure };
    let deduct = |measure, per_item| ScoringRule::Deduction { measure, per_item };
    vec![
        ind(
            "org.leadership",
            Organisation,
            "领导重视和机构人员",
            500,
            ScoringRule::Manual,
            "明确分管领导和工作机构，配备工作人员。",
        ),
        ind("org.rules", Organisation, "制度建设", 500, ScoringRule::Manual, "建立并执行政务公开各项制度。"),
        ind(
            "org.resources",
            Organisation,
            "工作保障",
            500,
            ScoringRule::Manual,
            "经费、设备等保障到位，开展业务培训。",
        ),
        ind(
            "work.catalogue",
            Work,
            "目录和指南更新",
            800,
            deduct(M::CatalogueFreshness, 200),
            "目录栏目或指南逾期未更新，每项扣2分。",
        ),
        ind(
            "work.proactive",
            Work,
            "主动公开及时",
            1000,
            share(M::PublicationTimeliness),
            "按在法定期限内公开的比例计分。",
        ),
        ind(
            "work.applications",
            Work,
            "依申请公开按时答复",
            1200,
            share(M::ApplicationOnTime),
            "按在法定期限内答复的比例计分。",
        ),
        ind("work.secrecy", Work, "保密审查", 500, share(M::SecrecyReviewCoverage), "按公开前经保密审查的比例计分。"),
        ind(
            "work.inspection",
            Work,
            "网上巡查问题",
            500,
            deduct(M::SecrecyFindings, 100),
            "巡查发现问题或发生泄密，每起扣1分。",
        ),
        ind(
            "work.annual_report",
            Work,
            "年度报告按时发布",
            500,
            share(M::AnnualReportOnTime),
            "每年1月31日前发布上一年度报告。",
        ),
        ind(
            "work.clarification",
            Work,
            "澄清虚假或不完整信息",
            500,
            share(M::ClarificationTimeliness),
            "按时澄清的比例计分。",
        ),
        ind(
            "work.evaluation",
            Work,
            "社会评议结果",
            500,
            ScoringRule::Rating { measure: M::EvaluationRating, basically_percent: 6000 },
            "满意得满分，基本满意得60%，不满意不得分。",
        ),
        ind(
            "carriers.website",
            Carriers,
            "政府网站公开专栏",
            600,
            ScoringRule::Manual,
            "专栏设置规范、内容完整、更新及时。",
        ),
        ind(
            "carriers.reading_places",
            Carriers,
            "查阅场所",
            400,
            ScoringRule::Manual,
            "档案馆、图书馆等查阅点设置和运行情况。",
        ),
        ind(
            "sup.complaints",
            Supervision,
            "投诉举报处理",
            500,
            deduct(M::ComplaintsUpheld, 100),
            "投诉经查属实，每起扣1分。",
        ),
        ind(
            "sup.proceedings",
            Supervision,
            "行政复议和诉讼",
            500,
            deduct(M::ProceedingsCorrected, 250),
            "答复被复议或诉讼纠错，每件扣2.5分。",
        ),
        ind(
            "sup.accountability",
            Supervision,
            "责任追究",
            500,
            deduct(M::AccountabilityCases, 250),
            "被追究责任，每起扣2.5分。",
        ),
        ind(
            "sup.rectification",
            Supervision,
            "评议整改",
            500,
            deduct(M::RectificationOverdue, 100),
            "评议意见逾期未整改，每项扣1分。",
        ),
    ]
}

/// Checks a scheme's indicators and grades; the field at fault names the problem.
pub fn check(indicators: &[Indicator], grades: &[GradeBand]) -> Result<(), ApiError> {
    if indicators.is_empty() || indicators.len() > 100 {
        return Err(ApiError::field("indicators", "length"));
    }
    let mut codes = HashSet::new();
    for (i, ind) in indicators.iter().enumerate() {
        let valid_code = !ind.code.is_empty()
            && ind.code.len() <= 40
            && ind.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        if !valid_code {
            return Err(ApiError::field(&format!("indicators[{i}].code"), "invalid_value"));
        }
        if !codes.insert(ind.code.as_str()) {
            return Err(ApiError::field(&format!("indicators[{i}].code"), "duplicate_code"));
        }
        let name = ind.name.trim().chars().count();
        if !(2..=100).contains(&name) {
            return Err(ApiError::field(&format!("indicators[{i}].name"), "length"));
        }
        if ind.standard.as_ref().is_some_and(|s| s.chars().count() > 1000) {
            return Err(ApiError::field(&format!("indicators[{i}].standard"), "length"));
        }
        if !(1..=10_000).contains(&ind.points) {
            return Err(ApiError::field(&format!("indicators[{i}].points"), "range"));
        }
        if !ind.rule.fits() {
            return Err(ApiError::field(&format!("indicators[{i}].rule"), "rule_mismatch"));
        }
    }
    if indicators.iter().map(|i| u64::from(i.points)).sum::<u64>() != 10_000 {
        return Err(ApiError::field("indicators", "points_total"));
    }
    let descending = grades.windows(2).all(|w| w[0].min_percent > w[1].min_percent);
    let distinct = grades.iter().map(|g| g.grade).collect::<HashSet<_>>().len() == grades.len();
    if grades.is_empty() || !descending || !distinct || grades.last().is_some_and(|g| g.min_percent != 0) {
        return Err(ApiError::field("grades", "grade_bands"));
    }
    if grades.iter().any(|g| g.min_percent > 10_000) {
        return Err(ApiError::field("grades", "grade_bands"));
    }
    Ok(())
}

/// `n / d` rounded half up, for non-negative figures.
pub fn div_half_up(n: u64, d: u64) -> u64 {
    if d == 0 { 0 } else { (2 * n + d) / (2 * d) }
}

/// What the platform measured for an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// `hits` of `counted` records met the rule.
    Share {
        hits: u64,
        counted: u64,
    },
    /// `count` records count against the unit.
    Count(u64),
    Rating(EvaluationRating),
    /// Not measurable (yet): the module is absent, or its figures are not final.
    Unavailable,
}

/// The points an automatic rule gives a figure, before findings; none when it cannot be measured.
pub fn automatic_points(ind: &Indicator, figure: &Figure) -> Option<u32> {
    let points = u64::from(ind.points);
    let scored = match (&ind.rule, figure) {
        (ScoringRule::Share { .. }, Figure::Share { counted: 0, .. }) => points,
        (ScoringRule::Share { .. }, Figure::Share { hits, counted }) => div_half_up(points * hits, *counted),
        (ScoringRule::Deduction { per_item, .. }, Figure::Count(n)) => {
            points.saturating_sub(u64::from(*per_item).saturating_mul(*n))
        }
        (ScoringRule::Rating { basically_percent, .. }, Figure::Rating(r)) => match r {
            EvaluationRating::Satisfied => points,
            EvaluationRating::BasicallySatisfied => div_half_up(points * u64::from(*basically_percent), 10_000),
            EvaluationRating::Dissatisfied => 0,
        },
        _ => return None,
    };
    u32::try_from(scored).ok()
}

/// Findings of the daily checks come off whatever the indicator scored, never below zero.
pub fn after_findings(points: u32, deductions: u32) -> u32 {
    points.saturating_sub(deductions)
}

/// The sum of the scored indicators, the points they were worth, and the percentage.
pub fn total(scored: &[(u32, Option<u32>)]) -> (u32, u32, u32) {
    let (mut total, mut maximum) = (0u64, 0u64);
    for (points, score) in scored {
        if let Some(s) = score {
            total += u64::from(*s);
            maximum += u64::from(*points);
        }
    }
    let percent = if maximum == 0 { 0 } else { div_half_up(total * 10_000, maximum) };
    (
        u32::try_from(total).unwrap_or(u32::MAX),
        u32::try_from(maximum).unwrap_or(u32::MAX),
        u32::try_from(percent).unwrap_or(u32::MAX),
    )
}

/// The first band whose threshold the percentage reaches.
pub fn grade_of(grades: &[GradeBand], percent: u32) -> Grade {
    grades.iter().find(|b| percent >= b.min_percent).map_or(Grade::Fail, |b| b.grade)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_scheme_is_worth_one_hundred_points_and_checks() {
        assert_eq!(standard_indicators().iter().map(|i| i.points).sum::<u32>(), 10_000);
        check(&standard_indicators(), &standard_grades()).unwrap();
    }

    #[test]
    fn shares_round_half_up_and_an_empty_year_keeps_full_points() {
        let ind = standard_indicators().into_iter().find(|i| i.code == "work.applications").unwrap();
        // 12.00 points × 7/8 = 10.50.
        assert_eq!(automatic_points(&ind, &Figure::Share { hits: 7, counted: 8 }), Some(1050));
        // 12.00 × 2/3 = 8.00 exactly; 12.00 × 1/7 = 1.714… → 1.71.
        assert_eq!(automatic_points(&ind, &Figure::Share { hits: 2, counted: 3 }), Some(800));
        assert_eq!(automatic_points(&ind, &Figure::Share { hits: 1, counted: 7 }), Some(171));
        assert_eq!(automatic_points(&ind, &Figure::Share { hits: 0, counted: 0 }), Some(1200));
        assert_eq!(automatic_points(&ind, &Figure::Unavailable), None);
    }

    #[test]
    fn deductions_stop_at_zero_and_ratings_follow_the_rule() {
        let fresh = standard_indicators().into_iter().find(|i| i.code == "work.catalogue").unwrap();
        assert_eq!(automatic_points(&fresh, &Figure::Count(3)), Some(200));
        assert_eq!(automatic_points(&fresh, &Figure::Count(5)), Some(0));
        let eval = standard_indicators().into_iter().find(|i| i.code == "work.evaluation").unwrap();
        assert_eq!(automatic_points(&eval, &Figure::Rating(EvaluationRating::BasicallySatisfied)), Some(300));
        assert_eq!(automatic_points(&eval, &Figure::Rating(EvaluationRating::Dissatisfied)), Some(0));
        assert_eq!(after_findings(300, 450), 0);
    }

    #[test]
    fn the_percentage_counts_only_what_was_scored() {
        // 85.00 of the 95.00 points scored (one 5-point indicator unmeasured): 89.47 % → 良好.
        let (total, maximum, percent) = total(&[(9500, Some(8500)), (500, None)]);
        assert_eq!((total, maximum, percent), (8500, 9500, 8947));
        assert_eq!(grade_of(&standard_grades(), percent), Grade::Good);
        assert_eq!(grade_of(&standard_grades(), 9000), Grade::Excellent);
        assert_eq!(grade_of(&standard_grades(), 5999), Grade::Fail);
    }

    #[test]
    fn a_scheme_that_does_not_add_up_names_the_field() {
        let mut inds = standard_indicators();
        inds[0].points = 600;
        let err = check(&inds, &standard_grades()).unwrap_err();
        assert!(format!("{err:?}").contains("points_total"));
        let mut inds = standard_indicators();
        inds[3].rule = ScoringRule::Share { measure: Metric::CatalogueFreshness };
        assert!(format!("{:?}", check(&inds, &standard_grades()).unwrap_err()).contains("rule_mismatch"));
        let bands = vec![GradeBand { grade: Grade::Pass, min_percent: 6000 }];
        assert!(format!("{:?}", check(&standard_indicators(), &bands).unwrap_err()).contains("grade_bands"));
    }
}
