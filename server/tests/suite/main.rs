//! The office server over real HTTPS: one test binary, SQLite by default, PostgreSQL
//! when STEWARD_TEST_DATABASE_URL is set.

// A test's own setup failing is the test failing: expect() says where.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod access;
mod common;
mod pinned;
mod postgres_role;
mod wire;
