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
mod navigateur;
mod nouveau;
mod serveur;
mod verifie;
