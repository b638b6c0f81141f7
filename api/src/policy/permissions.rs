//! The named permissions a route can require. Each is a type, so a handler states its permission in
//! its signature (`UnitScope<MemberRead>`), and a route without one does not compile.

pub trait Permission: Send + Sync + 'static {
    const OBJECT: &'static str;
    const ACTION: &'static str;
}

/// The `x-permission` of an operation anyone may call.
pub const PUBLIC: &str = "public";
/// The `x-permission` of an operation any signed-in staff member may call (for their own things).
pub const SIGNED_IN: &str = "signed_in";
/// The `x-permission` of an operation a signed-in citizen calls for their own applications.
pub const CITIZEN: &str = "citizen";

macro_rules! permissions {
    ($( $(#[$doc:meta])* $name:ident => $object:literal . $action:literal ),* $(,)?) => {
        $(
            $(#[$doc])*
            #[derive(Debug)]
            pub struct $name;
            impl Permission for $name {
                const OBJECT: &'static str = $object;
                const ACTION: &'static str = $action;
            }
            impl $name {
                /// `object.action`, as the spec's `x-permission` names it.
                pub const NAME: &'static str = concat!($object, ".", $action);
            }
        )*
        /// Every permission the code knows, as `(object, action)`.
        pub const CATALOGUE: &[(&str, &str)] = &[$(($object, $action)),*];
    };
}

permissions! {
    /// List the units of one's own county (the unit tree).
    DirectoryRead => "directory"."read",
    /// See a unit's profile.
    UnitRead => "unit"."read",
    UnitCreate => "unit"."create",
    UnitUpdate => "unit"."update",
    CountyRead => "county"."read",
    CountyCreate => "county"."create",
    /// See who holds which role in a unit.
    MemberRead => "member"."read",
    /// Add and remove the handlers of a unit (its leader's power).
    MemberManageHandlers => "member"."manage_handlers",
    /// Assign any role in any unit, including leaders and the principal leader.
    MemberManage => "member"."manage",
    UserRead => "user"."read",
    UserCreate => "user"."create",
    UserUpdate => "user"."update",
    AuditRead => "audit"."read",
    AuditVerify => "audit"."verify",
    /// See the role × permission matrix.
    PolicyRead => "policy"."read",
    /// Edit and import the county's working-day calendar.
    CalendarManage => "calendar"."manage",
    /// See statutory clocks and their explained due dates.
    ClockRead => "clock"."read",
    /// See the approval trail of decisions.
    ApprovalRead => "approval"."read",
    LeadRead => "lead"."read",
    /// Dismiss a violation lead (or, with the accountability module, open a case from it).
    LeadTriage => "lead"."triage",
    JobRead => "job"."read",
    OutboxRead => "outbox"."read",
    /// Retry dead letters.
    OutboxManage => "outbox"."manage",
    /// Configure the reminder and escalation stages of clock kinds.
    StageManage => "stage"."manage",
    /// See applications for disclosure (whole personal data only in one's own unit).
    ApplicationRead => "application"."read",
    /// Register, sign for, transfer, correct, consult, charge, draft and deliver applications.
    ApplicationHandle => "application"."handle",
    /// Approve extensions and replies (the unit's leader).
    ApplicationApprove => "application"."approve",
    /// Send supervision notices (督办) to units about their applications.
    ApplicationSupervise => "application"."supervise",
    /// Answer secrecy referrals (the secrecy bureau, SR 10).
    ReferralAnswer => "referral"."answer",
    /// See accountability cases: the deciding bodies theirs, a unit those concerning it.
    CaseRead => "case"."read",
    /// Open an accountability case (AC 4 bodies; a department for units within its own system).
    CaseOpen => "case"."open",
    /// Conduct a case as its deciding body: allocation, circumstances, measures, hearing, decision,
    /// and deciding reviews and appeals.
    CaseDecide => "case"."decide",
    /// Approve a major or especially major case (the county government, AC 8).
    CaseApprove => "case"."approve",
    /// Record the decision on a recommended sanction, as the body with authority over the person
    /// (the county government as appointing body, or the supervisory commission).
    CaseSanction => "case"."sanction",
    /// As a person or unit concerned: submit a statement (AC 12) and file a review or appeal.
    CaseRespond => "case"."respond",
    /// Per unit and year counts of cases, measures and outcomes.
    CaseReport => "case"."report",
    /// See a unit's information items (oversight: with personal data masked).
    ItemRead => "item"."read",
    /// Draft and change items, mask the scan's findings, submit them for review.
    ItemDraft => "item"."draft",
    /// Review items and refer or consult on them (the review itself also needs the unit's
    /// secrecy-reviewer designation, SR 5).
    ItemReview => "item"."review",
    /// Approve reviewed items and withdraw published ones (the unit's leader).
    ItemApprove => "item"."approve",
    /// Publish approved items in the catalogue.
    ItemPublish => "item"."publish",
    /// Keep the county's catalogue headings and their publication limits (the openness office).
    CatalogueManage => "catalogue"."manage",
    /// Keep the county's sensitive-word list (the secrecy bureau).
    SensitiveWordManage => "sensitive_word"."manage",
    /// Set the county's secrecy schedule, e.g. how often withheld items are re-evaluated (the bureau).
    SecrecyConfigure => "secrecy"."configure",
    /// Run the online inspection of the published corpus, order remedies and dismiss findings (the
    /// secrecy bureau, SR 9(4)).
    SecrecyInspect => "secrecy"."inspect",
    /// Keep the contact data of the unit's disclosure guide (Art. 12).
    GuideEdit => "guide"."edit",
    /// Handle complaints about the units' disclosure work (the openness office, Arts. 47, 51).
    ComplaintHandle => "complaint"."handle",
    /// Record a leak incident, which raises an AC 6(4) lead (the unit, or the bureau for any unit).
    LeakRecord => "leak"."record",
    /// Run the yearly social evaluation: campaigns, questionnaires, opening and closing (the
    /// leading group, EV 6).
    EvaluationManage => "evaluation"."manage",
    /// See campaigns, their responses' counts and the results (the leading group, the openness
    /// office, the assessment group).
    EvaluationRead => "evaluation"."read",
    /// See the unit's rectification tasks from the evaluation and report them done (EV 7).
    EvaluationRectify => "evaluation"."rectify",
    /// Write the year's assessment schemes, record daily-check findings, confirm and publish the
    /// results (the openness office, AS 4, AS 8, AS 9(4)).
    AssessmentManage => "assessment"."manage",
    /// Score units' indicators and propose their grades (the assessment group, AS 9(3)).
    AssessmentScore => "assessment"."score",
    /// See the schemes, a unit's live scores and, across the county, the scoring sheet, ranking and
    /// export (a unit for itself; the openness office, the assessment group, the performance office).
    AssessmentRead => "assessment"."read",
    /// Write and submit the unit's self-check report with its evidence (AS 9(2)).
    AssessmentSelfCheck => "assessment"."self_check",
}

pub fn permission_name(object: &str, action: &str) -> String {
    format!("{object}.{action}")
}
