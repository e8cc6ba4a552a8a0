package dev.switchboard.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The rows of a JMH JSON result file ({@code -rf json}), in the order JMH ran them. */
public record JmhResults(List<Row> rows) {
    /**
     * One benchmark with one set of parameters: its short name, parameters, unit, mean, percentiles (sample-time mode)
     * and normalized allocation per operation when the GC profiler ran ({@code NaN} otherwise).
     */
    public record Row(
            String benchmark,
            Map<String, String> params,
            String unit,
            double mean,
            double p50,
            double p90,
            double p99,
            double allocBytesPerOp) {
        public String param(String name) {
            return params.getOrDefault(name, "");
        }
    }

    public static JmhResults read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static JmhResults parse(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<Row> rows = new ArrayList<>();
        for (JsonNode run : root) {
            String name = run.path("benchmark").asText();
            Map<String, String> params = new LinkedHashMap<>();
            run.path("params")
                    .properties()
                    .forEach(p -> params.put(p.getKey(), p.getValue().asText()));
            JsonNode metric = run.path("primaryMetric");
            JsonNode percentiles = metric.path("scorePercentiles");
            JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
            if (alloc.isMissingNode()) {
                alloc = run.path("secondaryMetrics").path("·gc.alloc.rate.norm");
            }
            rows.add(new Row(
                    name.substring(name.lastIndexOf('.') + 1),
                    params,
                    metric.path("scoreUnit").asText(),
                    metric.path("score").asDouble(),
                    percentiles.path("50.0").asDouble(Double.NaN),
                    percentiles.path("90.0").asDouble(Double.NaN),
                    percentiles.path("99.0").asDouble(Double.NaN),
                    alloc.path("score").asDouble(Double.NaN)));
        }
        return new JmhResults(List.copyOf(rows));
    }

    public List<Row> where(Predicate<Row> filter) {
        return rows.stream().filter(filter).toList();
    }

    public Optional<Row> find(String benchmark, Map<String, String> params) {
        return rows.stream()
                .filter(r -> r.benchmark().equals(benchmark))
                .filter(r ->
                        params.entrySet().stream().allMatch(e -> e.getValue().equals(r.param(e.getKey()))))
                .findFirst();
    }
}
