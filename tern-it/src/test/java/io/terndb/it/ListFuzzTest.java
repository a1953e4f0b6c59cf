package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListOrder;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.cdt.ListWriteFlags;
import io.terndb.testkit.AsMsgBuilder;
import io.terndb.testkit.AsMsgLayout;
import io.terndb.testkit.AsMsgReply;
import io.terndb.testkit.ProtoFrame;
import io.terndb.testkit.RawConnection;
import io.terndb.testkit.SeededRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random and mutated list-op programs sent over the wire: every request gets a reply with a result code, a refused
 * op leaves the record exactly as it was (value and generation), and the server keeps serving. Programs start as
 * the official client encodes them and are then cut, flipped, stuffed with lying counts or replaced by noise.
 */
class ListFuzzTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private static final int ITERATIONS = 1500;
    private static final Duration REPLY_WAIT = Duration.ofSeconds(5);
    private static final String BIN = "l";
    private static final int OP_CDT_READ = 3;
    private static final int OP_CDT_MODIFY = 4;

    private static final Operation[] TEMPLATES = {
        ListOperation.append(BIN, Value.get(5)),
        ListOperation.appendItems(new ListPolicy(ListOrder.ORDERED, ListWriteFlags.ADD_UNIQUE), BIN,
                List.of(Value.get(1), Value.get("x"))),
        ListOperation.insert(BIN, 1, Value.get(List.of(1, 2))),
        ListOperation.pop(BIN, 0),
        ListOperation.removeRange(BIN, 1, 2),
        ListOperation.set(BIN, 2, Value.get(Map.of("k", 1))),
        ListOperation.trim(BIN, 0, 3),
        ListOperation.increment(BIN, 0, Value.get(2)),
        ListOperation.sort(BIN, 0),
        ListOperation.size(BIN),
        ListOperation.getRange(BIN, 0, 2),
        ListOperation.getByValueRange(BIN, Value.get(0), Value.INFINITY, ListReturnType.INDEX),
        ListOperation.getByRankRange(BIN, 0, 2, ListReturnType.VALUE | ListReturnType.INVERTED),
        ListOperation.removeByValueList(BIN, List.of(Value.get(1), Value.get(3)), ListReturnType.RANK),
        ListOperation.getByValueRelativeRankRange(BIN, Value.get(2), -1, ListReturnType.COUNT),
        ListOperation.append(BIN, Value.get(7), CTX.listIndex(1)),
        ListOperation.size(BIN, CTX.listIndexCreate(0, ListOrder.ORDERED, false)),
        ListOperation.append(BIN, Value.get(1), CTX.mapKeyCreate(Value.get("a"),
                com.aerospike.client.cdt.MapOrder.KEY_ORDERED), CTX.listIndex(0)),
    };

    @Test
    void mutatedListProgramsGetAResultCodeAndLeaveRefusedRecordsUnchanged() throws Exception {
        SeededRandom random = SeededRandom.create("ListFuzzTest");
        AerospikeClient client = SERVER.client();
        Key key = new Key("test", "list-fuzz", "k");
        client.put(null, key, new Bin(BIN, List.of(1, 2, List.of(3, 4), "s", 2.5)));
        Record before = client.get(null, key);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] program = program(random);
            int opType = random.nextInt(4) == 0 ? OP_CDT_READ + OP_CDT_MODIFY - opTypeOf(program) : opTypeOf(program);
            byte[] request = AsMsgBuilder.request()
                    .info1(opType == OP_CDT_READ ? AsMsgLayout.INFO1_READ : 0)
                    .info2(opType == OP_CDT_MODIFY ? AsMsgLayout.INFO2_WRITE : 0)
                    .namespace("test").set("list-fuzz").digest(key.digest)
                    .op(opType, AsMsgLayout.PARTICLE_BLOB, BIN, program)
                    .build();
            int code = send(request, random);
            Record after = client.get(null, key);
            if (code != 0) {
                assertThat(after.generation).as("generation after code %d, %s", code, random.reproduceHint())
                        .isEqualTo(before.generation);
                assertThat(comparable(after.bins)).as("bins after code %d, %s", code, random.reproduceHint())
                        .isEqualTo(comparable(before.bins));
            }
            if (after == null || after.getList(BIN) == null || after.getList(BIN).size() > 200) {
                client.put(null, key, new Bin(BIN, List.of(1, 2, List.of(3, 4), "s", 2.5)));
                after = client.get(null, key);
            }
            before = after;
        }
        assertThat(SERVER.server().isAlive()).isTrue();
        assertThat(client.operate(null, key, ListOperation.size(BIN)).getLong(BIN)).isNotNegative();
    }

    /** The value with byte arrays as hex, so that equal contents compare equal. */
    private static Object comparable(Object value) {
        return switch (value) {
            case byte[] bytes -> java.util.HexFormat.of().formatHex(bytes);
            case List<?> list -> list.stream().map(ListFuzzTest::comparable).toList();
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new java.util.HashMap<>();
                map.forEach((k, v) -> copy.put(comparable(k), comparable(v)));
                yield copy;
            }
            case null -> "nil";
            default -> value;
        };
    }

    private static int opTypeOf(byte[] program) {
        return program.length > 0 && program.length % 7 == 3 ? OP_CDT_READ : OP_CDT_MODIFY;
    }

    private static byte[] program(SeededRandom random) {
        Operation template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        byte[] program = ((byte[]) template.value.getObject()).clone();
        switch (random.nextInt(6)) {
            case 0 -> {
                return program; // as the client sends it
            }
            case 1 -> {
                return java.util.Arrays.copyOf(program, random.nextInt(program.length));
            }
            case 2 -> {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    program[random.nextInt(program.length)] = (byte) random.nextInt(256);
                }
                return program;
            }
            case 3 -> {
                int at = random.nextInt(program.length);
                program[at] = (byte) (random.nextBoolean() ? 0xdd : 0xdf); // a count that lies
                return program;
            }
            case 4 -> {
                byte[] deep = new byte[1 + random.nextInt(5000)];
                java.util.Arrays.fill(deep, (byte) 0x91);
                deep[0] = (byte) 0x92;
                return concat(new byte[] {(byte) 0x92, 1}, deep);
            }
            default -> {
                byte[] noise = new byte[1 + random.nextInt(40)];
                random.nextBytes(noise);
                return noise;
            }
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static int send(byte[] request, SeededRandom random) throws Exception {
        try (RawConnection connection = RawConnection.open(SERVER.port())) {
            connection.send(request);
            Optional<ProtoFrame> reply = connection.readFrameOrClosed(REPLY_WAIT);
            assertThat(reply).as("a reply, %s", random.reproduceHint()).isPresent();
            return AsMsgReply.parse(reply.get()).resultCode();
        }
    }
}
