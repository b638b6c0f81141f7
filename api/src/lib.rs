//! Gongkai (公开): a county's government-information-disclosure platform.
//!
//! Shared parts live in their own modules (auth, tenancy, policy, audit, …); each rule of the
//! domain gets its own module that flows routes → service → entities.

pub mod accountability;
pub mod applications;
pub mod approvals;
pub mod assessment;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod clarification;
pub mod clocks;
pub mod complaints;
pub mod config;
pub mod context;
pub mod db;
pub mod disclosure;
pub mod domain;
pub mod download;
pub mod error;
pub mod evaluation;
pub mod extract;
pub mod health;
pub mod jobs;
pub mod leads;
pub mod limiter;
pub mod modules;
pub mod notify;
pub mod openapi;
pub mod paging;
pub mod policy;
pub mod redis_conn;
pub mod secrecy;
pub mod seed;
pub mod spreadsheet;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tenancy;
pub mod text;
pub mod time;
pub mod tracking;
pub mod units;
pub mod users;
pub mod work;
