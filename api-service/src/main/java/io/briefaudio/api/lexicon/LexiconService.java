package io.briefaudio.api.lexicon;

import io.agroal.api.AgroalDataSource;
import io.briefaudio.api.access.Caller;
import io.briefaudio.api.lexicon.LexiconViews.CreateEntryRequest;
import io.briefaudio.api.lexicon.LexiconViews.EntryPage;
import io.briefaudio.api.lexicon.LexiconViews.EntryView;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.api.problems.ProblemBodies;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.pronunciation.LexiconEntry;
import io.briefaudio.shared.pronunciation.Lexicons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Each tenant's pronunciation lexicon: add, list, delete; {@link LexiconTransfer} imports and exports PLS. */
@ApplicationScoped
public class LexiconService {

    /** The {@code language} of an entry that applies whatever the brief's language. */
    public static final String ANY_LANGUAGE = "any";

    private final AgroalDataSource dataSource;
    private final LexiconConfig config;
    private final Caller caller;
    private final LexiconRules rules;

    public LexiconService(AgroalDataSource dataSource, LexiconConfig config, Caller caller) {
        this.dataSource = dataSource;
        this.config = config;
        this.caller = caller;
        this.rules = new LexiconRules(config);
    }

    @Transactional
    public EntryView create(CreateEntryRequest request) {
        if (request == null) {
            throw ApiProblem.invalid("A JSON body with a grapheme and an alias or a phoneme is required",
                    List.of(new FieldError("(body)", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        LexiconEntry entry = rules.entry(request, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid("The entry is invalid: " + LexiconRules.describe(errors), errors);
        }
        long tenant = caller.tenantId();
        try (Connection c = dataSource.getConnection()) {
            Lexicons.lockTenant(c, tenant);
            requireRoom(Lexicons.count(c, tenant), 1);
            LexiconEntry stored = Lexicons.insert(c, tenant, entry).orElseThrow(() -> new ApiProblem(ProblemType.CONFLICT,
                    "The lexicon already has an entry for '" + entry.grapheme() + "' in "
                            + (entry.language() == null ? "any language" : "language " + entry.language())
                            + "; delete it first to change it"));
            return EntryView.of(stored);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store lexicon entry", e);
        }
    }

    public EntryPage list(int page, int size) {
        long tenant = caller.tenantId();
        try (Connection c = dataSource.getConnection()) {
            List<EntryView> entries = Lexicons.page(c, tenant, page, size).stream().map(EntryView::of).toList();
            return new EntryPage(entries, page, size, Lexicons.count(c, tenant));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read lexicon", e);
        }
    }

    public void delete(long id) {
        try (Connection c = dataSource.getConnection()) {
            if (!Lexicons.delete(c, caller.tenantId(), id)) {
                throw ApiProblem.notFound("Lexicon entry", id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete lexicon entry " + id, e);
        }
    }

    /** 413 when {@code adding} more entries would take the tenant past the limit. */
    void requireRoom(long existing, int adding) {
        if (existing + adding > config.maxEntries()) {
            List<FieldError> errors = List.of(new FieldError("(lexicon)", "holds " + existing + " entries; adding "
                    + adding + " would pass the limit of " + config.maxEntries()));
            throw new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE, "The lexicon would hold more than "
                    + config.maxEntries() + " entries (it has " + existing + ", adding " + adding + ")",
                    ProblemBodies.fieldErrors(errors));
        }
    }
}
