//! The county's working-day calendar and the due-date arithmetic every statutory clock uses.
//!
//! Rules (Regulations Art. 31 and 33, DOMAIN.md §7): the start day is not counted; a working-day period
//! counts working days (Monday to Friday, minus public holidays, plus the weekend days the State Council
//! turns into working days); a calendar-day period whose last day is a rest day ends on the next working
//! day. Suspended days (consultation of third parties or other bodies) do not count.

mod lunisolar;
pub mod provisional;
pub mod routes;
pub mod service;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;
use utoipa::ToSchema;

/// Something that depends on a county's calendar and must follow when a year of it changes (clocks
/// derive their due dates from it). Listeners are registered at start-up; the calendar runs them in
/// the transaction that changed the year.
pub trait CalendarListener: Send + Sync + std::fmt::Debug {
    /// Returns how many records moved.
    fn year_changed<'a>(
        &'a self,
        tx: &'a sea_orm::DatabaseTransaction,
        county_id: uuid::Uuid,
        now: chrono::DateTime<chrono::Utc>,
    ) -> futures_util::future::BoxFuture<'a, Result<u64, crate::error::ApiError>>;
}

/// What the county calendar says about one date, where it departs from the Monday–Friday rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOverride {
    /// A public holiday (放假), with its name.
    Holiday(String),
    /// A weekend day worked in exchange for a holiday (调休上班), with the holiday it serves.
    MakeUpWorkday(String),
}

/// A county's calendar: overrides by date, and the years whose official schedule has been loaded.
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    overrides: BTreeMap<NaiveDate, DayOverride>,
    loaded_years: BTreeSet<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    WorkingDays(u32),
    CalendarDays(u32),
}

impl Period {
    pub fn mode(&self) -> &'static str {
        match self {
            Self::WorkingDays(_) => "working_days",
            Self::CalendarDays(_) => "calendar_days",
        }
    }
    pub fn days(&self) -> u32 {
        match self {
            Self::WorkingDays(n) | Self::CalendarDays(n) => *n,
        }
    }
}

/// A closed interval of dates during which a clock does not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Pause {
    fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }
}

/// Why a day did not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    Weekend,
    Holiday,
    Suspended,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CountedDay {
    pub date: NaiveDate,
    /// 1 for the first day counted.
    pub n: u32,
    /// Set when the day is a weekend day worked in exchange for this holiday.
    pub make_up_for: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SkippedDay {
    pub date: NaiveDate,
    pub reason: SkipReason,
    /// The holiday's name when `reason` is `holiday`.
    pub holiday: Option<String>,
}

/// How a due date was reached, step by step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DueDateExplanation {
    pub from: NaiveDate,
    /// `working_days` or `calendar_days`.
    pub mode: String,
    /// The period's length, extensions included.
    pub days: u32,
    pub due_date: NaiveDate,
    pub counted: Vec<CountedDay>,
    pub skipped: Vec<SkippedDay>,
    /// For a calendar-day period that ended on a rest day: the day it would have ended.
    pub rolled_forward_from: Option<NaiveDate>,
    /// Years crossed by the period whose official holiday schedule is not loaded: the answer uses
    /// the provisional schedule of the national holiday measures for them (statutory days off, no
    /// 调休), and the due date may move when the State Council publishes the year.
    pub years_without_schedule: Vec<i32>,
}

/// The longest period the arithmetic accepts; longer ones are input errors.
pub const MAX_PERIOD_DAYS: u32 = 366;

impl WorkCalendar {
    pub fn new(overrides: BTreeMap<NaiveDate, DayOverride>, loaded_years: BTreeSet<i32>) -> Self {
        Self { overrides, loaded_years }
    }

    pub fn override_on(&self, date: NaiveDate) -> Option<&DayOverride> {
        self.overrides.get(&date)
    }

    pub fn is_loaded(&self, year: i32) -> bool {
        self.loaded_years.contains(&year)
    }

    /// Whether `date` is a working day, and if not, why.
    pub fn classify(&self, date: NaiveDate) -> Result<Option<String>, (SkipReason, Option<String>)> {
        let provisional = || {
            if self.loaded_years.contains(&date.year()) { None } else { provisional::override_on(date) }
        };
        match self.overrides.get(&date).cloned().or_else(provisional) {
            Some(DayOverride::Holiday(name)) => Err((SkipReason::Holiday, Some(name))),
            Some(DayOverride::MakeUpWorkday(name)) => Ok(Some(name)),
            None if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) => Err((SkipReason::Weekend, None)),
            None => Ok(None),
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.classify(date).is_ok()
    }

