use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::approvals::ApprovalView;
use crate::calendar::{Period, WorkCalendar};

/// AC 6: the kinds of violation a case may carry (several at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ViolationType {
    /// 6(1) guide, catalogue or published content not updated in time.
    NotUpdated,
    /// 6(2) disclosure outside the required scope, manner, procedure or time limit.
    OutsideScopeOrTime,
    /// 6(3) an application not accepted or not answered without good reason.
    NotAnswered,
    /// 6(4) no secrecy review, or secrets or privacy leaked.
    SecrecyFailure,
    /// 6(5) false or incomplete information not clarified in time.
    NotClarified,
    /// 6(6) fees charged against the rules.
    IllegalFees,
    /// 6(7) published information untrue or inaccurate.
    Untrue,
    /// 6(8) supervision and inspection not carried out.
    NoSupervision,
    /// 6(9) complaint and report rules breached.
    ComplaintRules,
    /// 6(10) other breaches.
    Other,
}

/// AC 8: how serious the case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Minor,
    Serious,
    Major,
    EspeciallyMajor,
}

/// A disciplinary sanction and how long it runs (Civil Servant Law).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sanction {
    Warning,
    Demerit,
    MajorDemerit,
    Demotion,
    Removal,
    Dismissal,
}

impl Sanction {
    /// Months during which the sanction runs: warning 6, demerit 12, major demerit 18, demotion or
    /// removal 24; a dismissal does not end.
    pub fn months(self) -> Option<u32> {
        match self {
            Self::Warning => Some(6),
            Self::Demerit => Some(12),
            Self::MajorDemerit => Some(18),
            Self::Demotion | Self::Removal => Some(24),
            Self::Dismissal => None,
        }
    }
}

/// AC 7: the measures, alone or combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case", tag = "measure", content = "sanction")]
pub enum Measure {
    /// 责令改正 (of the body).
    OrderToCorrect,
    /// 诫勉谈话 (of the people).
    AdmonishmentTalk,
    /// 通报批评.
    CirculatedCriticism,
    /// 给予处分.
    DisciplinarySanction(Sanction),
    /// Other measures by law.
    Other,
}

impl Measure {
    /// How heavy a measure is, for the rule that a review or appeal never makes the outcome heavier.
    pub fn weight(self) -> u8 {
        match self {
            Self::Other => 0,
            Self::OrderToCorrect => 1,
            Self::AdmonishmentTalk => 2,
            Self::CirculatedCriticism => 3,
            Self::DisciplinarySanction(s) => 4 + s as u8,
        }
    }
}

/// Whether `outcome` is heavier than `original` (AC 12: a review or appeal can never be).
pub fn is_heavier(outcome: &[Measure], original: &[Measure]) -> bool {
    let heaviest = |ms: &[Measure]| ms.iter().map(|m| m.weight()).max().unwrap_or(0);
    let (new, old) = (heaviest(outcome), heaviest(original));
    new > old || (new == old && outcome.len() > original.len())
}

/// What AC 8 requires for a severity, and what a decision lacks or adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MeasureCheck {
    /// AC 8's measures for the severity that the decision does not include.
    pub missing: Vec<Measure>,
    /// Measures the decision adds beyond AC 8's for the severity: heavier (a sanction in a minor
    /// case) or additional (an admonishment talk in a serious one, another measure by law).
    pub extra: Vec<Measure>,
    /// Whether the decision departs from AC 8 either way and so needs a written reason (lighter
    /// handling under AC 10, heavier under AC 11).
    pub departs: bool,
    /// Major and especially major cases are approved by the county government (AC 8).
    pub needs_county_approval: bool,
}

