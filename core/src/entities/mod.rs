//! Table mappings, in the shape sea-orm-cli generates. Logic and validation live in
//! `ops`, never here.

pub mod alert;
pub mod attachment;
pub mod audit_log;
pub mod building;
pub mod case_department;
pub mod case_event;
pub mod catalog_price;
pub mod catalog_service;
pub mod catalog_service_text;
pub mod change_log;
pub mod customer;
pub mod customer_search_term;
pub mod desk_count;
pub mod due_target;
pub mod follow_up;
pub mod follow_up_attempt;
pub mod lend_item;
pub mod loan;
pub mod mail_item;
pub mod occupancy;
pub mod property;
pub mod service_case;
pub mod session;
pub mod setting;
pub mod staff;
pub mod storage_item;
pub mod supplier;
pub mod unit;
pub mod work_order;
pub mod work_order_charge;
