package io.briefaudio.api.http;

import io.briefaudio.api.problems.ApiProblem;
import io.briefaudio.api.problems.ProblemType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Request bodies must be well-formed UTF-8. Java's decoder, set to report, refuses what RFC 3629 forbids:
 * overlong forms, encoded surrogates, code points past U+10FFFF, stray continuation bytes. Decoders that
 * replace or skip such bytes would otherwise store text the client never sent.
 */
@Provider
public class StrictUtf8Bodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new ApiProblem(ProblemType.MALFORMED_JSON, "The request body is not valid UTF-8");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
