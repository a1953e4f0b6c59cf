package io.terndb.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Splits info values such as {@code a=1;b=2} and {@code ns=test:set=s:objects=3;...} into maps. */
final class InfoValues {

    private InfoValues() {
    }

    /** {@code k=v<separator>k=v...} → map; an entry without {@code =} maps to the empty string. */
    static Map<String, String> keyValues(String text, char separator) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String entry : text.split(Pattern.quote(String.valueOf(separator)))) {
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                values.put(entry, "");
            } else {
                values.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return values;
    }

    /** {@code k=v:k=v;k=v:k=v;} → one map per {@code ;}-separated record. */
    static List<Map<String, String>> records(String text) {
        List<Map<String, String>> records = new ArrayList<>();
        for (String record : text.split(";")) {
            if (!record.isEmpty()) {
                records.add(keyValues(record, ':'));
            }
        }
        return records;
    }
}
