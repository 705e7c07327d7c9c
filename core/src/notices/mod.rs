//! Notices (通知): the manager writes a notice (water cut, fire drill, holiday hours, an
//! event) once with a text per language and sends it to all units, a building, floors of
//! a building or listed units. Issuing fixes one delivery row per unit with its recipient
//! and the language their page is printed in; the desk prints one page per unit and
//! records who delivered each and when.

pub mod deliveries;
pub mod notice;
pub mod print;
pub mod rules;
