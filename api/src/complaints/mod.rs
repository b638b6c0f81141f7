//! Complaints about a unit's disclosure work (Regulations Arts. 47 and 51: a citizen may complain to
//! the body in charge of disclosure work, which investigates and deals with it; AC 6(9) holds it to
//! its rules). The portal takes the complaint and gives a tracking code and secret; the county's
//! openness office answers it within the county's period on the clocks (a missed one raises an
//! AC 6(9) lead); the complainant reads the answer on the portal; the figures count for the
//! assessment.

pub mod routes;

use crate::clocks::{ClockKind, SubjectKind};

pub const COMPLAINT: SubjectKind = SubjectKind::new("complaint");

/// The openness office answers a complaint within 15 working days. The Regulations set no period;
/// this is the county's rule, chosen as the shortest period the Regulations give any answer with a
/// consultation (Art. 32), so a complainant is never left waiting longer than an applicant would be.
pub static ANSWER: ClockKind = ClockKind {
    code: "complaint.answer",
    subject: COMPLAINT,
    name_zh: "投诉办理期限",
    name_en: "Complaint answer period",
    answered_by: None,
};

pub const ANSWER_WORKING_DAYS: u32 = 15;

pub const MANIFEST: crate::modules::Manifest = crate::modules::Manifest { name: "complaints", clock_kinds: &[&ANSWER] };
