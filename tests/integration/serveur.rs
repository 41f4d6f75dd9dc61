//! `recours serveur`: the HTTP contract (`shared/spec/cli.md`, second wave), every field's
//! validation message on the page, the limits, and the refusal of other sites.

use recours::questionnaire::{Kind, QUESTIONS};

use super::harness::Workdir;
use super::http::Server;

/// `tests/fixtures/cases/cavaillon.toml` as form fields.
const CAVAILLON: &[(&str, &str)] = &[
    ("recours", "gracieux"),
    ("lettre.date", "2026-11-27"),
    ("lettre.lieu", "Cavaillon"),
    ("demandeur.civilite", "Madame"),
    ("demandeur.prenom", "Camille"),
    ("demandeur.nom", "Martin"),
    ("demandeur.adresse", "12 rue des Lilas\r\n84300 Cavaillon"),
    ("demandeur.reside_a_l_etranger", "non"),
    ("demande.document", "carte-identite"),
    ("demande.motif", "renouvellement"),
    ("demande.depot", "mairie"),
    ("demande.departement", "84"),
    ("demande.commune", "Cavaillon"),
    ("decision.date", "2026-10-15"),
    ("decision.notification", "2026-10-20"),
    ("decision.reference", "CERT-84-2026-1234"),
    (
        "decision.motif",
        "Les pièces produites ne permettent pas d'établir la nationalité française",
    ),
    ("decision.mentionne_voies_recours", "oui"),
];

