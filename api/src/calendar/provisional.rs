//! The statutory days off of a year whose official schedule is not yet published.
//!
//! National Measures on Public Holidays (2024 revision), Art. 2 and Art. 6: New Year's Day 1 day;
//! Spring Festival 4 days (New Year's Eve and the 1st–3rd of the first lunar month); Qingming 1;
//! Labour Day 2 (1–2 May); Dragon Boat 1; Mid-Autumn 1; National Day 3 (1–3 October). They are
//! holidays of all citizens, so a day that falls on a Saturday or Sunday is made up on the next
//! working day. The measures are silent on two festivals sharing a date (Mid-Autumn on 1–3 October,
//! as in 2028 and 2031); the day is owed twice, and the second is made up the same way, as the
//! State Council did in 2020 and 2023.
//!
//! The official notice also moves days around (调休) and names weekend days to be worked; nobody can
//! know those in advance, so a provisional year has no make-up working days. It is replaced, and every
//! clock recomputed, when the official schedule is loaded.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::DayOverride;
use super::lunisolar;

/// The first and last years a provisional schedule is computed for (the calendar API's range).
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

fn all() -> &'static BTreeMap<NaiveDate, String> {
    static DAYS: OnceLock<BTreeMap<NaiveDate, String>> = OnceLock::new();
    DAYS.get_or_init(|| (FIRST_YEAR..=LAST_YEAR).flat_map(days_off).collect())
}

/// The provisional day off on `date`, if any (whether the year is officially loaded is the caller's
/// question).
pub fn override_on(date: NaiveDate) -> Option<DayOverride> {
    all().get(&date).map(|name| DayOverride::Holiday(name.clone()))
}

/// Whether the provisional schedule covers `year`.
pub fn covers(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

/// The provisional days off of `year`, in date order.
pub fn year(year: i32) -> Vec<(NaiveDate, String)> {
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Vec::new();
    };
    all().range(first..=last).map(|(d, n)| (*d, n.clone())).collect()
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The statutory days off of `year` with their make-up days, computed from the measures.
fn days_off(year: i32) -> Vec<(NaiveDate, String)> {
    let Some(f) = lunisolar::festivals(year) else {
        return Vec::new();
    };
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let mut statutory: Vec<(NaiveDate, &str)> = Vec::new();
    let mut push = |d: Option<NaiveDate>, name: &'static str| {
        if let Some(d) = d {
            statutory.push((d, name));
        }
    };
    push(ymd(1, 1), "元旦");
    push(Some(f.new_years_eve), "春节");
    for k in 0..3 {
        push(f.spring_festival.checked_add_days(Days::new(k)), "春节");
    }
    push(Some(f.qingming), "清明节");
    push(ymd(5, 1), "劳动节");
    push(ymd(5, 2), "劳动节");
    push(Some(f.dragon_boat), "端午节");
    push(Some(f.mid_autumn), "中秋节");
    for day in 1..=3 {
        push(ymd(10, day), "国庆节");
    }
    statutory.sort_by_key(|(d, _)| *d);

    let mut off: BTreeMap<NaiveDate, String> = BTreeMap::new();
    let mut owed: Vec<(NaiveDate, &str)> = Vec::new();
    for (date, name) in &statutory {
        match off.get_mut(date) {
            Some(existing) => {
                if !existing.contains(name) {
                    existing.push('、');
                    existing.push_str(name);
                }
                owed.push((*date, name));
            }
            None => {
                off.insert(*date, (*name).to_string());
                if is_weekend(*date) {
                    owed.push((*date, name));
                }
            }
        }
    }
    for (date, name) in owed {
        let mut d = date;
        while let Some(next) = d.succ_opt() {
            d = next;
            if !is_weekend(d) && !off.contains_key(&d) {
                off.insert(d, format!("{name}（补休）"));
                break;
            }
        }
    }
    off.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_2027_schedule_follows_the_measures() {
        // 2027: Jan 1 is a Friday; New Year's Eve Fri Feb 5, Spring Festival Sat Feb 6, so Sat Feb 6 and
        // Sun Feb 7 are made up on Tue Feb 9 and Wed Feb 10; Qingming Mon Apr 5; 1–2 May are Sat–Sun,
        // made up on 3–4 May; Dragon Boat Wed Jun 9; Mid-Autumn Wed Sep 15; 2–3 October are Sat–Sun,
        // made up on 4–5 October.
        let expected = [
            ("2027-01-01", "元旦"),
            ("2027-02-05", "春节"),
            ("2027-02-06", "春节"),
            ("2027-02-07", "春节"),
            ("2027-02-08", "春节"),
            ("2027-02-09", "春节（补休）"),
            ("2027-02-10", "春节（补休）"),
            ("2027-04-05", "清明节"),
            ("2027-05-01", "劳动节"),
            ("2027-05-02", "劳动节"),
            ("2027-05-03", "劳动节（补休）"),
            ("2027-05-04", "劳动节（补休）"),
            ("2027-06-09", "端午节"),
            ("2027-09-15", "中秋节"),
            ("2027-10-01", "国庆节"),
            ("2027-10-02", "国庆节"),
            ("2027-10-03", "国庆节"),
            ("2027-10-04", "国庆节（补休）"),
            ("2027-10-05", "国庆节（补休）"),
        ];
        let got = year(2027);
        let want: Vec<(NaiveDate, String)> = expected.iter().map(|(x, n)| (d(x), (*n).to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_festival_on_national_day_is_made_up() {
        // 2028: Mid-Autumn falls on Tue Oct 3, a National Day holiday; 1 October is a Sunday.
        let got = year(2028);
        let october: Vec<(NaiveDate, String)> = got.into_iter().filter(|(x, _)| x.month() == 10).collect();
        let want = [
            ("2028-10-01", "国庆节"),
            ("2028-10-02", "国庆节"),
            ("2028-10-03", "中秋节、国庆节"),
            ("2028-10-04", "国庆节（补休）"),
            ("2028-10-05", "国庆节（补休）"),
        ];
        let want: Vec<(NaiveDate, String)> = want.iter().map(|(x, n)| (d(x), (*n).to_string())).collect();
        assert_eq!(october, want);
    }
}
