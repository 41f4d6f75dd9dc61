-- The caseload: one row per followed case, its case file as it was added, and the facts the
-- deadlines are computed from; one row per recorded event. Dates are ISO AAAA-MM-JJ text, as
-- on SQLite, so that both backends share one mapping. Identity ids are never given again.
CREATE TABLE dossiers (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier       BIGINT NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    type          TEXT NOT NULL
                  CHECK (type IN ('envoi', 'reception', 'reponse', 'rejet', 'requete')),
    recours       TEXT NOT NULL,
    date          TEXT NOT NULL,
    note          TEXT,
    remplace      BIGINT REFERENCES evenements (id) ON DELETE CASCADE,
    annule        BOOLEAN NOT NULL DEFAULT FALSE,
    enregistre_le TEXT NOT NULL
);

CREATE INDEX evenements_par_dossier ON evenements (dossier, id);
