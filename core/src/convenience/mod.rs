//! Convenience services (便民服务, free): mail received for a unit and handed over, with a
//! notice slip in the customer's language; small items kept at the desk (寄存); and the
//! lending of umbrellas, carts, pet bags and other items, with overdue loans visible.

mod common;
pub mod lending;
pub mod mail;
pub mod notice;
pub mod storage;
