//! Violation leads (AC 6): possible breaches the platform finds (an overdue application, an
//! unanswered referral…). The openness office and the supervisory commission triage them: dismiss
//! with a reason, or open an accountability case.

pub mod routes;