/// AC 8: minor → order to correct + circulated criticism + admonishment talk; serious → order to
/// correct + circulated criticism + a disciplinary sanction; major cases need the county government.
/// Anything lighter, heavier or additional departs from it.
pub fn check_measures(severity: Severity, measures: &[Measure]) -> MeasureCheck {
    let has = |m: Measure| measures.contains(&m);
    let has_sanction = measures.iter().any(|m| matches!(m, Measure::DisciplinarySanction(_)));
    let mut missing = Vec::new();
    if !has(Measure::OrderToCorrect) {
        missing.push(Measure::OrderToCorrect);
    }
    if !has(Measure::CirculatedCriticism) {
        missing.push(Measure::CirculatedCriticism);
    }
    match severity {
        Severity::Minor if !has(Measure::AdmonishmentTalk) => missing.push(Measure::AdmonishmentTalk),
        Severity::Serious | Severity::Major | Severity::EspeciallyMajor if !has_sanction => {
            missing.push(Measure::DisciplinarySanction(Sanction::Warning))
        }
        _ => {}
    }
    let extra: Vec<Measure> = measures
        .iter()
        .copied()
        .filter(|m| {
            !matches!(
                (severity, m),
                (_, Measure::OrderToCorrect | Measure::CirculatedCriticism)
                    | (Severity::Minor, Measure::AdmonishmentTalk)
                    | (
                        Severity::Serious | Severity::Major | Severity::EspeciallyMajor,
                        Measure::DisciplinarySanction(_)
                    )
            )
        })
        .collect();
    MeasureCheck {
        departs: !missing.is_empty() || !extra.is_empty(),
        missing,
        extra,
        needs_county_approval: severity >= Severity::Major,
    }
}

/// A person's share of the responsibility (AC 9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Share {
    /// Bears all of it.
    Full,
    Main,
    Secondary,
    /// Objected to a leader's direct instruction and was overruled.
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Allocation {
    pub user_id: Uuid,
    pub share: Share,
    /// The paragraph of AC 9 that applies, e.g. `AC 9(2)`.
    pub basis: String,
}

/// Proposes who bears responsibility for a decision, from its approval trail (AC 9):
/// a collective decision → the principal leader main, the other members secondary (9(3));
/// no leader's approval, or no secrecy review → the handler all of it (9(1));
/// a leader's approval → the leader main, the handler secondary, unless the leader instructed it
/// directly and the handler objected, when the handler bears none (9(2)).
pub fn allocate(trail: &ApprovalView) -> Vec<Allocation> {
    let at = |user_id: Uuid, share: Share, basis: &str| Allocation { user_id, share, basis: basis.into() };
    if trail.collective {
        let principal = trail.principal_leader_id;
        let mut out: Vec<Allocation> = principal.map(|p| at(p, Share::Main, "AC 9(3)")).into_iter().collect();
        out.extend(
            trail
                .collective_members
                .iter()
                .filter(|m| Some(**m) != principal)
                .map(|m| at(*m, Share::Secondary, "AC 9(3)")),
        );
        return out;
    }
    // AC 9(1) "without secrecy review" concerns acts that release information; an extension or a
    // refusal releases nothing and needs none.
    match trail.approver_id {
        Some(leader) if trail.secrecy_reviewed || !trail.releases_information => {
            let handler =
                if trail.leader_instructed && trail.handler_objected { Share::None } else { Share::Secondary };
            vec![at(leader, Share::Main, "AC 9(2)"), at(trail.drafter_id, handler, "AC 9(2)")]
        }
        _ => vec![at(trail.drafter_id, Share::Full, "AC 9(1)")],
    }
}

/// Which rules govern review and appeal of a decision (DOMAIN.md §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// A sanction under the Civil Servant Law: review 30 days, appeal 15 days after the review
    /// decision or 30 days directly.
    CivilService,
    /// Imposed by the supervisory commission: 复审 within one month, then 复核 within one month.
    Supervisory,
    /// Admonishment talks and circulated criticism: the county's own limit, in days.
    CountyDefault(u32),
}

