//! A real browser (Debian's `chromium` driven through `chromedriver` with fantoccini) fills
//! the form, sees the live deadline, submits, downloads the PDF and reads its text; then the
//! page is checked with JavaScript disabled. Skipped when chromedriver is absent, except
//! under `CI=true`, where its absence fails the test so that CI cannot skip it silently.
//!
//! With `RECOURS_CAPTURES=DOSSIER`, the pages are also saved as PNG screenshots (desktop and
//! phone width) in that folder: `docs/` holds the README's.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use super::harness::Workdir;
use super::http::Server;

fn chromedriver() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("chromedriver"))
        .find(|p| p.is_file())
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_driver(exe: &Path) -> (Driver, String) {
    let port = free_port();
    let child = Command::new(exe)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (Driver(child), url)
}

async fn browser(driver: &str, profile: &Path, downloads: &Path, javascript: bool) -> Client {
    let mut prefs = json!({
        "download.default_directory": downloads.to_str().unwrap(),
        "download.prompt_for_download": false,
        "plugins.always_open_pdf_externally": true,
    });
    if !javascript {
        prefs["profile.managed_default_content_settings.javascript"] = json!(2);
    }
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--lang=fr-FR", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": prefs,
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!()
    };
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(driver)
        .await
        .expect("a chromium session")
}

async fn fill(c: &Client, cle: &str, value: &str) {
    let id = format!("champ-{}", cle.replace('.', "-"));
    let field = c
        .find(Locator::Id(&id))
        .await
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    field.send_keys(value).await.unwrap();
}

