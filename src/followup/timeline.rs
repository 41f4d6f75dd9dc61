//! A case's timeline for `montre` and the web page: the dates from its case file and its
//! recorded events, in the order they happened (then in recording order).

use chrono::NaiveDate;

use super::BaseFacts;
use crate::store::{Event, TrackedCase};

/// One line of a timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// When it happened.
    pub date: NaiveDate,
    /// What happened, in French.
    pub label: String,
    /// The recorded event, or `None` for a date from the case file.
    pub event: Option<Event>,
}

/// The timeline, oldest first; a date the case file gave is marked « (dossier) ».
pub fn timeline(case: &TrackedCase) -> Vec<Item> {
    let mut items = Vec::new();
    if let Ok(base) = serde_json::from_str::<BaseFacts>(&case.faits) {
        if let Some(n) = base.notification {
            items.push(file_item(n, "notification de la décision"));
        }
        for (name, r) in [
            ("recours gracieux", base.recours_gracieux),
            ("recours hiérarchique", base.recours_hierarchique),
        ] {
            let Some(r) = r else { continue };
            for (what, date) in [
                ("envoi", r.envoi),
                ("réception", r.reception),
                ("rejet explicite", r.rejet),
            ] {
                if let Some(date) = date {
                    items.push(file_item(date, &format!("{what} du {name}")));
                }
            }
        }
    }
    for ev in &case.evenements {
        let of = match ev.recours.recours() {
            Some(k) => format!(" du {}", k.name_fr()),
            None => format!(" ({})", ev.recours.label()),
        };
        let of = if ev.kind == crate::store::EventKind::Requete {
            String::new()
        } else {
            of
        };
        items.push(Item {
            date: ev.date,
            label: format!("{}{of}", ev.kind.label()),
            event: Some(ev.clone()),
        });
    }
    // Stable: file dates first on a tie, then events in recording order.
    items.sort_by_key(|i| i.date);
    items
}

fn file_item(date: NaiveDate, what: &str) -> Item {
    Item {
        date,
        label: format!("{what} (dossier)"),
        event: None,
    }
}
