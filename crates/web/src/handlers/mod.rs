//! Thin handlers, one per page or action, named noun first.

pub mod assets;
pub mod health;
pub mod home;
