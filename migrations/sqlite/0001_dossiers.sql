-- The caseload: one row per followed case, its case file as it was added, and the facts the
-- deadlines are computed from; one row per recorded event. Dates are ISO AAAA-MM-JJ text.
-- AUTOINCREMENT: an id is never given again after a deletion, so a forgotten person's number
-- never comes to name someone else.
CREATE TABLE dossiers (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    nom       TEXT NOT NULL,
    recours   TEXT NOT NULL,
    source    TEXT NOT NULL,
    format    TEXT NOT NULL CHECK (format IN ('toml', 'json')),
    cas       TEXT NOT NULL,
    -- MD5 of `cas`: the same case file (or batch row) added twice is one case.
    empreinte TEXT NOT NULL UNIQUE,
    faits     TEXT NOT NULL,
    ajoute_le TEXT NOT NULL
);

CREATE TABLE evenements (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier       INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    type          TEXT NOT NULL
                  CHECK (type IN ('envoi', 'reception', 'reponse', 'rejet', 'requete')),
    recours       TEXT NOT NULL,
    date          TEXT NOT NULL,
    note          TEXT,
    remplace      INTEGER REFERENCES evenements (id) ON DELETE CASCADE,
    annule        INTEGER NOT NULL DEFAULT 0 CHECK (annule IN (0, 1)),
    enregistre_le TEXT NOT NULL
);

CREATE INDEX evenements_par_dossier ON evenements (dossier, id);
