//! The information processing fee (Regulations Art. 42; State Council General Office 2020 No. 109).
//! Free within a monthly allowance per applicant; beyond it a progressive rate per item or per page.
//! One method per application. The fee of one application is what the month's running total grows
//! by when it is added, so splitting a request into several applications never changes the total.

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
    /// Units of this application (items or pages).
    pub quantity: u64,
    /// Units the applicant already had this month at this body.
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
    fn the_monthly_allowance_is_shared_by_the_applicants_applications() {
        // 25 pages earlier this month: 5 more are free, the other 15 at 10 yuan.
        assert_eq!(yuan(FeeMethod::PerPage, 20, 25), 150);
        // Splitting never changes the month's total.
        let split: u64 = (0..5).map(|i| yuan(FeeMethod::PerItem, 9, i * 9)).sum();
        assert_eq!(split, yuan(FeeMethod::PerItem, 45, 0));
    }

    #[test]
    fn tiers_explain_the_amount() {
        let q = quote(FeeMethod::PerPage, 120, 0);
        let rates: Vec<_> = q.tiers.iter().map(|t| (t.from, t.to, t.rate_yuan)).collect();
        assert_eq!(rates, vec![(1, 30, 0), (31, 100, 10), (101, 120, 20)]);
        assert_eq!(q.tiers.iter().map(|t| t.subtotal_fen).sum::<u64>(), q.amount_fen);
    }
}
