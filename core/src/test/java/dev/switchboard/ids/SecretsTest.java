package dev.switchboard.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void sha256_isTheStandardDigestOfTheUtf8Text() {
        // FIPS 180-2's example, and a text whose UTF-8 has two- and three-byte characters.
        assertThat(Secrets.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Secrets.sha256Hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Secrets.sha256Hex("مرحبا 你好"))
                .isEqualTo("dee9758da37af2df3421353e1142723413c6f1c5a7ec03d44c5cb0982f74168d");
    }

    @Test
    void sha256_givesEveryThreadTheSameDigests() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add("sk_" + i + "_" + "密钥".repeat(i % 7));
        }
        List<String> expected = texts.stream().map(Secrets::sha256Hex).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    List<String> hashes = new ArrayList<>();
                    for (int round = 0; round < 50; round++) {
                        hashes.clear();
                        texts.forEach(text -> hashes.add(Secrets.sha256Hex(text)));
                    }
                    return hashes;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
    }
}
