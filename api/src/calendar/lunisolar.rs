//! The dates of the Chinese lunisolar calendar that the national holiday measures use: the first,
//! fifth and eighth lunar months, and the Qingming solar term, in Beijing time.
//!
//! The State Council publishes each year's schedule only in November of the year before; until then a
//! clock that runs into the next year needs the statutory days off, and three of them move with the
//! moon. They are computed here from the mean elements of the Sun and the Moon (Meeus, *Astronomical
//! Algorithms*, ch. 25 and 49): new moons to a few seconds, the Sun's longitude to about 0.01°, which
//! places every festival of 2000–2100 on its civil date. The rules of the calendar (GB/T 33661-2017):
//! a month begins on the day of a new moon in Beijing time; the month holding the winter solstice is
//! the eleventh; in a year of thirteen months, the first month without a principal term is the leap
//! month and repeats the number before it.

use chrono::NaiveDate;

const J2000: f64 = 2_451_545.0;
const TROPICAL_YEAR: f64 = 365.242_19;
const SYNODIC_MONTH: f64 = 29.530_588_861;

/// The festival dates of one Gregorian year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Festivals {
    /// 除夕: the last day of the twelfth lunar month.
    pub new_years_eve: NaiveDate,
    /// 春节: the first day of the first lunar month.
    pub spring_festival: NaiveDate,
    /// 清明: the day the Sun reaches 15° of longitude.
    pub qingming: NaiveDate,
    /// 端午: the fifth day of the fifth lunar month.
    pub dragon_boat: NaiveDate,
    /// 中秋: the fifteenth day of the eighth lunar month.
    pub mid_autumn: NaiveDate,
}

/// The festivals of `year`, or `None` outside 1901–2199 where the mean elements are not trusted.
pub fn festivals(year: i32) -> Option<Festivals> {
    if !(1901..=2199).contains(&year) {
        return None;
    }
    let months = lunar_months_through(year)?;
    let start_of = |number: u32| months.iter().find(|m| m.number == number && !m.leap).map(|m| m.start);
    let spring_festival = start_of(1)?;
    Some(Festivals {
        new_years_eve: spring_festival.pred_opt()?,
        spring_festival,
        qingming: beijing_date(solar_longitude_time(year, 15.0)),
        dragon_boat: start_of(5)? + chrono::Days::new(4),
        mid_autumn: start_of(8)? + chrono::Days::new(14),
    })
}

#[derive(Debug, Clone, Copy)]
struct LunarMonth {
    start: NaiveDate,
    number: u32,
    leap: bool,
}

/// The lunar months from the eleventh month of the year before `year` to the month before the next
/// eleventh: the span that holds months 1–10 of `year`'s lunar year.
fn lunar_months_through(year: i32) -> Option<Vec<LunarMonth>> {
    let solstice_before = solar_longitude_time(year - 1, 270.0);
    let solstice_after = solar_longitude_time(year, 270.0);
    let first = new_moon_on_or_before(solstice_before);
    let last = new_moon_on_or_before(solstice_after);
    let mut starts = vec![first];
    let mut k = lunation_near(first) + 1.0;
    loop {
        let next = new_moon(k);
        if beijing_date(next) > beijing_date(last) {
            break;
        }
        starts.push(next);
        k += 1.0;
    }
    // `starts` ends with the next eleventh month; twelve lunations between them is an ordinary year.
    let dates: Vec<NaiveDate> = starts.iter().map(|&t| beijing_date(t)).collect();
    let lunations = dates.len() - 1;
    if !(12..=13).contains(&lunations) {
        return None;
    }
    // The thirteen principal terms from one winter solstice to the next: 270°, 300° and 330° fall in
    // the search year before (they come after its December), 0°–270° in this one.
    let principal_terms: Vec<NaiveDate> = (0..=12)
        .map(|i| {
            let longitude = (270.0 + 30.0 * f64::from(i)) % 360.0;
            let search_year = if i <= 2 { year - 1 } else { year };
            beijing_date(solar_longitude_time(search_year, longitude))
        })
        .collect();
    let has_principal_term = |i: usize| principal_terms.iter().any(|&t| dates[i] <= t && t < dates[i + 1]);
    let mut leap_found = lunations == 12;
    let mut number = 11;
    let mut months = Vec::with_capacity(lunations);
    for (i, &start) in dates.iter().take(lunations).enumerate() {
        let leap = !leap_found && i > 0 && !has_principal_term(i);
        if leap {
            leap_found = true;
        } else if i > 0 {
            number = number % 12 + 1;
        }
        months.push(LunarMonth { start, number, leap });
    }
    Some(months)
}

