//! Text as people type it, made safe to store and to show: one cleaning rule and one escaping rule
//! for every module, so a form field never keeps a stray control character in one place but not in
//! another.

/// Keeps text as typed but drops control characters other than line breaks and tabs, and turns
/// Windows line ends into plain ones.
pub fn clean(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect::<String>().replace("\r\n", "\n")
}

/// [`clean`], without the blank space around it: for one-line fields and short notes.
pub fn tidy(text: &str) -> String {
    clean(text).trim().to_string()
}

/// Escapes text for HTML and XML alike (`&#39;` is valid in both), dropping the control characters
/// XML 1.0 forbids.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_keeps_lines_and_drops_controls() {
        assert_eq!(clean("a\u{0}b\r\nc\td"), "ab\nc\td");
        assert_eq!(tidy("  政务公开\u{7}  \n"), "政务公开");
    }

    #[test]
    fn markup_is_escaped_for_html_and_xml() {
        assert_eq!(
            escape_markup("<a href=\"x\">'&'</a>\u{1b}"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
