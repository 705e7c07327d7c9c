//! The core suite, one binary (each test binary links sea-orm again). Every test runs on
//! SQLite, and on PostgreSQL when STEWARD_TEST_DATABASE_URL is set.

mod access;
mod accounts;
mod bindings;
mod catalog;
mod common;
mod desk;
mod directory;
mod print;
mod storage;
