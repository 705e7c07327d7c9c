//! Who and where: buildings, units, customers, occupancy and the customer search terms.

pub mod buildings;
pub mod contacts;
pub mod customers;
pub mod names;
pub mod occupancy;
pub mod search;
pub mod units;
