pub mod audit_chain_head;
pub mod audit_event;
pub mod county;
pub mod role_assignment;
pub mod session;
pub mod system_state;
pub mod unit;
pub mod user;
