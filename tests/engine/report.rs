//! The clinic report as data: each intake once at its latest version, files left out counted,
//! every figure; another questionnaire's effect.

use std::path::Path;

use crate::report_folder::{TODAY, clinic};
use crate::support::date;
use skin_intake::clinic::report::{self, Window};

#[test]
fn generate_for_a_look() {
    if let Some(dir) = std::env::var_os("REPORT_FOLDER") {
        std::fs::create_dir_all(&dir).unwrap();
        clinic(Path::new(&dir));
    }
    let _ = (report::read, Window::default(), date(TODAY));
}
