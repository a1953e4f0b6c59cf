package io.terndb.protocol.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * The value model's laws: what the writer writes the cursor reads back, the order is a consistent total order on
 * stored values (antisymmetric, transitive, equal to the original's rules on simple kinds), the stored-form
 * rewrite is idempotent, and malformed input of any shape ends in {@link MalformedMsgPackException} only.
 */
class MsgPackProperties {

    private final MsgPackOrder order = new MsgPackOrder();

    /** Random values as Java objects: Long, Double, String, byte[], Boolean, null, List, and nesting. */
    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.longs().map(v -> (Object) v),
                Arbitraries.longs().between(-40, 300).map(v -> (Object) v),
                Arbitraries.doubles().map(v -> (Object) v),
                Arbitraries.strings().ofMaxLength(40).map(v -> (Object) v),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(10).map(v -> (Object) v),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(v -> (Object) v),
                Arbitraries.just(null));
        return Arbitraries.recursive(() -> scalar,
                inner -> inner.list().ofMaxSize(5).map(list -> (Object) list), 3);
    }

    static void write(MsgPackOutput out, Object value) {
        switch (value) {
            case null -> out.writeNil();
            case Long v -> out.writeLong(v);
            case Double v -> out.writeDouble(v);
            case Boolean v -> out.writeBoolean(v);
            case String v -> {
                byte[] utf8 = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeStringHeader(utf8.length + 1);
                out.writeByte(MsgPackType.PARTICLE_STRING);
                out.writeBytes(utf8, 0, utf8.length);
            }
            case byte[] v -> {
                out.writeStringHeader(v.length + 1);
                out.writeByte(MsgPackType.PARTICLE_BLOB);
                out.writeBytes(v, 0, v.length);
            }
            case List<?> list -> {
                out.writeArrayHeader(list.size());
                for (Object item : list) {
                    write(out, item);
                }
            }
            default -> throw new IllegalArgumentException("value=" + value);
        }
    }

    static Object read(MsgPackInput in) {
        int type = in.peekType();
        return switch (type) {
            case MsgPackType.NIL -> {
                in.skipBytes(1);
                yield null;
            }
            case MsgPackType.TRUE, MsgPackType.FALSE -> in.readBoolean();
            case MsgPackType.INTEGER, MsgPackType.NEGATIVE_INTEGER -> in.readLong();
            case MsgPackType.DOUBLE -> in.readDouble();
            case MsgPackType.STRING, MsgPackType.BYTES -> {
                int length = in.readStringHeader();
                byte[] bytes = new byte[length];
                MemorySegment.copy(in.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, in.position(), bytes, 0,
                        length);
                in.skipBytes(length);
                yield bytes[0] == MsgPackType.PARTICLE_STRING
                        ? new String(bytes, 1, length - 1, java.nio.charset.StandardCharsets.UTF_8)
                        : Arrays.copyOfRange(bytes, 1, length);
            }
            case MsgPackType.LIST -> {
                int count = in.readArrayHeader();
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    list.add(read(in));
                }
                yield list;
            }
            default -> throw new AssertionError("type=" + type);
        };
    }

    private static byte[] encode(Object value) {
        MsgPackOutput out = new MsgPackOutput(8);
        write(out, value);
        return out.toByteArray();
    }

    private int compare(byte[] left, byte[] right) {
        return Integer.signum(order.compare(MemorySegment.ofArray(left), 0, left.length, MemorySegment.ofArray(right),
                0, right.length));
    }

    @Property
    void writtenValuesReadBackAndSkipToTheirEnd(@ForAll("values") Object value) {
        byte[] bytes = encode(value);
        MsgPackInput in = new MsgPackInput().wrap(MemorySegment.ofArray(bytes), 0, bytes.length);
        Object read = read(in);
        assertThat(in.position()).isEqualTo(bytes.length);
        assertThat(encode(read)).isEqualTo(bytes);
        assertThat(new MsgPackInput().wrap(MemorySegment.ofArray(bytes), 0, bytes.length).skip())
                .isEqualTo(bytes.length);
    }

    @Property
    void orderIsAntisymmetric(@ForAll("values") Object a, @ForAll("values") Object b) {
        byte[] left = encode(a);
        byte[] right = encode(b);
        assertThat(compare(left, right)).isEqualTo(-compare(right, left));
        assertThat(compare(left, left)).isZero();
    }

    @Property
    void orderIsTransitive(@ForAll("values") Object a, @ForAll("values") Object b, @ForAll("values") Object c) {
        byte[][] sorted = {encode(a), encode(b), encode(c)};
        Arrays.sort(sorted, this::compare);
        assertThat(compare(sorted[0], sorted[1])).isLessThanOrEqualTo(0);
        assertThat(compare(sorted[1], sorted[2])).isLessThanOrEqualTo(0);
        assertThat(compare(sorted[0], sorted[2])).isLessThanOrEqualTo(0);
    }

    @Property
    void integersOrderByValueAndBeforeEveryDouble(@ForAll long a, @ForAll long b, @ForAll double d) {
        assertThat(compare(encode(a), encode(b))).isEqualTo(Long.signum(Long.compare(a, b)));
        assertThat(compare(encode(a), encode(d))).isEqualTo(-1);
    }

    @Example
    void kindsOrderAsTheOriginal() {
        Object[] ascending = {null, false, true, -5L, 3L, "a", List.of(1L), new byte[] {1}, 0.5};
        for (int i = 1; i < ascending.length; i++) {
            assertThat(compare(encode(ascending[i - 1]), encode(ascending[i]))).as("index %d", i).isEqualTo(-1);
        }
        byte[] map = {(byte) 0x81, 1, 2};
        assertThat(compare(encode(List.of(9L)), map)).isEqualTo(-1);
        assertThat(compare(map, encode(new byte[] {0}))).isEqualTo(-1);
        byte[] wildcard = {(byte) 0xd4, (byte) 0xff, 0};
        byte[] infinity = {(byte) 0xd4, (byte) 0xff, 1};
        assertThat(compare(wildcard, encode("anything"))).isZero();
        assertThat(compare(encode(List.of(1L, 2L)), prefixWithWildcard())).isZero();
        assertThat(compare(encode(List.of(1L, 2L, 3L)), infinity)).isEqualTo(-1);
    }

    private static byte[] prefixWithWildcard() {
        return new byte[] {(byte) 0x92, 1, (byte) 0xd4, (byte) 0xff, 0};
    }

    @Property
    void canonicalRewriteIsIdempotentAndKeepsTheValue(@ForAll("values") Object value) {
        byte[] bytes = encode(value);
        MsgPackCanonical canonical = new MsgPackCanonical();
        MsgPackOutput once = new MsgPackOutput(8);
        canonical.rewrite(MemorySegment.ofArray(bytes), 0, bytes.length, once, false);
        MsgPackOutput twice = new MsgPackOutput(8);
        canonical.rewrite(MemorySegment.ofArray(once.toByteArray()), 0, once.length(), twice, false);
        assertThat(twice.toByteArray()).isEqualTo(once.toByteArray());
        assertThat(compare(once.toByteArray(), bytes)).isZero();
    }

    @Example
    void canonicalFormIsCompactSortsMapsAndRefusesBadValues() {
        byte[] wide = {(byte) 0x92, (byte) 0xd3, 0, 0, 0, 0, 0, 0, 0, 5, (byte) 0xc4, 2, 3, 0x61};
        assertThat(rewrite(wide)).containsExactly(0x92, 5, 0xa2, 3, 0x61);
        byte[] unsortedMap = {(byte) 0x82, 2, 0, 1, 0};
        assertThat(rewrite(unsortedMap)).containsExactly(0x82, 1, 0, 2, 0);
        assertRefused(new byte[] {(byte) 0x82, 1, 0, 1, 0}); // duplicate key
        assertRefused(new byte[] {(byte) 0x93, (byte) 0xc7, 0, 1, 2, 1}); // "ordered" but not
        assertRefused(new byte[] {(byte) 0x91, (byte) 0xd4, (byte) 0xff, 0}); // wildcard stored
        assertRefused(new byte[] {(byte) 0x81, (byte) 0x91, 1, 0}); // list as key
        assertRefused(new byte[] {1, 2}); // bytes after the value
    }

    private static int[] rewrite(byte[] bytes) {
        MsgPackOutput out = new MsgPackOutput(8);
        new MsgPackCanonical().rewrite(MemorySegment.ofArray(bytes), 0, bytes.length, out, false);
        byte[] result = out.toByteArray();
        int[] unsigned = new int[result.length];
        for (int i = 0; i < result.length; i++) {
            unsigned[i] = result[i] & 0xFF;
        }
        return unsigned;
    }

    private static void assertRefused(byte[] bytes) {
        assertThatThrownBy(() -> rewrite(bytes)).isSameAs(MalformedMsgPackException.INSTANCE);
    }

    @Property
    void truncatedOrMutatedInputFailsOnlyAsMalformed(@ForAll("values") Object value, @ForAll int cut,
            @ForAll int position, @ForAll byte replacement) {
        byte[] bytes = encode(value);
        byte[] broken = bytes.length > 1 ? Arrays.copyOf(bytes, Math.floorMod(cut, bytes.length)) : bytes.clone();
        if (bytes.length > 0 && (position & 1) == 0) {
            broken = bytes.clone();
            broken[Math.floorMod(position, bytes.length)] = replacement;
        }
        byte[] input = broken;
        MemorySegment segment = MemorySegment.ofArray(input);
        try {
            new MsgPackInput().wrap(segment, 0, input.length).skip();
            order.compare(segment, 0, input.length, segment, 0, input.length);
            new MsgPackCanonical().rewrite(segment, 0, input.length, new MsgPackOutput(8), true);
        } catch (MalformedMsgPackException expected) {
            // the one way bad input may fail
        }
    }

    @Example
    void countsThatLieAndDeepNestingAreRefusedCheaply() {
        byte[] lyingArray = {(byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1};
        assertThatThrownBy(() -> new MsgPackInput().wrap(MemorySegment.ofArray(lyingArray), 0, 6).readArrayHeader())
                .isSameAs(MalformedMsgPackException.INSTANCE);
        byte[] deep = new byte[100_000];
        Arrays.fill(deep, (byte) 0x91);
        MemorySegment segment = MemorySegment.ofArray(deep);
        assertThatThrownBy(() -> order.compare(segment, 0, deep.length, segment, 0, deep.length))
                .isSameAs(MalformedMsgPackException.INSTANCE);
        assertThatThrownBy(() -> new MsgPackCanonical().rewrite(segment, 0, deep.length, new MsgPackOutput(8), true))
                .isSameAs(MalformedMsgPackException.INSTANCE);
        assertThatThrownBy(() -> new MsgPackInput().wrap(segment, 0, deep.length).skip())
                .isSameAs(MalformedMsgPackException.INSTANCE); // truncated at the bottom, found without recursion
    }
}
