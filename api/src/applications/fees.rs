//! The information processing fee (Regulations Art. 42; State Council General Office 2020 No. 109),
//! one method per application. Per item: the applications one applicant makes to one body in one
//! calendar month are numbered in the order received; the 1st–10th are free, the 11th–30th cost 100
//! yuan each, and each further ten cost 100 yuan more each; an application is priced by its own
//! number. Per page: each application's own pages, 1–30 free, 31–100 at 10 yuan, 101–200 at 20,
//! from 201 at 40; pages of different applications are never added together.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FeeMethod {
    /// 按件计收: 1–10 free, 11–30 at 100 yuan, then each further 10 items 100 yuan more per item.
    PerItem,
    /// 按量计收: 1–30 pages free, 31–100 at 10 yuan, 101–200 at 20 yuan, from 201 at 40 yuan.
    PerPage,
}

impl FeeMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PerItem => "per_item",
            Self::PerPage => "per_page",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "per_item" => Some(Self::PerItem),
            "per_page" => Some(Self::PerPage),
            _ => None,
        }
    }

    /// The rate of the `n`-th unit (1-based) in a month, in yuan.
    fn rate_yuan(self, n: u64) -> u64 {
        match self {
            Self::PerItem => match n {
                0..=10 => 0,
                11..=30 => 100,
                _ => 100 + 100 * (n - 30).div_ceil(10),
            },
            Self::PerPage => match n {
                0..=30 => 0,
                31..=100 => 10,
                101..=200 => 20,
                _ => 40,
            },
        }
    }

    /// The month's running total for `n` units, in fen.
    fn total_fen(self, n: u64) -> u64 {
        (1..=n).map(|k| self.rate_yuan(k) * 100).sum()
    }
}

/// A fee quote with the tiers it went through, for the notice and its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FeeQuote {
    pub method: FeeMethod,
    /// Units of this application: 1 item, or its pages.
    pub quantity: u64,
    /// Per item: the applicant's applications to this body received earlier in the same calendar
    /// month. Per page: always 0, since each application's pages stand alone.
    pub earlier_this_month: u64,
    pub amount_fen: u64,
    pub tiers: Vec<FeeTier>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FeeTier {
    /// First and last unit of the month in this tier.
    pub from: u64,
    pub to: u64,
    pub rate_yuan: u64,
    pub subtotal_fen: u64,
}

pub const MAX_QUANTITY: u64 = 100_000;

pub fn quote(method: FeeMethod, quantity: u64, earlier_this_month: u64) -> FeeQuote {
    let quantity = quantity.min(MAX_QUANTITY);
    let earlier = earlier_this_month.min(MAX_QUANTITY);
    let mut tiers: Vec<FeeTier> = Vec::new();
    for n in earlier + 1..=earlier + quantity {
        let rate = method.rate_yuan(n);
        match tiers.last_mut() {
            Some(t) if t.rate_yuan == rate => {
                t.to = n;
                t.subtotal_fen += rate * 100;
            }
            _ => tiers.push(FeeTier { from: n, to: n, rate_yuan: rate, subtotal_fen: rate * 100 }),
        }
    }
    let amount_fen = method.total_fen(earlier + quantity) - method.total_fen(earlier);
    FeeQuote { method, quantity, earlier_this_month: earlier, amount_fen, tiers }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yuan(method: FeeMethod, quantity: u64, earlier: u64) -> u64 {
        quote(method, quantity, earlier).amount_fen / 100
    }

    #[test]
    fn per_item_follows_the_published_tiers() {
        assert_eq!(yuan(FeeMethod::PerItem, 10, 0), 0);
        assert_eq!(yuan(FeeMethod::PerItem, 11, 0), 100);
        assert_eq!(yuan(FeeMethod::PerItem, 30, 0), 2000);
        // 31st–40th at 200, 41st at 300.
        assert_eq!(yuan(FeeMethod::PerItem, 40, 0), 4000);
        assert_eq!(yuan(FeeMethod::PerItem, 41, 0), 4300);
    }

    #[test]
    fn per_page_follows_the_published_tiers() {
        assert_eq!(yuan(FeeMethod::PerPage, 30, 0), 0);
        assert_eq!(yuan(FeeMethod::PerPage, 100, 0), 700);
        assert_eq!(yuan(FeeMethod::PerPage, 200, 0), 2700);
        assert_eq!(yuan(FeeMethod::PerPage, 201, 0), 2740);
    }

    #[test]
    fn an_item_is_priced_by_its_own_number_in_the_month() {
        // The 10th application of the month is free, the 11th and the 30th cost 100 yuan, the 31st
        // 200, the 41st 300.
        assert_eq!(yuan(FeeMethod::PerItem, 1, 9), 0);
        assert_eq!(yuan(FeeMethod::PerItem, 1, 10), 100);
        assert_eq!(yuan(FeeMethod::PerItem, 1, 29), 100);
        assert_eq!(yuan(FeeMethod::PerItem, 1, 30), 200);
        assert_eq!(yuan(FeeMethod::PerItem, 1, 40), 300);
    }

    #[test]
    fn tiers_explain_the_amount() {
        let q = quote(FeeMethod::PerPage, 120, 0);
        let rates: Vec<_> = q.tiers.iter().map(|t| (t.from, t.to, t.rate_yuan)).collect();
        assert_eq!(rates, vec![(1, 30, 0), (31, 100, 10), (101, 120, 20)]);
        assert_eq!(q.tiers.iter().map(|t| t.subtotal_fen).sum::<u64>(), q.amount_fen);
    }
}
