//! Every followed case's next step, soonest first: `recours suivi echeances`, the CSV export
//! and the web page's list share this one list.

use chrono::NaiveDate;

use super::{NextStep, status};
use crate::case::LetterKind;
use crate::store::{CaseId, Store, StoreError};

/// One case in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaEntry {
    /// Its number.
    pub id: CaseId,
    /// Whose case.
    pub nom: String,
    /// Its letter.
    pub recours: LetterKind,
    /// Where it came from.
    pub source: String,
    /// The next step, `Ok(None)` when nothing is due any more, or why the dates cannot be
    /// computed (in French).
    pub next: Result<Option<NextStep>, String>,
    /// The day the requête was filed, when it was.
    pub requete: Option<NaiveDate>,
    /// The four limits (A, B, C, one year), as recomputed, for exports.
    pub limites: [Option<NaiveDate>; 4],
    /// Live events.
    pub evenements: usize,
}

/// Every case's next step on `as_of`, soonest first; then the cases with nothing due, then
/// those whose dates cannot be computed. With `avant`, only steps due by that day (inclusive)
/// and the cases in error are kept.
pub fn agenda(
    store: &mut dyn Store,
    as_of: NaiveDate,
    avant: Option<NaiveDate>,
) -> Result<Vec<AgendaEntry>, StoreError> {
    let mut out = Vec::new();
    store.for_each_case(&mut |case| {
        let (next, requete, limites) = match status(&case, as_of) {
            Ok(s) => {
                let d = &s.deadlines;
                let date = |x: &Option<crate::deadlines::Deadline>| x.as_ref().map(|x| x.date);
                let limites = [
                    date(&d.recours_administratif),
                    date(&d.rejet_implicite),
                    date(&d.tribunal),
                    date(&d.czabaj),
                ];
                (Ok(s.next), s.requete, limites)
            }
            Err(e) => (Err(e.to_string()), None, [None; 4]),
        };
        let keep = match (&next, avant) {
            (_, None) | (Err(_), _) => true,
            (Ok(Some(n)), Some(limit)) => n.date <= limit,
            (Ok(None), Some(_)) => false,
        };
        if keep {
            out.push(AgendaEntry {
                id: case.id,
                nom: case.nom,
                recours: case.recours,
                source: case.source,
                evenements: case.evenements.iter().filter(|e| !e.annule).count(),
                next,
                requete,
                limites,
            });
        }
        Ok(())
    })?;
    out.sort_by_key(|e| match &e.next {
        Ok(Some(n)) => (0, Some(n.date), e.id),
        Ok(None) => (1, None, e.id),
        Err(_) => (2, None, e.id),
    });
    Ok(out)
}
