//! The rules engine: which questions are shown, what is wrong with an answer, the assessment of a
//! set of answers and the summary that records it. Pure: the reference date and the clock's
//! readings are parameters; no files, no terminal.

pub mod assessment;
pub mod checks;
pub mod display;
pub mod intake;
pub mod summary;
pub mod versions;
pub mod visibility;
