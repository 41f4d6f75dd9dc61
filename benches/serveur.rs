//! `recours serveur` under load: letters per second through `POST /lettre.pdf` with 2
//! concurrent clients, and the server's resident memory after warm-up and after 10,000
//! requests (it must stay flat: nothing is kept between requests).
//!
//! `cargo bench --bench serveur` (the release binary; `RECOURS_BENCH_REQUETES` changes the
//! 10,000). Prints the figures; no statistics framework: one long run is what is measured.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Instant;

const FORM: &str = "recours=gracieux&lettre.date=2026-11-27&demandeur.prenom=Camille&\
demandeur.nom=Martin&demandeur.adresse=12+rue+des+Lilas%7C84300+Cavaillon&\
demande.document=carte-identite&demande.motif=renouvellement&demande.depot=mairie&\
demande.departement=84&decision.date=2026-10-15&decision.notification=2026-10-20&\
decision.motif=Justificatif+de+nationalit%C3%A9+insuffisant";

/// One request on a fresh connection; returns the status and the body's length.
fn post(host: &str, name: &str) -> (u16, usize) {
    let body = FORM.replace("Martin", name);
    let mut s = TcpStream::connect(host).unwrap();
    write!(
        s,
        "POST /lettre.pdf HTTP/1.1\r\nHost: {host}\r\nContent-Type: \
         application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let status = std::str::from_utf8(&raw[9..12]).unwrap().parse().unwrap();
    (status, raw.len())
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// `n` requests split between 2 clients; letters per second.
fn run(host: &str, n: usize) -> f64 {
    let started = Instant::now();
    std::thread::scope(|scope| {
        for client in 0..2 {
            scope.spawn(move || {
                for i in 0..n / 2 {
                    let (status, len) = post(host, &format!("Martin{client}x{i}"));
                    assert!(status == 200 && len > 10_000, "status {status}");
                }
            });
        }
    });
    n as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let total: usize = std::env::var("RECOURS_BENCH_REQUETES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_recours"))
        .args(["serveur", "--port", "0"])
        .env("SOURCE_DATE_EPOCH", "1795780800")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start recours serveur");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let host = line
        .trim()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let pid = child.id();
    run(&host, 200);
    let warm = rss_kib(pid);
    let mut rates = Vec::new();
    let mut done = 0;
    let mut marks = Vec::new();
    while done < total {
        let chunk = 1000.min(total - done);
        rates.push(run(&host, chunk));
        done += chunk;
        marks.push((done, rss_kib(pid)));
    }
    let _ = child.kill();
    let _ = child.wait();
    let mean = rates.iter().sum::<f64>() / rates.len() as f64;
    println!(
        "POST /lettre.pdf, 2 clients : {mean:.0} lettres/s (moyenne de {} séries de 1 000)",
        rates.len()
    );
    println!(
        "  séries : {}",
        rates
            .iter()
            .map(|r| format!("{r:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!("mémoire du serveur (RSS) après 200 requêtes : {} Kio", warm);
    for (n, kib) in marks {
        println!("  après {n} requêtes : {kib} Kio");
    }
}
