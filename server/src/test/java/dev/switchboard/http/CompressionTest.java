package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large JSON answers are gzipped for clients that accept it, and only for them. */
class CompressionTest {
    @TempDir
    Path data;

    @Test
    void aLargeJsonAnswer_isGzippedWhenTheClientAcceptsIt() throws Exception {
        try (TestServer server = TestServer.sqlite(data, Map.of())) {
            String admin = server.createTenant("gz");
            HttpClient client = HttpClient.newHttpClient();

            HttpResponse<byte[]> gzipped =
                    client.send(policy(server, admin, "gzip"), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> plain =
                    client.send(policy(server, admin, null), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(plain.body().length).isGreaterThan(1500); // above the size worth compressing
            assertThat(gzipped.statusCode()).isEqualTo(200);
            assertThat(gzipped.headers().firstValue("Content-Type").orElseThrow())
                    .isEqualToIgnoringWhitespace(Json.CONTENT_TYPE);
            assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
            assertThat(gzipped.body().length).isLessThan(plain.body().length);
            byte[] unzipped;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
                unzipped = in.readAllBytes();
            }
            ObjectMapper json = new ObjectMapper();
            assertThat(json.readTree(new String(unzipped, StandardCharsets.UTF_8)))
                    .isEqualTo(json.readTree(new String(plain.body(), StandardCharsets.UTF_8)));
        }
    }

    private static HttpRequest policy(TestServer server, String token, String acceptEncoding) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.uri("/v1/policy")).header("Authorization", "Bearer " + token);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return request.build();
    }
}
