//! The core suite, one binary (each test binary links sea-orm again). Every test runs on
//! SQLite, and on PostgreSQL when STEWARD_TEST_DATABASE_URL is set.

// A test's own setup failing is the test failing: expect() says where.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod access;
mod accounts;
mod backups;
mod bad_input;
mod bindings;
mod bulk;
mod catalog;
mod common;
mod contacts;
mod convenience;
mod customer_search;
mod desk;
mod directory;
mod export;
mod import;
mod leasing;
mod locales;
mod menus;
mod notices;
mod packages;
mod print;
mod routing;
mod sessions;
mod sign_in;
mod statements;
mod storage;
mod upgrades;
