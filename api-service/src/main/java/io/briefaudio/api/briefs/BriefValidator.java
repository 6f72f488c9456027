package io.briefaudio.api.briefs;

import io.briefaudio.api.briefs.BriefViews.CreateBriefRequest;
import io.briefaudio.api.briefs.BriefViews.NewItem;
import io.briefaudio.api.config.ApiConfig;
import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ApiProblem.FieldError;
import io.briefaudio.api.problems.ProblemBodies;
import io.briefaudio.api.problems.ProblemType;
import io.briefaudio.shared.pronunciation.InvalidXmlException;
import io.briefaudio.shared.pronunciation.Ssml;
import io.briefaudio.shared.voices.Languages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a new brief against the configured limits; too much content is 413, anything else wrong is 400. */
@ApplicationScoped
public class BriefValidator {

    /** Values of an item's {@code text_format}. */
    static final List<String> TEXT_FORMATS = List.of("text", "ssml");

    private final ApiConfig.Briefs limits;

    public BriefValidator(ApiConfig config) {
        this.limits = config.briefs();
    }

    public void validate(CreateBriefRequest request) {
        if (request == null) {
            throw ApiProblem.invalid("A JSON body with a title and items is required",
                    List.of(new FieldError("(body)", "is required")));
        }
        List<FieldError> invalid = new ArrayList<>();
        List<FieldError> tooLarge = new ArrayList<>();
        checkTitle("title", request.title(), true, invalid, tooLarge);
        if (request.language() != null && !Languages.isSupported(request.language())) {
            invalid.add(new FieldError("language", "must be one of " + String.join(", ", Languages.SUPPORTED)));
        }
        List<NewItem> items = request.items() == null ? List.of() : request.items();
        if (items.size() > limits.maxItems()) {
            tooLarge.add(new FieldError("items", "has " + items.size() + " items; at most " + limits.maxItems()));
        }
        for (int i = 0; i < items.size(); i++) {
            NewItem item = items.get(i);
            String path = "items[" + i + "]";
            if (item == null) {
                invalid.add(new FieldError(path, "must be an object with text"));
                continue;
            }
            checkTitle(path + ".title", item.title(), false, invalid, tooLarge);
            if (item.text() == null || item.text().isBlank()) {
                invalid.add(new FieldError(path + ".text", "must not be empty"));
            } else if (item.text().indexOf('\0') >= 0) {
                invalid.add(new FieldError(path + ".text", "must not contain NUL characters"));
            } else if (item.text().length() > limits.maxItemChars()) {
                tooLarge.add(new FieldError(path + ".text",
                        "has " + item.text().length() + " characters; at most " + limits.maxItemChars()));
            }
            if (item.textFormat() != null && !TEXT_FORMATS.contains(item.textFormat())) {
                invalid.add(new FieldError(path + ".text_format", "must be one of " + String.join(", ", TEXT_FORMATS)));
            }
        }
        if (!invalid.isEmpty()) {
            List<FieldError> all = new ArrayList<>(invalid);
            all.addAll(tooLarge);
            throw ApiProblem.invalid("The brief is invalid: " + describe(all), all);
        }
        if (!tooLarge.isEmpty()) {
            throw new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE, "The brief is too large: " + describe(tooLarge),
                    ProblemBodies.fieldErrors(tooLarge));
        }
        for (int i = 0; i < items.size(); i++) {
            NewItem item = items.get(i);
            checkSsml("items[" + i + "].text", storedText(item), "ssml".equals(item.textFormat()));
        }
    }

    /**
     * The text as stored and narrated: stripped, and an item marked {@code "text_format": "ssml"} that does not start
     * with {@code <speak} wrapped in one, since the worker tells SSML by that start.
     */
    static String storedText(NewItem item) {
        String text = item.text().strip();
        boolean document = Ssml.isSsml(text) || text.startsWith("<?xml") || text.startsWith("<!DOCTYPE");
        return "ssml".equals(item.textFormat()) && !document ? "<speak>" + text + "</speak>" : text;
    }

    /** 400 invalid-ssml naming the element and where it starts, for SSML the worker could not speak. */
    private static void checkSsml(String field, String text, boolean declared) {
        if (!declared && !Ssml.isSsml(text)) {
            return;
        }
        try {
            Ssml.parse(text);
        } catch (InvalidXmlException e) {
            Map<String, Object> where = new LinkedHashMap<>();
            where.put("field", field);
            if (e.element() != null) {
                where.put("element", e.element());
            }
            if (e.line() > 0) {
                where.put("line", e.line());
                where.put("column", e.column());
            }
            throw new ApiProblem(ProblemType.INVALID_SSML, field + ": " + e.getMessage(), where);
        }
    }

    private void checkTitle(String field, String title, boolean required, List<FieldError> invalid,
                            List<FieldError> tooLarge) {
        if (title == null || title.isBlank()) {
            if (required) {
                invalid.add(new FieldError(field, "must not be empty"));
            }
        } else if (title.indexOf('\0') >= 0) {
            invalid.add(new FieldError(field, "must not contain NUL characters"));
        } else if (title.length() > limits.maxTitleChars()) {
            tooLarge.add(new FieldError(field, "has " + title.length() + " characters; at most " + limits.maxTitleChars()));
        }
    }

    /** The first few errors in words; the full (capped) list is in {@code errors}. */
    private static String describe(List<FieldError> errors) {
        String first = errors.stream().limit(3).map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("");
        return errors.size() > 3 ? first + "; and " + (errors.size() - 3) + " more" : first;
    }
}