fn with(extra: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<_> = CAVAILLON
        .iter()
        .filter(|(k, _)| !extra.iter().any(|(e, _)| e == k))
        .copied()
        .collect();
    v.extend_from_slice(extra);
    v
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn the_first_line_is_the_url_and_sante_answers_ok() {
    let s = Server::start(&[], &[]);
    assert_eq!(s.url, format!("http://{}/", s.host));
    assert!(s.host.starts_with("127.0.0.1:"), "{}", s.host);
    let r = s.get("/sante");
    assert_eq!((r.status, r.text().as_str()), (200, "ok"));
}

#[test]
fn the_form_has_a_labelled_field_named_by_each_case_key() {
    let s = Server::start(&[], &[]);
    let r = s.get("/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let page = r.text();
    assert!(page.contains("<html lang=\"fr\">"));
    for q in QUESTIONS {
        assert!(page.contains(&format!("name=\"{}\"", q.cle)), "{}", q.cle);
        let id = format!("champ-{}", q.cle.replace('.', "-"));
        match q.kind {
            Kind::Texte | Kind::Date | Kind::Long | Kind::Lignes => {
                assert!(page.contains(&format!("<label for=\"{id}\">")), "{id}")
            }
            _ => assert!(page.contains(&format!("id=\"{id}\"")), "{id}"),
        }
    }
    assert!(
        page.contains("Voir l'explication"),
        "a submit button works without JS"
    );
    let at = page.find("id=\"champ-demandeur-nom\"").unwrap();
    let start = page[..at].rfind('<').unwrap();
    let tag = &page[start..at + page[at..].find('>').unwrap()];
    assert!(tag.contains("aria-required=\"true\""), "{tag}");
    let at = page.find("id=\"champ-demande-departement\"").unwrap();
    let start = page[..at].rfind('<').unwrap();
    let tag = &page[start..at + page[at..].find('>').unwrap()];
    assert!(
        tag.contains("aria-describedby=\"aide-champ-demande-departement\""),
        "{tag}"
    );
    let css = s.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(s.get("/app.js").text().contains("/apercu"));
}

#[test]
fn lettre_pdf_is_the_letter_recours_lettre_writes_for_the_same_case() {
    let w = Workdir::new();
    w.fixture("cases/cavaillon.toml");
    w.run(&["lettre", "cavaillon.toml"]).expect_code(0);
    let expected = std::fs::read(w.path().join("cavaillon.pdf")).unwrap();
    let s = Server::start(&[], &[]);
    let r = s.post_form("/lettre.pdf", CAVAILLON);
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert!(
        r.body == expected,
        "the served PDF differs from recours lettre's"
    );
}

#[test]
fn explique_json_is_the_explique_object_and_multipart_works_too() {
    let w = Workdir::new();
    w.fixture("cases/cavaillon.toml");
    let cli = w.run(&["explique", "cavaillon.toml", "--json"]);
    let expected: serde_json::Value = serde_json::from_str(&cli.expect_code(0).stdout).unwrap();
    let s = Server::start(&[], &[]);
    let r = s.post_form("/explique.json", CAVAILLON);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), expected);
    assert_eq!(
        r.json()["delais"]["limite_recours_administratif"],
        "2026-12-21"
    );
    // The same fields sent as multipart, the address `|`-separated as in a CSV cell.
    let mut fields = with(&[("demandeur.adresse", "12 rue des Lilas | 84300 Cavaillon")]);
    fields.retain(|(k, _)| *k != "lettre.lieu");
    let b = "xYzBoundary";
    let mut body = String::new();
    for (k, v) in &fields {
        body.push_str(&format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{b}--\r\n"));
    let ct = format!("multipart/form-data; boundary={b}");
    let r = s.send(
        "POST",
        "/explique.json",
        &[("Content-Type", &ct)],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["destinataire"]["id"], "cert-toulon");
}

#[test]
fn invalid_answers_are_422_with_each_key_and_message() {
    let s = Server::start(&[], &[]);
    let fields = with(&[("demande.departement", "99"), ("demandeur.nom", "")]);
    let r = s.post_form("/explique.json", &fields);
    assert_eq!(r.status, 422);
    let problems = r.json()["problemes"].as_array().unwrap().clone();
    let keys: Vec<&str> = problems
        .iter()
        .map(|p| p["cle"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["demande.departement", "demandeur.nom"]);
    assert_eq!(problems[0]["message"], "le département « 99 » n'existe pas");
    let page = s.post_form("/lettre.pdf", &fields);
    assert_eq!(page.status, 422);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text();
    assert!(
        html.contains("href=\"#champ-demande-departement\""),
        "summary links to the field"
    );
    assert!(html.contains(&esc("le département « 99 » n'existe pas")));
    assert!(
        html.contains("id=\"erreur-champ-demandeur-nom\""),
        "message next to the field"
    );
    assert!(html.contains("value=\"99\""), "the answers are kept");
}

/// A value each question's validation refuses, in a case where the question is asked.
fn bad_value(kind: Kind) -> String {
    match kind {
        Kind::Date => "2026-02-30".to_string(),
        Kind::Texte => "x".repeat(400),
        Kind::Long => "x".repeat(5000),
        Kind::Choix(_) | Kind::Recours => "zzz".to_string(),
        Kind::OuiNon => "peut-être".to_string(),
        Kind::Arguments => "zzz".to_string(),
        Kind::Lignes => "x".repeat(5000),
    }
}

fn context_for(cle: &str) -> Vec<(&'static str, &'static str)> {
    if cle.starts_with("recours_gracieux.") || cle.starts_with("demande_motifs.") {
        with(&[
            ("recours", "hierarchique"),
            ("recours_gracieux.envoi", "2026-10-25"),
        ])
    } else if cle.starts_with("recours_hierarchique.") {
        with(&[
            ("recours", "defenseur"),
            ("recours_gracieux.envoi", "2026-10-25"),
            ("recours_hierarchique.envoi", "2026-10-26"),
        ])
    } else if cle.starts_with("requete.") {
        with(&[
            ("recours", "requete"),
            ("lettre.urgence", "un concours le 12 janvier"),
        ])
    } else if cle.starts_with("signalement.") {
        with(&[
            ("recours", "signalement"),
            ("signalement.description", "On m'a refusé le dépôt."),
        ])
    } else if cle == "demande.pays" || cle == "demande.ville" {
        with(&[
            ("demande.depot", "consulat"),
            ("demande.pays", "Maroc"),
            ("demande.ville", "Casablanca"),
        ])
    } else if cle.starts_with("titulaire.") {
        with(&[
            ("titulaire.prenom", "Léa"),
            ("titulaire.nom", "Martin"),
            ("titulaire.date_naissance", "2014-03-02"),
            ("titulaire.qualite", "mère"),
        ])
    } else if cle.starts_with("destinataire.") && cle != "destinataire.id" {
        with(&[
            ("destinataire.nom", "Cert de Toulon"),
            ("destinataire.adresse", "1 rue X\n83000 Toulon"),
        ])
    } else {
        with(&[])
    }
}

#[test]
fn every_fields_validation_message_reaches_the_page_next_to_the_field() {
    let s = Server::start(&[], &[]);
    let mut silent = Vec::new();
    for q in QUESTIONS {
        let bad = bad_value(q.kind);
        let mut fields: Vec<(String, String)> = context_for(q.cle)
            .into_iter()
            .filter(|(k, _)| *k != q.cle)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        fields.push((q.cle.to_string(), bad));
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let json = s.post_form("/explique.json", &pairs);
        let problems = if json.status == 422 {
            json.json()["problemes"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let found = problems.into_iter().find(|p| {
            let k = p["cle"].as_str().unwrap_or("");
            k == q.cle || k.strip_prefix(q.cle).is_some_and(|i| i.starts_with('['))
        });
        let Some(problem) = found else {
            silent.push(q.cle);
            continue;
        };
        let html = s.post_form("/lettre.pdf", &pairs);
        assert_eq!(html.status, 422, "{}", q.cle);
        let page = html.text();
        let id = format!("champ-{}", q.cle.replace('.', "-"));
        let message = esc(problem["message"].as_str().unwrap());
        let near = page
            .find(&format!("id=\"erreur-{id}\""))
            .unwrap_or_else(|| panic!("{}: no message beside the field", q.cle));
        assert!(page[near..].contains(&message), "{}: {message}", q.cle);
        assert!(
            page.contains(&format!("href=\"#{id}\"")),
            "{}: summary link",
            q.cle
        );
    }
    assert!(silent.is_empty(), "accepted without a message: {silent:?}");
}

#[test]
fn another_sites_origin_is_refused_and_so_is_another_host() {
    let s = Server::start(&[], &[]);
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let r = s.send(
        "POST",
        "/lettre.pdf",
        &[form[0], ("Origin", "http://evil.example")],
        b"recours=gracieux",
    );
    assert_eq!(r.status, 403);
    assert!(r.text().contains("autre site"), "{}", r.text());
    let r = s.send(
        "POST",
        "/explique.json",
        &[form[0], ("Origin", "null")],
        b"",
    );
    assert_eq!(r.status, 403);
    let r = s.send(
        "POST",
        "/explique.json",
        &[form[0], ("Sec-Fetch-Site", "cross-site")],
        b"",
    );
    assert_eq!(r.status, 403);
    // DNS rebinding: a name resolving to 127.0.0.1 still carries its own Host.
    let r = s.send("GET", "/", &[("Host", "evil.example")], b"");
    assert_eq!(r.status, 403);
    // The page's own origin is fine.
    let origin = format!("http://{}", s.host);
    let r = s.send("GET", "/sante", &[("Origin", &origin)], b"");
    assert_eq!(r.status, 200);
    let port = s.host.rsplit(':').next().unwrap();
    let r = s.send(
        "GET",
        "/sante",
        &[("Host", &format!("localhost:{port}"))],
        b"",
    );
    assert_eq!(r.status, 200);
    assert!(
        r.header("content-security-policy")
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
}

#[test]
fn a_body_over_the_limit_is_413() {
    let s = Server::start(&[], &[]);
    let big = format!("recours=gracieux&lettre.demande={}", "x".repeat(300 * 1024));
    let r = s.send(
        "POST",
        "/lettre.pdf",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        big.as_bytes(),
    );
    assert_eq!(r.status, 413, "{}", r.text());
}

#[test]
fn off_loopback_a_token_is_required_on_every_request() {
    let w = Workdir::new();
    let r = w.run(&["serveur", "--adresse", "0.0.0.0", "--port", "0"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("un jeton est obligatoire"),
        "{}",
        r.stderr
    );
    let s = Server::start(
        &["--adresse", "0.0.0.0"],
        &[("RECOURS_JETON", "secret-de-test-123")],
    );
    assert!(s.url.ends_with("/?jeton=secret-de-test-123"), "{}", s.url);
    let port = s.host.rsplit(':').next().unwrap().to_string();
    let local = s;
    let host = format!("127.0.0.1:{port}");
    let r = local.send("GET", "/sante", &[("Host", &host)], b"");
    assert_eq!(r.status, 401);
    let r = local.send(
        "GET",
        "/sante",
        &[
            ("Host", &host),
            ("Authorization", "Bearer secret-de-test-123"),
        ],
        b"",
    );
    assert_eq!(r.status, 200);
    let r = local.send("GET", "/?jeton=secret-de-test-123", &[("Host", &host)], b"");
    assert_eq!(r.status, 200);
    let cookie = r.header("set-cookie").unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap();
    let r = local.send("GET", "/sante", &[("Host", &host), ("Cookie", pair)], b"");
    assert_eq!(r.status, 200);
    let r = local.send(
        "GET",
        "/sante",
        &[("Host", &host), ("Authorization", "Bearer faux-jeton-123")],
        b"",
    );
    assert_eq!(r.status, 401);
}

const LOT_CSV: &str = "recours,demandeur.prenom,demandeur.nom,demandeur.adresse,demande.document,demande.motif,demande.depot,demande.departement,decision.date,decision.notification,decision.motif,lettre.date\n\
gracieux,Camille,Martin,12 rue des Lilas | 84300 Cavaillon,carte-identite,renouvellement,mairie,84,2026-10-15,2026-10-20,Nationalité non établie,2026-11-27\n\
gracieux,Jean,Dupont,3 rue Haute | 13001 Marseille,passeport,renouvellement,mairie,99,2026-10-15,2026-10-20,Nationalité non établie,2026-11-27\n\
gracieux,Ana,Silva,5 rue Basse | 75011 Paris,carte-identite,perte,mairie,75,2026-10-15,2026-10-20,Doute,2026-11-27\n";

fn zip_names(bytes: &[u8]) -> Vec<String> {
    let z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    (0..z.len())
        .map(|i| z.name_for_index(i).unwrap().unwrap().to_string())
        .collect()
}

#[test]
fn lot_zip_holds_the_good_rows_pdfs_and_the_report_and_leaves_no_file_behind() {
    let w = Workdir::new();
    let tmp = w.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let s = Server::start(&[], &[("TMPDIR", tmp.to_str().unwrap())]);
    let r = s.post_file("/lot.zip", "fichier", "lot.csv", LOT_CSV.as_bytes(), &[]);
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(
        left.is_empty(),
        "the batch's temporary folder is removed: {left:?}"
    );
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    assert_eq!(r.header("content-type"), Some("application/zip"));
    let mut names = zip_names(&r.body);
    names.sort();
    assert_eq!(
        names,
        ["00002-martin.pdf", "00004-silva.pdf", "rapport.csv"]
    );
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&r.body)).unwrap();
    let mut report = String::new();
    std::io::Read::read_to_string(&mut z.by_name("rapport.csv").unwrap(), &mut report).unwrap();
    assert!(report.contains("3,erreur"), "{report}");
    assert!(report.contains("99"), "{report}");
    let header = LOT_CSV.lines().next().unwrap();
    let row = LOT_CSV.lines().nth(1).unwrap();
    let big = format!("{header}\n{}", format!("{row}\n").repeat(2001));
    let r = s.post_file("/lot.zip", "fichier", "gros.csv", big.as_bytes(), &[]);
    assert_eq!(r.status, 413);
    assert!(r.text().contains("2001 lignes"), "{}", r.text());
    let r = s.post_file("/lot.zip", "fichier", "lot.xlsx", b"PK", &[]);
    assert_eq!(r.status, 422);
    assert!(r.text().contains("ni un .csv ni un .jsonl"));
}

#[test]
fn a_batch_from_the_page_shows_progress_then_the_row_errors_and_is_forgotten_after_download() {
    let s = Server::start(&[], &[]);
    let r = s.post_file(
        "/lot",
        "fichier",
        "lot.csv",
        LOT_CSV.as_bytes(),
        &[("assemble", "oui")],
    );
    assert_eq!(r.status, 303);
    let at = r.header("location").unwrap().to_string();
    assert!(at.starts_with("/lot/") && at.len() == 5 + 32, "{at}");
    let mut page = String::new();
    for _ in 0..100 {
        page = s.get(&at).text();
        if page.contains("Lot terminé") {
            break;
        }
        assert!(page.contains("<progress"), "{page}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        page.contains("2 lettre(s) écrite(s), 1 ligne(s) en erreur"),
        "{page}"
    );
    assert!(page.contains("<td>3</td><td>erreur</td>"), "{page}");
    let zip = s.get(&format!("{at}/lettres.zip"));
    assert_eq!(zip.status, 200);
    assert!(zip_names(&zip.body).contains(&"lettres-assemblees.pdf".to_string()));
    assert_eq!(s.get(&format!("{at}/lettres.zip")).status, 404);
    assert_eq!(s.get(&at).status, 404);
    assert_eq!(s.get("/lot/00000000000000000000000000000000").status, 404);
    let template = s.get("/modele.csv").text();
    assert!(template.starts_with("recours,lettre.date,"), "{template}");
}

#[test]
fn the_result_page_offers_the_pdf_the_case_file_and_the_calendar() {
    let s = Server::start(&[], &[]);
    let mut fields = CAVAILLON.to_vec();
    fields.push(("_action", "lettre"));
    let r = s.post_form("/resultat", &fields);
    assert_eq!(r.status, 200, "{}", r.text());
    let page = r.text();
    for action in [
        "/lettre.pdf",
        "/dossier.toml",
        "/calendrier.ics",
        "/formulaire",
    ] {
        assert!(page.contains(&format!("action=\"{action}\"")), "{action}");
    }
    assert!(page.contains("21 décembre 2026"), "{page}");
    let ics = s.post_form("/calendrier.ics", CAVAILLON);
    assert_eq!(ics.status, 200);
    assert!(ics.text().contains("BEGIN:VCALENDAR"));
    // Without JavaScript, « Voir l'explication » shows the deadline on the form page.
    let mut fields = CAVAILLON.to_vec();
    fields.push(("_action", "expliquer"));
    let page = s.post_form("/resultat", &fields).text();
    assert!(
        page.contains("data-delai=\"limite_recours_administratif\""),
        "{page}"
    );
    assert!(page.contains("21 décembre 2026"));
    // An incomplete case comes back as the form with the summary.
    let r = s.post_form(
        "/resultat",
        &with(&[("decision.date", ""), ("_action", "lettre")]),
    );
    assert_eq!(r.status, 422);
    assert!(r.text().contains("href=\"#champ-decision-date\""));
}

#[test]
fn the_case_file_downloaded_gives_the_same_letter_and_resumes_the_form() {
    let s = Server::start(&[], &[]);
    let toml = s.post_form("/dossier.toml", CAVAILLON);
    assert_eq!(toml.status, 200);
    let w = Workdir::new();
    w.file("dossier.toml", toml.text());
    w.run(&["lettre", "dossier.toml"]).expect_code(0);
    let cli = std::fs::read(w.path().join("dossier.pdf")).unwrap();
    assert!(
        cli == s.post_form("/lettre.pdf", CAVAILLON).body,
        "same letter"
    );
    let r = s.post_file(
        "/reprendre",
        "dossier",
        "dossier.toml",
        toml.text().as_bytes(),
        &[],
    );
    assert_eq!(r.status, 200);
    let page = r.text();
    assert!(page.contains("value=\"CERT-84-2026-1234\""), "prefilled");
    assert!(
        page.contains("12 rue des Lilas\n84300 Cavaillon</textarea>"),
        "prefilled list"
    );
}

#[test]
fn user_text_is_escaped_in_the_pages() {
    let s = Server::start(&[], &[]);
    let r = s.post_form(
        "/formulaire",
        &with(&[("demandeur.nom", "<script>alert(1)</script>")]),
    );
    let page = r.text();
    assert!(!page.contains("<script>alert(1)"), "escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}
