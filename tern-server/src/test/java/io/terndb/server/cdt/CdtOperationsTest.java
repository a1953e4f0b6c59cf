package io.terndb.server.cdt;

import static io.terndb.server.cdt.CdtCodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ResultCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One behaviour of the original per test, op family by op family, driven through {@link CdtOperations}. */
class CdtOperationsTest {

    private ListBin bin;

    @BeforeEach
    void setUp() {
        bin = new ListBin();
        bin.set(List.of(4L, 3L, 1L, 5L, 2L));
    }

    @Test
    void reverseIndexesOfARangeAscendButThoseOfAValueScanDescend() {
        assertThat(bin.read(ListBin.program(LIST_GET_BY_INDEX_RANGE, RETURN_REVERSE_INDEX, 1, 2))).isZero();
        assertThat(bin.result).isEqualTo(List.of(2L, 3L));
        assertThat(bin.read(ListBin.program(LIST_GET_BY_VALUE_INTERVAL, RETURN_REVERSE_INDEX, 3, 10))).isZero();
        assertThat(bin.result).isEqualTo(List.of(4L, 3L, 1L)); // elements 4, 3 and 5, in element order
    }

    @Test
    void invertedMiddleRangeIsATrimAnswer() {
        assertThat(bin.modify(ListBin.program(LIST_REMOVE_BY_INDEX_RANGE, RETURN_INDEX | RETURN_INVERTED, 1, 2)))
                .isZero();
        assertThat(bin.result).isEqualTo(List.of(0L, 3L, 4L));
        assertThat(bin.contents()).isEqualTo(List.of(3L, 1L));
    }

    @Test
    void ranksOfEqualValuesAreShared() {
        bin.set(List.of(3L, 3L, 1L));
        assertThat(bin.read(ListBin.program(LIST_GET_BY_INDEX_RANGE, RETURN_RANK, 0, 2))).isZero();
        assertThat(bin.result).isEqualTo(List.of(1L, 1L));
    }

    @Test
    void valueListRanksFollowTheRequestedItems() {
        assertThat(bin.read(ListBin.program(LIST_GET_ALL_BY_VALUE_LIST, RETURN_RANK, List.of(5L, 1L, 9L)))).isZero();
        assertThat(bin.result).isEqualTo(List.of(4L, 0L));
    }