    /// The next working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        loop {
            d = succ(d);
            if self.is_working_day(d) {
                return d;
            }
        }
    }

    /// The due date of a period starting on `from` (not counted), with pauses that do not count.
    pub fn due_date(&self, from: NaiveDate, period: Period, pauses: &[Pause]) -> DueDateExplanation {
        let mut counted = Vec::new();
        let mut skipped = Vec::new();
        let mut rolled_forward_from = None;
        let paused = |d: NaiveDate| pauses.iter().any(|p| p.contains(d));
        let mut d = from;
        let due = match period {
            Period::WorkingDays(n) => {
                let mut k = 0;
                while k < n {
                    d = succ(d);
                    if paused(d) {
                        skipped.push(SkippedDay { date: d, reason: SkipReason::Suspended, holiday: None });
                        continue;
                    }
                    match self.classify(d) {
                        Ok(make_up_for) => {
                            k += 1;
                            counted.push(CountedDay { date: d, n: k, make_up_for });
                        }
                        Err((reason, holiday)) => skipped.push(SkippedDay { date: d, reason, holiday }),
                    }
                }
                d
            }
            Period::CalendarDays(n) => {
                let mut k = 0;
                while k < n {
                    d = succ(d);
                    if paused(d) {
                        skipped.push(SkippedDay { date: d, reason: SkipReason::Suspended, holiday: None });
                        continue;
                    }
                    k += 1;
                    counted.push(CountedDay { date: d, n: k, make_up_for: None });
                }
                if !self.is_working_day(d) {
                    rolled_forward_from = Some(d);
                    let mut last = d;
                    while let Err((reason, holiday)) = self.classify(last) {
                        skipped.push(SkippedDay { date: last, reason, holiday });
                        last = succ(last);
                    }
                    d = last;
                }
                d
            }
        };
        let years_without_schedule = (from.year()..=due.year()).filter(|y| !self.loaded_years.contains(y)).collect();
        DueDateExplanation {
            from,
            mode: period.mode().into(),
            days: period.days(),
            due_date: due,
            counted,
            skipped,
            rolled_forward_from,
            years_without_schedule,
        }
    }

    /// Working days strictly after `from` up to and including `to` (0 when `to <= from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut d = from;
        let mut n = 0;
        while d < to {
            d = succ(d);
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }

    /// The date `n` working days before `date` (0 = `date` itself).
    pub fn working_days_before(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut d = date;
        let mut k = 0;
        while k < n {
            d = d.checked_sub_days(Days::new(1)).unwrap_or(d);
            if self.is_working_day(d) {
                k += 1;
            }
        }
        d
    }
}

