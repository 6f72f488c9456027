package io.briefaudio.api.lexicon;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.Caller;
import io.briefaudio.api.lexicon.LexiconViews.CreateEntryRequest;
import io.briefaudio.api.lexicon.LexiconViews.ImportResult;
import io.briefaudio.api.lexicon.LexiconViews.Phoneme;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.pronunciation.InvalidXmlException;
import io.briefaudio.shared.pronunciation.LexiconEntry;
import io.briefaudio.shared.pronunciation.Lexicons;
import io.briefaudio.shared.pronunciation.Pls;
import io.briefaudio.shared.pronunciation.SafeXml;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Imports W3C PLS 1.0 documents into the caller's lexicon and exports it as one. */
@ApplicationScoped
public class LexiconTransfer {

    /** PLS nests three levels deep; anything much deeper is an attack, not a lexicon. */
    private static final int MAX_DEPTH = 16;

    private final AgroalDataSource dataSource;
    private final LexiconConfig config;
    private final Caller caller;
    private final LexiconService lexicon;
    private final LexiconRules rules;

    public LexiconTransfer(AgroalDataSource dataSource, LexiconConfig config, Caller caller, LexiconService lexicon) {
        this.dataSource = dataSource;
        this.config = config;
        this.caller = caller;
        this.lexicon = lexicon;
        this.rules = new LexiconRules(config);
    }

    /**
     * Adds every lexeme's graphemes; an entry for a word the lexicon already has replaces its pronunciation. All or
     * nothing: one invalid lexeme refuses the document.
     */
    @Transactional
    public ImportResult importPls(byte[] body) {
        List<Pls.Entry> parsed;
        try {
            // Bodies are held to briefaudio.http.max-json-body-size before they get here; this is the parser's own cap.
            parsed = Pls.parse(new String(body, StandardCharsets.UTF_8),
                    new SafeXml.Limits(body.length + 1, MAX_DEPTH, config.maxEntries() * 10 + 100));
        } catch (InvalidXmlException e) {
            Map<String, Object> where = new HashMap<>();
            if (e.line() > 0) {
                where.put("line", e.line());
                where.put("column", e.column());
            }
            if (e.element() != null) {
                where.put("element", e.element());
            }
            throw new ApiProblem(ProblemType.INVALID_PLS, "The lexicon could not be read: " + e.getMessage(), where);
        }
        if (parsed.isEmpty()) {
            throw new ApiProblem(ProblemType.INVALID_PLS, "The lexicon has no <lexeme>");
        }
        if (parsed.size() > config.maxEntries()) {
            lexicon.requireRoom(0, parsed.size());
        }
        List<LexiconEntry> entries = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            Pls.Entry e = parsed.get(i);
            CreateEntryRequest request = new CreateEntryRequest(e.grapheme(), e.alias(),
                    e.phoneme() == null ? null : new Phoneme(e.alphabet(), e.phoneme()), e.caseSensitive(),
                    e.language() == null ? LexiconService.ANY_LANGUAGE : e.language());
            entries.add(rules.entry(request, "lexeme[" + i + "] (line " + e.line() + ").", errors));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The lexicon has invalid entries: " + LexiconRules.describe(errors), errors);
        }
        long tenant = caller.tenantId();
        try (Connection c = dataSource.getConnection()) {
            Lexicons.lockTenant(c, tenant);
            int added = Lexicons.countNew(c, tenant, entries);
            lexicon.requireRoom(Lexicons.count(c, tenant), added);
            for (LexiconEntry entry : entries) {
                Lexicons.upsert(c, tenant, entry);
            }
            int distinct = (int) entries.stream().map(LexiconEntry::matchKey).distinct().count();
            return new ImportResult(added, distinct - added);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot import lexicon", e);
        }
    }

    public String exportPls() {
        try (Connection c = dataSource.getConnection()) {
            return Pls.write(Lexicons.all(c, caller.tenantId()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read lexicon", e);
        }
    }
}