/// The Julian Ephemeris Day of the moment the Sun's apparent longitude is `longitude` degrees, in the
/// year `year` (the March equinox of that year is the origin of the search).
fn solar_longitude_time(year: i32, longitude: f64) -> f64 {
    let march_equinox_guess = julian_day(year, 3, 20.5);
    let mut t = march_equinox_guess + longitude / 360.0 * TROPICAL_YEAR;
    for _ in 0..50 {
        let mut gap = longitude - apparent_solar_longitude(t);
        gap = (gap + 540.0) % 360.0 - 180.0;
        t += gap * TROPICAL_YEAR / 360.0;
        if gap.abs() < 1e-7 {
            break;
        }
    }
    t
}

/// The Sun's apparent longitude in degrees (Meeus ch. 25, lower accuracy: about 0.01°).
fn apparent_solar_longitude(jde: f64) -> f64 {
    let t = (jde - J2000) / 36_525.0;
    let mean_longitude = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t;
    let m = (357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t).to_radians();
    let centre = (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * m.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * m).sin()
        + 0.000_289 * (3.0 * m).sin();
    let omega = (125.04 - 1_934.136 * t).to_radians();
    (mean_longitude + centre - 0.005_69 - 0.004_78 * omega.sin()).rem_euclid(360.0)
}

fn lunation_near(jde: f64) -> f64 {
    ((jde - 2_451_550.097_66) / SYNODIC_MONTH).round()
}

/// The new moon on or before `jde` (compared on Beijing dates, as the calendar does).
fn new_moon_on_or_before(jde: f64) -> f64 {
    let mut k = lunation_near(jde) + 1.0;
    loop {
        let t = new_moon(k);
        if beijing_date(t) <= beijing_date(jde) {
            return t;
        }
        k -= 1.0;
    }
}

/// The Julian Ephemeris Day of true new moon number `k` counted from 2000-01-06 (Meeus ch. 49).
fn new_moon(k: f64) -> f64 {
    let t = k / 1_236.85;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let mean = 2_451_550.097_66 + SYNODIC_MONTH * k + 0.000_154_37 * t2 - 0.000_000_150 * t3 + 0.000_000_000_73 * t4;
    let e = 1.0 - 0.002_516 * t - 0.000_007_4 * t2;
    let deg = f64::to_radians;
    let m = deg(2.553_4 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3);
    let mp = deg(201.564_3 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3 - 0.000_000_058 * t4);
    let f = deg(160.710_8 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3 + 0.000_000_011 * t4);
    let omega = deg(124.774_6 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3);
    let periodic = -0.407_20 * mp.sin()
        + 0.172_41 * e * m.sin()
        + 0.016_08 * (2.0 * mp).sin()
        + 0.010_39 * (2.0 * f).sin()
        + 0.007_39 * e * (mp - m).sin()
        - 0.005_14 * e * (mp + m).sin()
        + 0.002_08 * e * e * (2.0 * m).sin()
        - 0.001_11 * (mp - 2.0 * f).sin()
        - 0.000_57 * (mp + 2.0 * f).sin()
        + 0.000_56 * e * (2.0 * mp + m).sin()
        - 0.000_42 * (3.0 * mp).sin()
        + 0.000_42 * e * (m + 2.0 * f).sin()
        + 0.000_38 * e * (m - 2.0 * f).sin()
        - 0.000_24 * e * (2.0 * mp - m).sin()
        - 0.000_17 * omega.sin()
        - 0.000_07 * (mp + 2.0 * m).sin()
        + 0.000_04 * (2.0 * mp - 2.0 * f).sin()
        + 0.000_04 * (3.0 * m).sin()
        + 0.000_03 * (mp + m - 2.0 * f).sin()
        + 0.000_03 * (2.0 * mp + 2.0 * f).sin()
        - 0.000_03 * (mp + m + 2.0 * f).sin()
        + 0.000_03 * (mp - m + 2.0 * f).sin()
        - 0.000_02 * (mp - m - 2.0 * f).sin()
        - 0.000_02 * (3.0 * mp + m).sin()
        + 0.000_02 * (4.0 * mp).sin();
    let planetary: [(f64, f64, f64); 14] = [
        (0.000_325, 299.77, 0.107_408),
        (0.000_165, 251.88, 0.016_321),
        (0.000_164, 251.83, 26.651_886),
        (0.000_126, 349.42, 36.412_478),
        (0.000_110, 84.66, 18.206_239),
        (0.000_062, 141.74, 53.303_771),
        (0.000_060, 207.14, 2.453_732),
        (0.000_056, 154.84, 7.306_860),
        (0.000_047, 34.52, 27.261_239),
        (0.000_042, 207.19, 0.121_824),
        (0.000_040, 291.34, 1.844_379),
        (0.000_037, 161.72, 24.198_154),
        (0.000_035, 239.56, 25.513_099),
        (0.000_023, 331.55, 3.592_518),
    ];
    let additional: f64 = planetary
        .iter()
        .enumerate()
        .map(|(i, &(c, a, b))| {
            let correction = if i == 0 { -0.009_173 * t2 } else { 0.0 };
            c * deg(a + b * k + correction).sin()
        })
        .sum();
    mean + periodic + additional
}

