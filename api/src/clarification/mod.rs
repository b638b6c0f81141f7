//! Clarifying false or incomplete information (澄清虚假或不完整信息制度, CL 1–12). So far the
//! approval route of CL 7 (`route.rs`); intake, confirmation, response plans, the approval steps
//! on their clocks and publication are still to be built (issue "Clarifying false or incomplete
//! information").

pub mod route;
