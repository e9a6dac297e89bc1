//! One module per screen.

pub mod kiosk;
pub mod question;
pub mod result;
pub mod review;
pub mod staff;
pub mod start;
