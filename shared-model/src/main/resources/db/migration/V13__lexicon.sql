-- Pronunciation lexicons (issue 28): each tenant's corrections for names, acronyms and places. An entry says how
-- a written word (grapheme) is spoken: as other text (alias), as IPA (phoneme), or both (the alias is what
-- engines that cannot take IPA speak). language NULL means every language.
CREATE TABLE lexicon_entry (
    id                bigserial     PRIMARY KEY,
    tenant_id         bigint        NOT NULL REFERENCES tenant (id),
    grapheme          text          NOT NULL CHECK (length(grapheme) BETWEEN 1 AND 1000),
    alias             text          CHECK (length(alias) BETWEEN 1 AND 1000),
    phoneme_alphabet  varchar(20)   CHECK (phoneme_alphabet IN ('ipa')),
    phoneme           text          CHECK (length(phoneme) BETWEEN 1 AND 1000),
    case_sensitive    boolean       NOT NULL DEFAULT false,
    language          varchar(10),
    created_at        timestamptz   NOT NULL DEFAULT now(),
    CHECK (alias IS NOT NULL OR phoneme IS NOT NULL),
    CHECK ((phoneme IS NULL) = (phoneme_alphabet IS NULL))
);
-- One entry per word as it is matched: "NATO" and "nato" are the same word unless the entry is case-sensitive.
CREATE UNIQUE INDEX lexicon_entry_word ON lexicon_entry (tenant_id,
    (CASE WHEN case_sensitive THEN grapheme ELSE lower(grapheme) END), case_sensitive, coalesce(language, ''));
CREATE INDEX lexicon_entry_tenant ON lexicon_entry (tenant_id, id);
