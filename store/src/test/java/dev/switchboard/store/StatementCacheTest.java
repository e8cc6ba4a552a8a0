package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
    @TempDir
    Path folder;

    @Test
    void keepsOneStatementPerConnection_andDropsThoseOfClosedConnections() throws Exception {
        StatementCache cache = new StatementCache("SELECT ? + 1");
        String url = "jdbc:sqlite:" + folder.resolve("cache.db");
        try (Connection first = DriverManager.getConnection(url);
                Connection second = DriverManager.getConnection(url)) {
            PreparedStatement onFirst = cache.on(first);
            assertThat(cache.on(first)).isSameAs(onFirst);
            assertThat(run(onFirst, 41)).isEqualTo(42);
            assertThat(run(cache.on(first), 1)).isEqualTo(2);

            PreparedStatement onSecond = cache.on(second);
            assertThat(onSecond).isNotSameAs(onFirst);
            assertThat(cache.size()).isEqualTo(2);

            first.close();
            try (Connection third = DriverManager.getConnection(url)) {
                assertThat(run(cache.on(third), 9)).isEqualTo(10);
                assertThat(cache.size()).isEqualTo(2);
                assertThat(cache.on(second)).isSameAs(onSecond);
            }
        }
    }

    private static int run(PreparedStatement statement, int value) throws Exception {
        statement.setInt(1, value);
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
