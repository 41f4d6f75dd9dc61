//! Integration tests: drive the real `recours` binary over fixture folders, hermetically (see
//! `harness`). One binary for all scenarios keeps link time down.

mod harness;
mod http;

mod bureaux;
mod cli;
mod explique;
mod invalid;
mod lettre;
mod lot;
mod lot_hardening;
mod navigateur;
mod nouveau;
mod requete;
mod serveur;
mod serveur_suivi;
mod suivi;
mod suivi_bases;
mod suivi_concurrency;
mod suivi_exports;
mod verifie;
