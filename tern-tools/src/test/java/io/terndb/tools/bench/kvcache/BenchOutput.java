package io.terndb.tools.bench.kvcache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code result} lines of a {@code tern bench kvcache} run, one map of fields per phase. */
record BenchOutput(int exitCode, String text) {

    Map<String, String> result(String phase) {
        List<Map<String, String>> matching = text.lines().filter(line -> line.startsWith("result "))
                .map(BenchOutput::fields).filter(fields -> phase.equals(fields.get("phase"))).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one result line for phase " + phase + " in:\n" + text);
        }
        return matching.getFirst();
    }

    long number(String phase, String field) {
        return Long.parseLong(result(phase).get(field));
    }

    double decimal(String phase, String field) {
        return Double.parseDouble(result(phase).get(field));
    }

    private static Map<String, String> fields(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : line.substring("result ".length()).split(" ")) {
            int equals = pair.indexOf('=');
            fields.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return fields;
    }
}
