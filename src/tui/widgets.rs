//! Pieces the screens share. Each takes what it draws (a theme, text, state), never the app.

pub mod assessment;
pub mod buttons;
pub mod choice_list;
pub mod footer;
pub mod form;
pub mod kept;
pub mod popup;
pub mod scroll;
pub mod text_field;