impl Track {
    /// The law a review or appeal clock of this track cites.
    pub fn legal_basis(self) -> &'static str {
        match self {
            Track::CivilService => "《中华人民共和国公务员法》第九十五条",
            Track::Supervisory => "《中华人民共和国监察法》关于复审、复核的规定",
            Track::CountyDefault(_) => "本县政府信息公开责任追究制度第十二条（本县默认期限）",
        }
    }

    /// What the first and the second step are called: 复核/申诉, or 复审/复核 before a supervisory
    /// commission.
    pub fn step_names(self, en: bool) -> (&'static str, &'static str) {
        match (self, en) {
            (Track::Supervisory, false) => ("复审", "复核"),
            (Track::Supervisory, true) => ("re-examination", "review by the higher commission"),
            (_, false) => ("复核", "申诉"),
            (_, true) => ("review", "appeal"),
        }
    }
}

/// Where the second step goes: the county government inside the county, or a body outside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyAbove {
    InCounty(String),
    /// The body above the county government, or the higher supervisory commission.
    Outside,
}

/// The remedies sentence of a decision letter: the steps, the bodies, the limits and the law of
/// the decision's track (AC 12; Civil Servant Law Art. 95; Supervision Law).
pub fn remedies_sentence(track: Track, en: bool, deciding: &str, above: &BodyAbove, review_due: NaiveDate) -> String {
    let above_zh = match above {
        BodyAbove::InCounty(name) => name.clone(),
        BodyAbove::Outside => "上一级机关".to_string(),
    };
    let above_en = match above {
        BodyAbove::InCounty(name) => name.clone(),
        BodyAbove::Outside => "the body at the next level up".to_string(),
    };
    match (track, en) {
        (Track::CivilService, false) => format!(
            "救济途径：对本决定不服的，可以自知道本决定之日起三十日内（至 {review_due}）向{deciding}申请复核；对复核决定不服的，可以自接到复核决定之日起十五日内向{above_zh}提出申诉；也可以不经复核，自知道本决定之日起三十日内（至 {review_due}）直接向{above_zh}提出申诉。复核、申诉期间不停止决定的执行；申诉不加重处理。依据：《中华人民共和国公务员法》第九十五条。"
        ),
        (Track::CivilService, true) => format!(
            "Remedies: if you disagree with this decision, you may apply to {deciding} for review within 30 days \
             of learning of it (by {review_due}); against the review decision you may appeal to {above_en} within \
             15 days of receiving it; or you may appeal to {above_en} directly within 30 days of learning of this \
             decision (by {review_due}). The decision is carried out during review and appeal; an appeal never \
             makes it heavier. Basis: Civil Servant Law of the PRC, Art. 95."
        ),
        (Track::Supervisory, false) => format!(
            "救济途径：对本决定不服的，可以自收到本决定之日起一个月内（至 {review_due}）向{deciding}申请复审；对复审决定仍不服的，可以自收到复审决定之日起一个月内向上一级监察机关申请复核。复审、复核期间不停止决定的执行。依据：《中华人民共和国监察法》。"
        ),
        (Track::Supervisory, true) => format!(
            "Remedies: if you disagree with this decision, you may apply to {deciding} for re-examination within \
             one month of receiving it (by {review_due}); if you still disagree with the re-examination decision, \
             you may apply to the supervisory commission at the next level up for review within one month of \
             receiving it. The decision is carried out meanwhile. Basis: Supervision Law of the PRC."
        ),
        (Track::CountyDefault(days), false) => format!(
            "救济途径：对本决定不服的，可以在 {review_due} 前向{deciding}申请复核，或者直接向{above_zh}提出申诉。\
             复核、申诉期间不停止决定的执行；复核、申诉不加重处理。\
             依据：本县政府信息公开责任追究制度第十二条（期限为本县默认的 {days} 日）。"
        ),
        (Track::CountyDefault(days), true) => format!(
            "Remedies: if you disagree with this decision, you may apply to {deciding} for review, or appeal \
             directly to {above_en}, by {review_due}. The decision is carried out during review and appeal; \
             neither makes it heavier. Basis: the county's accountability rules, Art. 12 (the county's default \
             limit of {days} days)."
        ),
    }
}

