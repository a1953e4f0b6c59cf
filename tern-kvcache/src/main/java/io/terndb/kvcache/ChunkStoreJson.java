package io.terndb.kvcache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Parses the JSON form of LMCache's adapter configuration, e.g.
 * {@code {"type": "aerospike", "hosts": "127.0.0.1:3000", "namespace": "lmcache", "num_workers": 8}}.
 * Unknown fields are refused so a misspelt setting is not silently left at its default. Besides LMCache's
 * fields, TernDB's extensions are read: {@code load_deadline_ms}, {@code max_inflight_bytes},
 * {@code pin_lease_ms}, {@code usage_refresh_ms}, {@code orphan_sweep_ms}, {@code orphan_grace_ms}.
 */
public final class ChunkStoreJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChunkStoreJson() {
    }

    public static ChunkStoreConfig parse(String json) {
        return parse(json, System.getenv());
    }

    /** As {@link #parse(String)}, with the environment the fallbacks are read from. */
    public static ChunkStoreConfig parse(String json, Map<String, String> environment) {
        JsonNode root = readTree(json);
        ChunkStoreConfig.require(root.isObject(), "config=" + json + " must be a JSON object");
        ChunkStoreConfig.Builder builder = ChunkStoreConfig.builder().environment(environment);
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            apply(builder, field.getKey(), field.getValue());
        }
        return builder.build();
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config=" + json + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void apply(ChunkStoreConfig.Builder builder, String name, JsonNode value) {
        switch (name) {
            case "type" -> ChunkStoreConfig.require("aerospike".equals(text(name, value)),
                    "type=" + value + " must be \"aerospike\"");
            case "hosts" -> builder.hosts(text(name, value));
            case "namespace" -> builder.namespace(text(name, value));
            case "set_name", "set" -> builder.setName(text(name, value));
            case "num_workers" -> builder.numWorkers(Math.toIntExact(integer(name, value)));
            case "read_timeout_ms" -> builder.readTimeoutMs(integer(name, value));
            case "write_timeout_ms" -> builder.writeTimeoutMs(integer(name, value));
            case "default_ttl_seconds" -> builder.defaultTtlSeconds(Math.toIntExact(integer(name, value)));
            case "target_segment_bytes" -> builder.targetSegmentBytes(integer(name, value));
            case "max_record_bytes" -> builder.maxRecordBytes(integer(name, value));
            case "username" -> builder.username(text(name, value));
            case "password" -> builder.password(text(name, value));
            case "max_capacity_gb" -> builder.maxCapacityGb(number(name, value));
            case "load_deadline_ms" -> builder.loadDeadlineMs(integer(name, value));
            case "max_inflight_bytes" -> builder.maxInflightBytes(longInteger(name, value));
            case "pin_lease_ms" -> builder.pinLeaseMs(integer(name, value));
            case "usage_refresh_ms" -> builder.usageRefreshMs(integer(name, value));
            case "orphan_sweep_ms" -> builder.orphanSweepMs(integer(name, value));
            case "orphan_grace_ms" -> builder.orphanGraceMs(integer(name, value));
            default -> throw new IllegalArgumentException(name + "=" + value + " is not a known setting");
        }
    }

    /** JSON null counts as empty, so it falls back to the environment like an empty string. */
    private static String text(String name, JsonNode value) {
        if (value.isNull()) {
            return "";
        }
        ChunkStoreConfig.require(value.isTextual(), name + "=" + value + " must be a string");
        return value.textValue();
    }

    private static long integer(String name, JsonNode value) {
        ChunkStoreConfig.require(value.isIntegralNumber() && value.canConvertToInt(),
                name + "=" + value + " must be an integer");
        return value.longValue();
    }

    private static long longInteger(String name, JsonNode value) {
        ChunkStoreConfig.require(value.isIntegralNumber() && value.canConvertToLong(),
                name + "=" + value + " must be an integer");
        return value.longValue();
    }

    private static double number(String name, JsonNode value) {
        ChunkStoreConfig.require(value.isNumber(), name + "=" + value + " must be a number");
        return value.doubleValue();
    }
}