/// ΔT = TT − UT in seconds (Espenak and Meeus polynomials, 2005–2150, and their long-term form).
fn delta_t_seconds(jde: f64) -> f64 {
    let y = 2000.0 + (jde - J2000) / 365.25;
    if (2005.0..2050.0).contains(&y) {
        let t = y - 2000.0;
        62.92 + 0.322_17 * t + 0.005_589 * t * t
    } else if (2050.0..2150.0).contains(&y) {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u - 0.562_8 * (2150.0 - y)
    } else if (1986.0..2005.0).contains(&y) {
        let t = y - 2000.0;
        63.86 + 0.3345 * t - 0.060_374 * t * t + 0.001_727_5 * t.powi(3) + 0.000_651_814 * t.powi(4)
    } else {
        let u = (y - 1820.0) / 100.0;
        -20.0 + 32.0 * u * u
    }
}

/// The civil date in Beijing (UTC+8) of a moment given as a Julian Ephemeris Day.
fn beijing_date(jde: f64) -> NaiveDate {
    let jd_beijing = jde - delta_t_seconds(jde) / 86_400.0 + 8.0 / 24.0;
    #[allow(clippy::cast_possible_truncation)]
    let day_number = (jd_beijing + 0.5).floor() as i64;
    i32::try_from(day_number - 1_721_425).ok().and_then(NaiveDate::from_num_days_from_ce_opt).unwrap_or(NaiveDate::MIN)
}

/// The Julian Day of a Gregorian date with a fractional day.
fn julian_day(year: i32, month: u32, day: f64) -> f64 {
    let (y, m) = if month <= 2 { (year - 1, month + 12) } else { (year, month) };
    let a = (f64::from(y) / 100.0).floor();
    let b = 2.0 - a + (a / 4.0).floor();
    (365.25 * (f64::from(y) + 4716.0)).floor() + (30.6001 * f64::from(m + 1)).floor() + day + b - 1524.5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Published dates (the State Council's notices for 2025–2026, the almanac for later years).
    #[test]
    fn festivals_fall_on_their_published_dates() {
        let published = [
            (2025, "2025-01-28", "2025-01-29", "2025-04-04", "2025-05-31", "2025-10-06"),
            (2026, "2026-02-16", "2026-02-17", "2026-04-05", "2026-06-19", "2026-09-25"),
            (2027, "2027-02-05", "2027-02-06", "2027-04-05", "2027-06-09", "2027-09-15"),
            (2028, "2028-01-25", "2028-01-26", "2028-04-04", "2028-05-28", "2028-10-03"),
            (2029, "2029-02-12", "2029-02-13", "2029-04-04", "2029-06-16", "2029-09-22"),
            (2030, "2030-02-02", "2030-02-03", "2030-04-05", "2030-06-05", "2030-09-12"),
            (2023, "2023-01-21", "2023-01-22", "2023-04-05", "2023-06-22", "2023-09-29"),
            (2024, "2024-02-09", "2024-02-10", "2024-04-04", "2024-06-10", "2024-09-17"),
            // 2033 has the leap eleventh month that moves the Spring Festival of 2034 to Feb 19.
            (2031, "2031-01-22", "2031-01-23", "2031-04-05", "2031-06-24", "2031-10-01"),
            (2032, "2032-02-10", "2032-02-11", "2032-04-04", "2032-06-12", "2032-09-19"),
            (2033, "2033-01-30", "2033-01-31", "2033-04-04", "2033-06-01", "2033-09-08"),
            (2034, "2034-02-18", "2034-02-19", "2034-04-05", "2034-06-20", "2034-09-27"),
            (2035, "2035-02-07", "2035-02-08", "2035-04-05", "2035-06-10", "2035-09-16"),
        ];
        for (year, eve, spring, qingming, dragon, autumn) in published {
            let f = festivals(year).unwrap();
            assert_eq!(f.new_years_eve, d(eve), "{year} 除夕");
            assert_eq!(f.spring_festival, d(spring), "{year} 春节");
            assert_eq!(f.qingming, d(qingming), "{year} 清明");
            assert_eq!(f.dragon_boat, d(dragon), "{year} 端午");
            assert_eq!(f.mid_autumn, d(autumn), "{year} 中秋");
        }
    }

    #[test]
    fn years_outside_the_trusted_range_have_no_answer() {
        assert_eq!(festivals(1900), None);
        assert_eq!(festivals(2200), None);
        for year in 2000..=2100 {
            assert!(festivals(year).is_some(), "{year}");
        }
    }
}
