//! Integration tests against the real application. Each test spawns its own app on its own database.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::print_stdout)]

mod accountability;
mod applications;
mod architecture;
mod assessment;
mod audit;
mod auth;
mod calendar;
mod clocks;
mod complaints;
mod disclosure;
mod email;
mod errors;
mod evaluation;
mod openapi;
mod policy;
mod tenancy;
