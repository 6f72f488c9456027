package io.briefaudio.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Creates briefs through the API for tests. */
public final class Briefs {

    private Briefs() {
    }

    public static long create(int items) {
        return create(items, "en");
    }

    /** A brief of {@code items} items written in {@code language}. */
    public static long create(int items, String language) {
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            list.add(Map.of("title", "Item " + i, "text", "Story number " + i + " of the day."));
        }
        return given().contentType(ContentType.JSON)
                .body(Map.of("title", "Morning brief", "language", language, "items", list))
                .post("/api/briefs")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }
}
