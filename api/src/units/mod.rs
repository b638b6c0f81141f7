//! Counties, units (the tenants) and who holds which role in them.

pub mod duties;
pub mod people;
pub mod routes;
pub mod service;
