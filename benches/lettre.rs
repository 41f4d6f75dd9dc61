//! One letter end to end, from the case file's text to the PDF bytes: parse and validate,
//! route, deadlines, compose with Tera, lay out, write. `cargo bench --bench lettre`.

use divan::Bencher;
use recours::case::{self, Context, Format};
use recours::offices::Offices;
use recours::pipeline::Renderer;
use recours::plan::Plan;

fn main() {
    divan::main();
}

fn ctx() -> Context<'static> {
    Context {
        offices: Offices::builtin(),
        date_override: None,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    }
}

/// The embedded example (two pages, three grounds), as `recours lettre` makes it: from
/// scratch, without the paragraphs and font subsets a batch's earlier letters leave behind.
#[divan::bench]
fn exemple_du_dossier_au_pdf(bencher: Bencher) {
    let renderer = Renderer::new(None).unwrap();
    bencher.bench_local(|| {
        recours::typeset::forget_paragraphs();
        recours::pdf::forget_faces();
        let case = case::parse(recours::assets::EXEMPLE, Format::Toml, "exemple", ctx()).unwrap();
        let plan = Plan::new(case, Offices::builtin()).unwrap();
        renderer.render(&plan).unwrap().pdf.len()
    });
}

/// The stages separately, to see where the time goes.
#[divan::bench]
fn etapes_dossier_route_delais(bencher: Bencher) {
    bencher.bench_local(|| {
        let case = case::parse(recours::assets::EXEMPLE, Format::Toml, "exemple", ctx()).unwrap();
        Plan::new(case, Offices::builtin()).unwrap()
    });
}

#[divan::bench]
fn etape_composition(bencher: Bencher) {
    let templates = recours::compose::Templates::builtin().unwrap();
    let case = case::parse(recours::assets::EXEMPLE, Format::Toml, "exemple", ctx()).unwrap();
    let plan = Plan::new(case, Offices::builtin()).unwrap();
    bencher.bench_local(|| recours::compose::compose(&plan, &templates).unwrap());
}

/// The example turned into a requête after a rejected recours gracieux: three pages with the
/// inventory. With `urgence`, the référé-suspension too (a second document, then both
/// assembled into one file).
fn requete_case(urgence: bool) -> String {
    let mut t = recours::assets::EXEMPLE.replace("recours = \"gracieux\"", "recours = \"requete\"");
    t.push_str(
        "\n[recours_gracieux]\nenvoi = 2026-10-22\nreception = 2026-10-24\nrejet = 2026-11-16\n",
    );
    if urgence {
        t = t.replace(
            "[lettre]\n",
            "[lettre]\nurgence = \"un concours le 12 janvier 2027\"\n",
        );
        t.push_str("\n[requete]\nurgence = true\n");
    }
    t
}

#[divan::bench(args = [false, true])]
fn requete_du_dossier_au_pdf(bencher: Bencher, urgence: bool) {
    let renderer = Renderer::new(None).unwrap();
    let text = requete_case(urgence);
    bencher.bench_local(|| {
        recours::typeset::forget_paragraphs();
        recours::pdf::forget_faces();
        let case = case::parse(&text, Format::Toml, "requete", ctx()).unwrap();
        let plan = Plan::new(case, Offices::builtin()).unwrap();
        renderer.render(&plan).unwrap().pdf.len()
    });
}