fn succ(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn official() -> WorkCalendar {
        service::national_schedule().expect("embedded schedule parses")
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn working(from: &str, n: u32) -> NaiveDate {
        official().due_date(date(from), Period::WorkingDays(n), &[]).due_date
    }

    fn calendar_days(from: &str, n: u32) -> NaiveDate {
        official().due_date(date(from), Period::CalendarDays(n), &[]).due_date
    }

    #[test]
    fn golden_due_dates_in_working_days() {
        let cases = [
            // Spring Festival 2026 (Feb 15–23 off; Sat Feb 14 and Sat Feb 28 worked).
            ("2026-02-09", 5, "2026-02-14"),
            ("2026-02-13", 3, "2026-02-25"),
            ("2026-02-12", 20, "2026-03-18"),
            // National Day 2025 (Oct 1–8 off; Sun Sep 28 and Sat Oct 11 worked).
            ("2025-09-25", 20, "2025-10-29"),
            // Mid-Autumn 2026 (Sep 25–27 off).
            ("2026-09-22", 3, "2026-09-28"),
            // New Year 2026 (Jan 1–3 off; Sun Jan 4 worked).
            ("2025-12-31", 2, "2026-01-05"),
            // Labour Day 2025 (May 1–5 off; Sun Apr 27 worked).
            ("2025-04-25", 2, "2025-04-28"),
            // Spring Festival 2025 (Jan 28–Feb 4 off; Sun Jan 26 and Sat Feb 8 worked).
            ("2025-01-24", 1, "2025-01-26"),
            ("2025-01-27", 1, "2025-02-05"),
            ("2025-02-07", 1, "2025-02-08"),
            // 2027 has no official schedule: the provisional one (New Year Fri Jan 1; Spring Festival
            // Fri Feb 5 – Wed Feb 10 with the weekend made up) is used.
            ("2026-12-30", 20, "2027-01-28"),
            ("2027-01-25", 20, "2027-02-26"),
            ("2027-01-29", 5, "2027-02-11"),
            // The start day itself is never counted.
            ("2026-11-23", 1, "2026-11-24"),
            ("2026-11-23", 0, "2026-11-23"),
        ];
        for (from, n, due) in cases {
            assert_eq!(working(from, n), date(due), "{from} + {n} working days");
        }
    }

    #[test]
    fn golden_due_dates_in_calendar_days() {
        let cases = [
            // Ends on National Day 2026 → the next working day, Thu Oct 8.
            ("2026-09-24", 7, "2026-10-08"),
            // Ends inside Spring Festival 2026 → Tue Feb 24.
            ("2026-02-10", 10, "2026-02-24"),
            // Ends on a Sunday that is a make-up working day: stays.
            ("2025-01-20", 6, "2025-01-26"),
            // Ends on an ordinary Saturday → Monday.
            ("2026-11-20", 1, "2026-11-23"),
            ("2026-11-20", 30, "2026-12-21"),
        ];
        for (from, n, due) in cases {
            assert_eq!(calendar_days(from, n), date(due), "{from} + {n} calendar days");
        }
        let rolled = official().due_date(date("2026-09-24"), Period::CalendarDays(7), &[]);
        assert_eq!(rolled.rolled_forward_from, Some(date("2026-10-01")));
        assert!(rolled.skipped.iter().all(|s| s.reason == SkipReason::Holiday));
    }

    #[test]
    fn explanations_name_each_skipped_day_and_make_up_day() {
        let e = official().due_date(date("2025-09-25"), Period::WorkingDays(20), &[]);
        assert_eq!(e.counted.len(), 20);
        assert_eq!(e.counted[1].date, date("2025-09-28"));
        assert_eq!(e.counted[1].make_up_for.as_deref(), Some("国庆节、中秋节"));
        assert!(e.skipped.contains(&SkippedDay {
            date: date("2025-09-27"),
            reason: SkipReason::Weekend,
            holiday: None
        }));
        assert!(
            e.skipped.iter().any(|s| s.date == date("2025-10-03") && s.holiday.as_deref() == Some("国庆节、中秋节"))
        );
        assert!(e.years_without_schedule.is_empty());
        let far = official().due_date(date("2026-12-20"), Period::WorkingDays(20), &[]);
        assert_eq!(far.years_without_schedule, vec![2027]);
    }

    #[test]
    fn the_regulations_example_holds() {
        // DOMAIN.md §7: received Thu 2026-09-24 → reply due 2026-10-29; with the extension → 2026-11-26.
        let cal = official();
        let due = cal.due_date(date("2026-09-24"), Period::WorkingDays(20), &[]);
        assert_eq!(due.due_date, date("2026-10-29"));
        assert!(due.skipped.iter().any(|s| s.holiday.as_deref() == Some("国庆节")));
        let extended = cal.due_date(date("2026-09-24"), Period::WorkingDays(40), &[]);
        assert_eq!(extended.due_date, date("2026-11-26"));
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        fn day_in_2025_2026() -> impl Strategy<Value = NaiveDate> {
            (0i64..700).prop_map(|k| date("2025-01-01") + chrono::TimeDelta::days(k))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]

            #[test]
            fn later_starts_never_give_earlier_due_dates(a in day_in_2025_2026(), gap in 0i64..40, n in 0u32..60) {
                let cal = official();
                let b = a + chrono::TimeDelta::days(gap);
                for period in [Period::WorkingDays(n), Period::CalendarDays(n)] {
                    let p2 = match period { Period::WorkingDays(_) => Period::WorkingDays(n), Period::CalendarDays(_) => Period::CalendarDays(n) };
                    prop_assert!(cal.due_date(a, period, &[]).due_date <= cal.due_date(b, p2, &[]).due_date);
                }
            }

            #[test]
            fn an_extension_never_shortens(start in day_in_2025_2026(), n in 0u32..40, extra in 0u32..25) {
                let cal = official();
                prop_assert!(cal.due_date(start, Period::WorkingDays(n), &[]).due_date
                    <= cal.due_date(start, Period::WorkingDays(n + extra), &[]).due_date);
                prop_assert!(cal.due_date(start, Period::CalendarDays(n), &[]).due_date
                    <= cal.due_date(start, Period::CalendarDays(n + extra), &[]).due_date);
            }

            #[test]
            fn a_suspension_moves_the_due_date_by_exactly_its_working_days(
                start in day_in_2025_2026(), n in 1u32..40, offset in 0i64..40, length in 0i64..30
            ) {
                let cal = official();
                let plain = cal.due_date(start, Period::WorkingDays(n), &[]).due_date;
                let from = start + chrono::TimeDelta::days(1 + offset);
                prop_assume!(from <= plain);
                let pause = Pause { from, to: from + chrono::TimeDelta::days(length) };
                let paused_working_days = {
                    let before = from.pred_opt().unwrap_or(from);
                    cal.working_days_between(before, pause.to)
                };
                let moved = cal.due_date(start, Period::WorkingDays(n), &[pause]).due_date;
                prop_assert_eq!(moved, cal.due_date(start, Period::WorkingDays(n + paused_working_days), &[]).due_date);
            }
        }
    }
}
