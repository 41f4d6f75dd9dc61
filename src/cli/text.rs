//! Plain-text reports for a terminal: headings and paragraphs wrapped at 80 columns.

/// Width of reports, in characters.
pub const WIDTH: usize = 80;

/// A report being written.
#[derive(Debug, Default)]
pub struct Report {
    out: String,
}

impl Report {
    /// A section title, preceded by a blank line unless it is the first.
    pub fn heading(&mut self, title: &str) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.hanging(0, "", title);
    }

    /// A paragraph wrapped at [`WIDTH`], every line indented by `indent` spaces.
    pub fn para(&mut self, indent: usize, text: &str) {
        self.hanging(indent, "", text);
    }

    /// A paragraph whose first line starts with `bullet` and whose next lines align after it.
    pub fn hanging(&mut self, indent: usize, bullet: &str, text: &str) {
        let first = format!("{}{bullet}", " ".repeat(indent));
        let rest = " ".repeat(indent + bullet.chars().count());
        let opts = textwrap::Options::new(WIDTH)
            .initial_indent(&first)
            .subsequent_indent(&rest);
        self.out.push_str(&textwrap::fill(text, opts));
        self.out.push('\n');
    }

    /// A line as is.
    pub fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// The finished text.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_hanging_indent() {
        let mut r = Report::default();
        r.heading("Titre");
        r.hanging(2, "- ", &"mot ".repeat(30));
        let text = r.finish();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Titre");
        assert!(lines[1].starts_with("  - mot"));
        assert!(lines[2].starts_with("    mot"));
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
    }
}
