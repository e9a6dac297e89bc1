//! Styles, in one place. Colour never carries meaning alone: every coloured state also has a word
//! or a symbol. `NO_COLOR` gives [`PLAIN`]; `--high-contrast` gives [`HIGH_CONTRAST`].

use ratatui::style::{Color, Modifier, Style};

use crate::model::questionnaire::Level;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub section: Style,
    pub help: Style,
    pub highlight: Style,
    pub chosen: Style,
    pub error: Style,
    pub notice: Style,
    pub key: Style,
    pub border: Style,
    pub gauge: Style,
    pub cursor: Style,
    pub suitable: Style,
    pub caution: Style,
    pub stop: Style,
}

pub const NORMAL: Theme = Theme {
    base: Style::new(),
    title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    section: Style::new().fg(Color::Cyan),
    help: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
    highlight: Style::new().fg(Color::Black).bg(Color::Cyan),
    chosen: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
    notice: Style::new().fg(Color::Yellow),
    key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::DarkGray),
    gauge: Style::new().fg(Color::Cyan).bg(Color::DarkGray),
    cursor: Style::new().add_modifier(Modifier::REVERSED),
    suitable: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
    caution: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
    stop: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
};

/// For `NO_COLOR`: emphasis by weight, underline and reverse video only.
pub const PLAIN: Theme = Theme {
    base: Style::new(),
    title: Style::new().add_modifier(Modifier::BOLD),
    section: Style::new().add_modifier(Modifier::BOLD),
    help: Style::new(),
    highlight: Style::new().add_modifier(Modifier::REVERSED),
    chosen: Style::new().add_modifier(Modifier::BOLD),
    error: Style::new().add_modifier(Modifier::BOLD),
    notice: Style::new().add_modifier(Modifier::BOLD),
    key: Style::new().add_modifier(Modifier::BOLD),
    border: Style::new(),
    gauge: Style::new(),
    cursor: Style::new().add_modifier(Modifier::REVERSED),
    suitable: Style::new().add_modifier(Modifier::BOLD),
    caution: Style::new().add_modifier(Modifier::BOLD),
    stop: Style::new().add_modifier(Modifier::BOLD),
};

/// Bright colours on black, bold text.
pub const HIGH_CONTRAST: Theme = Theme {
    base: Style::new().fg(Color::White).bg(Color::Black),
    title: Style::new().fg(Color::White).add_modifier(Modifier::BOLD),
    section: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    help: Style::new().fg(Color::White),
    highlight: Style::new()
        .fg(Color::Black)
        .bg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    chosen: Style::new()
        .fg(Color::LightGreen)
        .add_modifier(Modifier::BOLD),
    error: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
    notice: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    key: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    border: Style::new().fg(Color::White),
    gauge: Style::new().fg(Color::LightYellow).bg(Color::Black),
    cursor: Style::new().add_modifier(Modifier::REVERSED),
    suitable: Style::new()
        .fg(Color::LightGreen)
        .add_modifier(Modifier::BOLD),
    caution: Style::new()
        .fg(Color::LightYellow)
        .add_modifier(Modifier::BOLD),
    stop: Style::new()
        .fg(Color::LightRed)
        .add_modifier(Modifier::BOLD),
};

impl Theme {
    /// The theme for these settings: `NO_COLOR` wins over high contrast's colours.
    #[must_use]
    pub fn pick(no_color: bool, high_contrast: bool) -> Theme {
        match (no_color, high_contrast) {
            (true, _) => PLAIN,
            (false, true) => HIGH_CONTRAST,
            (false, false) => NORMAL,
        }
    }

    #[must_use]
    pub fn level(&self, level: Level) -> Style {
        match level {
            Level::Suitable => self.suitable,
            Level::SuitableWithPrecautions | Level::PhysicianReview => self.caution,
            Level::Delay | Level::NotSuitable => self.stop,
        }
    }
}
