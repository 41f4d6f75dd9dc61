//! Escaping and the page frame every page shares.

/// Text made safe inside HTML text and double-quoted attributes: user text is data, never
/// markup.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page: French, readable on a phone, with the shared style and script.
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} — recours</title>\n\
         <link rel=\"stylesheet\" href=\"/style.css\">\n\
         <script src=\"/app.js\" defer></script>\n</head>\n<body>\n\
         <a class=\"evitement\" href=\"#contenu\">Aller au contenu</a>\n\
         <header class=\"bandeau\"><p class=\"marque\"><a href=\"/\">recours</a></p>\
         <p class=\"avertissement-outil\">Outil libre et indépendant, sans lien avec \
         l'administration. Rien n'est envoyé : vous imprimez et postez la lettre vous-même.</p>\
         <nav aria-label=\"Pages\"><ul><li><a href=\"/\">Une lettre</a></li>\
         <li><a href=\"/lot\">Un lot (associations)</a></li>\
         <li><a href=\"/suivi\">Dossiers suivis</a></li></ul></nav></header>\n\
         <main id=\"contenu\">\n{body}\n</main>\n</body>\n</html>\n",
        title = esc(title),
    )
}

/// Hidden inputs carrying answers from one page to the next, so that nothing is kept on
/// the server between requests.
pub fn hidden(answers: &crate::questionnaire::Answers) -> String {
    let mut out = String::new();
    for k in answers.keys() {
        for v in answers.get(k) {
            out.push_str(&format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                esc(k),
                esc(v)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn user_text_cannot_open_a_tag_or_leave_an_attribute() {
        assert_eq!(
            super::esc("<script>\"x\"&'"),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;"
        );
    }
}