async fn pick(c: &Client, cle: &str, value: &str) {
    let css = format!("input[name='{cle}'][value='{value}']");
    let radio = c
        .find(Locator::Css(&css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    radio.click().await.unwrap();
}

/// Saves the page at desktop and phone width, when captures are asked for.
async fn capture(c: &Client, name: &str) {
    let Some(dir) = std::env::var_os("RECOURS_CAPTURES") else {
        return;
    };
    for (suffix, width) in [("bureau", 1280), ("telephone", 390)] {
        c.set_window_size(width, 1000).await.unwrap();
        let height = c
            .execute("return document.documentElement.scrollHeight;", vec![])
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(1000)
            .min(if width < 800 { 1800 } else { 2000 }) as u32;
        c.set_window_size(width, height + 140).await.unwrap();
        let png = c.screenshot().await.unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}-{suffix}.png")), png).unwrap();
    }
    c.set_window_size(1280, 1000).await.unwrap();
}

async fn wait_for_text(c: &Client, css: &str, needle: &str) -> String {
    let started = Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await
            && let Ok(t) = e.text().await
            && t.contains(needle)
        {
            return t;
        }
        if started.elapsed() > Duration::from_secs(15) {
            let page = c.source().await.unwrap_or_default();
            panic!("« {needle} » never appeared in {css}:\n{page}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn wait_for_file(dir: &Path, ext: &str) -> PathBuf {
    let started = Instant::now();
    loop {
        if let Some(p) = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == ext))
        {
            return p;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no .{ext} downloaded"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn in_chromium_the_form_explains_live_and_gives_the_letter_and_works_without_javascript() {
    let Some(exe) = chromedriver() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but chromedriver is not installed: .ci/run must install chromium-driver"
        );
        eprintln!("chromedriver absent: real-browser test skipped (set CI=true to require it)");
        return;
    };
    let (_driver, driver_url) = start_driver(&exe);
    let server = Server::start(&[], &[]);
    let w = Workdir::new();
    let downloads = w.path().join("telechargements");
    std::fs::create_dir_all(&downloads).unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = browser(&driver_url, &w.path().join("profil-js"), &downloads, true).await;
        c.goto(&server.url).await.unwrap();
        // Questions that do not apply are hidden.
        let pays = c.find(Locator::Id("champ-demande-pays")).await.unwrap();
        assert!(
            !pays.is_displayed().await.unwrap(),
            "consulate fields hidden for a mairie"
        );
        capture(&c, "formulaire").await;
        fill(&c, "demande.departement", "84").await;
        fill(&c, "decision.date", "2026-10-15").await;
        fill(&c, "decision.notification", "2026-10-20").await;
        // The deadline appears before the names are typed.
        let panel = wait_for_text(&c, "#explication", "21 décembre 2026").await;
        assert!(panel.contains("Explication provisoire"), "{panel}");
        assert!(panel.contains("Cert"), "{panel}");
        pick(&c, "demande.depot", "consulat").await;
        assert!(
            pays.is_displayed().await.unwrap(),
            "shown once the consulate is chosen"
        );
        pick(&c, "demande.depot", "mairie").await;
        // Submitting incomplete answers gives the summary, linked to the fields.
        c.find(Locator::Css("button[value='lettre']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let summary = wait_for_text(&c, "#erreurs", "Votre prénom").await;
        assert!(summary.contains("réponse obligatoire"), "{summary}");
        capture(&c, "erreurs").await;
        let link = c
            .find(Locator::Css("#erreurs a[href='#champ-demandeur-prenom']"))
            .await
            .unwrap();
        link.click().await.unwrap();
        fill(&c, "demandeur.prenom", "Camille").await;
        fill(&c, "demandeur.nom", "Martin").await;
        fill(&c, "demandeur.adresse", "12 rue des Lilas\n84300 Cavaillon").await;
        fill(&c, "decision.motif", "Nationalité non établie").await;
        c.find(Locator::Css("button[value='lettre']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        wait_for_text(&c, "h1", "Votre lettre est prête").await;
        capture(&c, "resultat").await;
        c.find(Locator::Css("form[action='/lettre.pdf'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let pdf = wait_for_file(&downloads, "pdf");
        std::thread::sleep(Duration::from_millis(300));
        let bytes = std::fs::read(&pdf).unwrap();
        let text: Vec<String> = recours::pdf::extract::extract(&bytes)
            .iter()
            .map(|p| recours::pdf::extract::page_text(p))
            .collect();
        let text = text.join("\n").replace("\u{AD}\n", "").replace('\n', " ");
        assert!(
            text.contains("Camille MARTIN 12 rue des Lilas 84300 CAVAILLON"),
            "{text}"
        );
        assert!(text.contains("Nationalité non établie"), "{text}");
        assert!(text.contains("Cavaillon, le 27 novembre 2026"), "{text}");
        c.goto(&format!("{}lot", server.url)).await.unwrap();
        capture(&c, "lot").await;
        // A batch: the file chosen in the page, the table of rows once done.
        let csv = w.path().join("lot.csv");
        std::fs::write(
            &csv,
            "recours,demandeur.prenom,demandeur.nom,demandeur.adresse,demande.document,\
             demande.motif,demande.depot,demande.departement,decision.date,\
             decision.notification,decision.motif\n\
             gracieux,Camille,Martin,12 rue des Lilas | 84300 Cavaillon,carte-identite,\
             renouvellement,mairie,84,2026-10-15,2026-10-20,Nationalité non établie\n\
             gracieux,Jean,Dupont,3 rue Haute | 13001 Marseille,passeport,\
             renouvellement,mairie,99,2026-10-15,2026-10-20,Nationalité non établie\n",
        )
        .unwrap();
        let input = c.find(Locator::Id("fichier")).await.unwrap();
        input.send_keys(csv.to_str().unwrap()).await.unwrap();
        c.find(Locator::Css("#form-lot button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let status = wait_for_text(&c, "main", "Lot terminé").await;
        assert!(
            status.contains("1 lettre(s) écrite(s), 1 ligne(s) en erreur"),
            "{status}"
        );
        assert!(
            status.contains("99"),
            "the row's error is in the table: {status}"
        );
        capture(&c, "lot-termine").await;
        c.close().await.unwrap();

        // JavaScript off: every question shows, « Voir l'explication » explains.
        let c = browser(
            &driver_url,
            &w.path().join("profil-sans-js"),
            &downloads,
            false,
        )
        .await;
        c.goto(&server.url).await.unwrap();
        let pays = c.find(Locator::Id("champ-demande-pays")).await.unwrap();
        assert!(
            pays.is_displayed().await.unwrap(),
            "without JS, every question shows"
        );
        fill(&c, "demande.departement", "84").await;
        fill(&c, "decision.date", "2026-10-15").await;
        fill(&c, "decision.notification", "2026-10-20").await;
        c.find(Locator::Css("button[value='expliquer']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let panel = wait_for_text(&c, "#explication", "21 décembre 2026").await;
        assert!(
            panel.contains("Dernier jour pour envoyer le recours"),
            "{panel}"
        );
        capture(&c, "sans-javascript").await;
        c.close().await.unwrap();
    });
}