/// The sentence of a review decision letter on the step still open, if there is one.
pub fn after_review_sentence(track: Track, en: bool, above: &BodyAbove, appeal_due: NaiveDate) -> String {
    match (track, above, en) {
        (Track::Supervisory, _, false) => {
            format!(
                "对复审决定仍不服的，可以在 {appeal_due} 前向上一级监察机关申请复核。依据：《中华人民共和国监察法》。"
            )
        }
        (Track::Supervisory, _, true) => format!(
            "If you still disagree, you may apply to the supervisory commission at the next level up for review \
             by {appeal_due}. Basis: Supervision Law of the PRC."
        ),
        (_, BodyAbove::InCounty(name), false) => {
            format!("对复核决定不服的，可以在 {appeal_due} 前向{name}提出申诉。依据：{}。", track.legal_basis())
        }
        (_, BodyAbove::Outside, false) => {
            format!("对复核决定不服的，可以在 {appeal_due} 前向上一级机关提出申诉。依据：{}。", track.legal_basis())
        }
        (_, BodyAbove::InCounty(name), true) => {
            format!("If you still disagree, you may appeal to {name} by {appeal_due}.")
        }
        (_, BodyAbove::Outside, true) => {
            format!("If you still disagree, you may appeal to the body at the next level up by {appeal_due}.")
        }
    }
}

/// The last day to file, counted from the day the decision was learned of (not counted). A period
/// ending on a rest day ends on the next working day.
pub fn filing_deadline(calendar: &WorkCalendar, track: Track, learned: NaiveDate, after_review: bool) -> NaiveDate {
    match track {
        Track::CivilService => {
            let days = if after_review { 15 } else { 30 };
            calendar.due_date(learned, Period::CalendarDays(days), &[]).due_date
        }
        Track::CountyDefault(days) => calendar.due_date(learned, Period::CalendarDays(days), &[]).due_date,
        Track::Supervisory => roll_forward(calendar, learned.checked_add_months(Months::new(1)).unwrap_or(learned)),
    }
}

/// The last day for the deciding body to decide a filing received on `filed`.
pub fn deciding_deadline(
    calendar: &WorkCalendar,
    track: Track,
    filed: NaiveDate,
    appeal: bool,
    complex: bool,
) -> NaiveDate {
    match track {
        Track::CivilService if appeal => {
            calendar.due_date(filed, Period::CalendarDays(if complex { 90 } else { 60 }), &[]).due_date
        }
        Track::CivilService | Track::CountyDefault(_) => {
            calendar.due_date(filed, Period::CalendarDays(30), &[]).due_date
        }
        Track::Supervisory => {
            let months = if appeal { 2 } else { 1 };
            roll_forward(calendar, filed.checked_add_months(Months::new(months)).unwrap_or(filed))
        }
    }
}

fn roll_forward(calendar: &WorkCalendar, day: NaiveDate) -> NaiveDate {
    if calendar.is_working_day(day) { day } else { calendar.next_working_day(day) }
}