    @Test
    void setTypeOrderedSortsAndAppendKeepsOrder() {
        assertThat(bin.modify(ListBin.program(LIST_SET_TYPE, 1))).isZero();
        assertThat(bin.modify(ListBin.program(LIST_APPEND, 0))).isZero();
        assertThat(bin.result).isEqualTo(6L);
        assertThat(bin.contents()).isEqualTo(List.of(0L, 1L, 2L, 3L, 4L, 5L));
        assertThat(bin.ordered()).isTrue();
        assertThat(bin.modify(ListBin.program(LIST_SET, 0, 9))).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void wrongKindsOfOpsAndValues() {
        assertThat(bin.modify(ListBin.program(LIST_SIZE))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(bin.read(ListBin.program(LIST_APPEND, 1))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(bin.read(ListBin.program(96))).isEqualTo(ResultCode.UNSUPPORTED_FEATURE);
        assertThat(bin.modify(ListBin.program(LIST_APPEND))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(bin.modify(ListBin.program(LIST_APPEND, 1, 0, 0, 0))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(bin.modify(ListBin.program(14))).isEqualTo(ResultCode.PARAMETER_ERROR);
        bin.set(List.of("s"));
        assertThat(bin.modify(ListBin.program(LIST_INCREMENT, 0, 1))).isEqualTo(ResultCode.PARAMETER_ERROR);
        bin.value = null;
        bin.particleType = ParticleType.NULL;
        assertThat(bin.modify(ListBin.program(LIST_SORT, 0))).isEqualTo(ResultCode.BIN_TYPE_ERROR);
        assertThat(bin.modify(ListBin.program(LIST_POP, 0))).isZero();
        assertThat(bin.value).isNull();
    }

    @Test
    void malformedStoredListIsAParameterErrorNotAnException() {
        bin.value = new byte[] {(byte) 0x95, 1, 2};
        bin.particleType = ParticleType.LIST;
        assertThat(bin.read(ListBin.program(LIST_SIZE))).isEqualTo(ResultCode.PARAMETER_ERROR);
        bin.value = new byte[] {(byte) 0x81, 1};
        bin.particleType = ParticleType.MAP;
        assertThat(bin.read(ListBin.nested(List.of(0x22, 1L), LIST_SIZE))).isEqualTo(ResultCode.PARAMETER_ERROR);
    }

    @Test
    void mapContextsFindByKeyIndexRankAndValue() {
        ListBin map = new ListBin();
        map.value = mapBytes();
        map.particleType = ParticleType.MAP;
        assertThat(map.read(ListBin.nested(List.of(0x22, "b"), LIST_SIZE))).isZero();
        assertThat(map.result).isEqualTo(1L);
        assertThat(map.read(ListBin.nested(List.of(0x20, 0L), LIST_SIZE))).isZero(); // index = key order: "a"
        assertThat(map.result).isEqualTo(2L);
        assertThat(map.read(ListBin.nested(List.of(0x21, -1L), LIST_SIZE))).isZero(); // highest value: [9]
        assertThat(map.result).isEqualTo(1L);
        assertThat(map.read(ListBin.nested(List.of(0x23, List.of(9L)), LIST_SIZE))).isZero();
        assertThat(map.result).isEqualTo(1L);
        assertThat(map.read(ListBin.nested(List.of(0x22, "z"), LIST_SIZE))).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(map.modify(ListBin.nested(List.of(0x22 | 0x80, "c"), LIST_APPEND, 1L))).isZero();
        assertThat(map.contents()).isEqualTo(Map.of("b", List.of(9L), "a", List.of(1L, 2L), "c", List.of(1L)));
    }

    /** {"b": [9], "a": [1, 2]}: stored unordered, "b" first. */
    private static byte[] mapBytes() {
        io.terndb.protocol.msgpack.MsgPackOutput out = new io.terndb.protocol.msgpack.MsgPackOutput(16);
        out.writeMapHeader(2);
        ListBin.write(out, "b");
        ListBin.write(out, List.of(9L));
        ListBin.write(out, "a");
        ListBin.write(out, List.of(1L, 2L));
        return out.toByteArray();
    }

    @Test
    void createContextOnAMissingBinBuildsEveryLevel() {
        bin.value = null;
        bin.particleType = ParticleType.NULL;
        assertThat(bin.modify(ListBin.nested(List.of(0x10 | 0xc0, 0L, 0x22 | 0x40, "k"), LIST_APPEND, 7L)))
                .isZero();
        assertThat(bin.particleType).isEqualTo(ParticleType.LIST);
        assertThat(bin.ordered()).isTrue();
        assertThat(bin.contents()).isEqualTo(List.of(Map.of("k", List.of(7L))));
        assertThat(bin.read(ListBin.nested(List.of(0x10 | 0x40, 5L), LIST_SIZE)))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void changingAnElementOfAnOrderedListMovesIt() {
        bin.set(List.of(List.of(1L), List.of(5L), List.of(9L)));
        bin.modify(ListBin.program(LIST_SET_TYPE, 1));
        assertThat(bin.modify(ListBin.nested(List.of(0x10, 0L), LIST_APPEND, 7L))).isZero();
        assertThat(bin.contents()).isEqualTo(List.of(List.of(1L, 7L), List.of(5L), List.of(9L)));
        assertThat(bin.modify(ListBin.nested(List.of(0x10, 0L), LIST_SET, 0, 6L))).isZero();
        assertThat(bin.contents()).isEqualTo(List.of(List.of(5L), List.of(6L, 7L), List.of(9L)));
    }
}