/// The last day a sanction runs, or `None` for one that does not end.
pub fn sanction_ends(decided: NaiveDate, sanction: Sanction) -> Option<NaiveDate> {
    sanction.months().and_then(|m| decided.checked_add_months(Months::new(m)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::service::national_schedule;

    fn trail() -> ApprovalView {
        ApprovalView {
            id: Uuid::now_v7(),
            subject_type: "application".into(),
            subject_id: "A-1".into(),
            decision: "予以公开".into(),
            drafter_id: Uuid::from_u128(1),
            reviewer_ids: vec![],
            approver_id: None,
            leader_instructed: false,
            handler_objected: false,
            objection: None,
            collective: false,
            collective_members: vec![],
            principal_leader_id: None,
            secrecy_reviewed: true,
            decided_at: chrono::Utc::now(),
            act: "reply".into(),
            releases_information: true,
        }
    }

    fn shares(a: &[Allocation]) -> Vec<(u128, Share)> {
        a.iter().map(|x| (x.user_id.as_u128(), x.share)).collect()
    }

    #[test]
    fn the_four_situations_of_ac_9() {
        // 9(1): no leader's approval → the handler bears all of it.
        assert_eq!(shares(&allocate(&trail())), vec![(1, Share::Full)]);
        // 9(1) also when the secrecy review was skipped, even with approval.
        let unreviewed = ApprovalView { approver_id: Some(Uuid::from_u128(2)), secrecy_reviewed: false, ..trail() };
        assert_eq!(shares(&allocate(&unreviewed)), vec![(1, Share::Full)]);
        // An approved act that releases nothing (an extension, a refusal) needs no secrecy review.
        let releases_nothing = ApprovalView { act: "extension".into(), releases_information: false, ..unreviewed };
        assert_eq!(shares(&allocate(&releases_nothing)), vec![(2, Share::Main), (1, Share::Secondary)]);
        // 9(2): approved → leader main, handler secondary.
        let approved = ApprovalView { approver_id: Some(Uuid::from_u128(2)), ..trail() };
        assert_eq!(shares(&allocate(&approved)), vec![(2, Share::Main), (1, Share::Secondary)]);
        // 9(2): the leader's direct instruction over the handler's objection → the handler bears none.
        let overruled = ApprovalView { leader_instructed: true, handler_objected: true, ..approved.clone() };
        assert_eq!(shares(&allocate(&overruled)), vec![(2, Share::Main), (1, Share::None)]);
        // 9(3): collective decision → principal leader main, the other members secondary.
        let collective = ApprovalView {
            collective: true,
            collective_members: vec![Uuid::from_u128(3), Uuid::from_u128(4), Uuid::from_u128(5)],
            principal_leader_id: Some(Uuid::from_u128(3)),
            ..trail()
        };
        assert_eq!(
            shares(&allocate(&collective)),
            vec![(3, Share::Main), (4, Share::Secondary), (5, Share::Secondary)]
        );
    }

    #[test]
    fn ac_8_names_what_a_decision_lacks_and_when_the_county_must_approve() {
        let minor = [Measure::OrderToCorrect, Measure::CirculatedCriticism, Measure::AdmonishmentTalk];
        let check = check_measures(Severity::Minor, &minor);
        assert!(!check.departs && !check.needs_county_approval);
        let lighter = check_measures(Severity::Minor, &[Measure::OrderToCorrect]);
        assert!(lighter.departs);
        assert_eq!(lighter.missing, vec![Measure::CirculatedCriticism, Measure::AdmonishmentTalk]);
        let serious =
            [Measure::OrderToCorrect, Measure::CirculatedCriticism, Measure::DisciplinarySanction(Sanction::Demerit)];
        assert!(!check_measures(Severity::Serious, &serious).departs);
        assert!(check_measures(Severity::Serious, &minor).departs, "a serious case needs a sanction");
        assert!(check_measures(Severity::Major, &serious).needs_county_approval);
        assert!(check_measures(Severity::EspeciallyMajor, &serious).needs_county_approval);
    }

    #[test]
    fn ac_8_measures_heavier_than_or_additional_to_the_severitys_are_a_departure_too() {
        let heavier = [
            Measure::OrderToCorrect,
            Measure::CirculatedCriticism,
            Measure::AdmonishmentTalk,
            Measure::DisciplinarySanction(Sanction::Warning),
        ];
        let check = check_measures(Severity::Minor, &heavier);
        assert!(check.departs);
        assert!(check.missing.is_empty());
        assert_eq!(check.extra, vec![Measure::DisciplinarySanction(Sanction::Warning)]);
        let additional = [
            Measure::OrderToCorrect,
            Measure::CirculatedCriticism,
            Measure::DisciplinarySanction(Sanction::Demerit),
            Measure::AdmonishmentTalk,
            Measure::Other,
        ];
        let check = check_measures(Severity::Serious, &additional);
        assert!(check.departs);
        assert_eq!(check.extra, vec![Measure::AdmonishmentTalk, Measure::Other]);
    }

    #[test]
    fn a_review_can_never_make_the_outcome_heavier() {
        let original = [Measure::OrderToCorrect, Measure::DisciplinarySanction(Sanction::Demerit)];
        assert!(is_heavier(&[Measure::DisciplinarySanction(Sanction::MajorDemerit)], &original));
        assert!(is_heavier(
            &[Measure::OrderToCorrect, Measure::CirculatedCriticism, Measure::DisciplinarySanction(Sanction::Demerit)],
            &original
        ));
        assert!(!is_heavier(&[Measure::DisciplinarySanction(Sanction::Warning)], &original));
        assert!(!is_heavier(&original, &original));
    }

    #[test]
    fn sanction_periods_run_from_the_decision() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        assert_eq!(sanction_ends(d, Sanction::Warning), NaiveDate::from_ymd_opt(2026, 9, 15));
        assert_eq!(sanction_ends(d, Sanction::MajorDemerit), NaiveDate::from_ymd_opt(2027, 9, 15));
        assert_eq!(sanction_ends(d, Sanction::Removal), NaiveDate::from_ymd_opt(2028, 3, 15));
        assert_eq!(sanction_ends(d, Sanction::Dismissal), None);
    }

    #[test]
    fn the_county_default_and_english_remedies_state_their_own_limits() {
        let due = NaiveDate::from_ymd_opt(2026, 11, 12).unwrap();
        let above = BodyAbove::InCounty("永吉县人民政府".into());
        assert_eq!(
            remedies_sentence(Track::CountyDefault(30), false, "永吉县人民政府办公室", &above, due),
            "救济途径：对本决定不服的，可以在 2026-11-12 前向永吉县人民政府办公室申请复核，或者直接向永吉县人民政府提出申诉。\
             复核、申诉期间不停止决定的执行；复核、申诉不加重处理。\
             依据：本县政府信息公开责任追究制度第十二条（期限为本县默认的 30 日）。"
        );
        assert_eq!(
            remedies_sentence(
                Track::Supervisory,
                true,
                "Yongji County Supervisory Commission",
                &BodyAbove::Outside,
                due
            ),
            "Remedies: if you disagree with this decision, you may apply to Yongji County Supervisory Commission for \
             re-examination within one month of receiving it (by 2026-11-12); if you still disagree with the \
             re-examination decision, you may apply to the supervisory commission at the next level up for review \
             within one month of receiving it. The decision is carried out meanwhile. Basis: Supervision Law of the PRC."
        );
        assert_eq!(
            after_review_sentence(Track::CivilService, false, &BodyAbove::Outside, due),
            "对复核决定不服的，可以在 2026-11-12 前向上一级机关提出申诉。依据：《中华人民共和国公务员法》第九十五条。"
        );
    }

    #[test]
    fn review_and_appeal_limits_follow_the_track_and_skip_rest_days() {
        let cal = national_schedule().unwrap();
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        // Learned on Tue 2026-09-01: 30 days → Thu Oct 1, a holiday → the next working day, Thu Oct 8.
        assert_eq!(filing_deadline(&cal, Track::CivilService, d("2026-09-01"), false), d("2026-10-08"));
        assert_eq!(filing_deadline(&cal, Track::CivilService, d("2026-11-02"), true), d("2026-11-17"));
        assert_eq!(filing_deadline(&cal, Track::Supervisory, d("2026-08-31"), false), d("2026-09-30"));
        assert_eq!(filing_deadline(&cal, Track::CountyDefault(10), d("2026-11-02"), false), d("2026-11-12"));
        // An appeal filed Wed 2026-09-02 is decided within 60 days: Sun Nov 1 → Mon Nov 2.
        assert_eq!(deciding_deadline(&cal, Track::CivilService, d("2026-09-02"), true, false), d("2026-11-02"));
        assert_eq!(deciding_deadline(&cal, Track::CivilService, d("2026-09-02"), true, true), d("2026-12-01"));
        // Supervisory 复核: two months; Sat 2027-01-30 → Mon 2027-02-01.
        assert_eq!(deciding_deadline(&cal, Track::Supervisory, d("2026-11-30"), true, false), d("2027-02-01"));
    }
}
