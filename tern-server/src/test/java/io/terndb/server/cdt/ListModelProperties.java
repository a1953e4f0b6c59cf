package io.terndb.server.cdt;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.protocol.ResultCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * List ops against a plain {@code java.util.List} model of the same list: after every op the stored list, the
 * result and the result code agree with the model (the original's semantics written the simple way). Ordered
 * lists additionally stay sorted under random adds, removes and increments.
 */
class ListModelProperties {

    /** nil sorts before every integer; integers by value. */
    private static final Comparator<Long> ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

    record Op(int kind, int index, int count, long value, long other) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(-8, 10), Arbitraries.integers().between(0, 6),
                Arbitraries.longs().between(-5, 10), Arbitraries.longs().between(-5, 10)).as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    /** The index range a multi op selects, clamped as the original clamps it: {start, count}. */
    static int[] clamp(int index, long count, int size) {
        if (index >= size) {
            return new int[] {size, 0};
        }
        long absolute = index < 0 ? size + index : index;
        if (absolute < 0) {
            return new int[] {0, -absolute < count ? (int) Math.min(count + absolute, size) : 0};
        }
        return new int[] {(int) absolute, (int) Math.min(count, size - absolute)};
    }

    @Property(tries = 300)
    void unorderedListOpsMatchTheModel(@ForAll("ops") List<Op> ops) {
        ListBin bin = new ListBin();
        List<Long> model = null;
        for (Op op : ops) {
            Expected expected = new Expected();
            List<Long> next = model == null ? null : new ArrayList<>(model);
            byte[] program = apply(op, next, expected);
            if (program == null) {
                continue; // a read of a missing bin: the transaction answers without running the op
            }
            int code = expected.read ? bin.read(program) : bin.modify(program);
            assertThat(code).as("%s on %s", op, model).isEqualTo(expected.code);
            if (code == ResultCode.OK) {
                assertThat(bin.hasResult ? bin.result : null).as("result of %s on %s", op, model)
                        .isEqualTo(expected.result);
                if (expected.changes) {
                    model = expected.list;
                }
            }
            assertThat(bin.contents()).as("list after %s", op).isEqualTo(model);
        }
    }

    static final class Expected {
        int code = ResultCode.OK;
        Object result;
        List<Long> list;
        boolean changes;
        boolean read;

        void fail(int code) {
            this.code = code;
        }

        void change(List<Long> list, Object result) {
            this.list = list;
            this.result = result;
            this.changes = true;
        }
    }

    /** The op's program, with what the model says it does in {@code expected}; null to skip. */
    private static byte[] apply(Op op, List<Long> list, Expected expected) {
        int size = list == null ? 0 : list.size();
        long absolute = op.index() < 0 ? size + op.index() : op.index();
        switch (op.kind()) {
            case 0 -> {
                List<Long> next = list == null ? new ArrayList<>() : list;
                next.add(op.value());
                expected.change(next, (long) next.size());
                return ListBin.program(CdtCodes.LIST_APPEND, op.value());
            }
            case 1 -> {
                if (absolute < 0) {
                    expected.fail(ResultCode.OP_NOT_APPLICABLE);
                } else {
                    List<Long> next = list == null ? new ArrayList<>() : list;
                    pad(next, absolute);
                    next.add((int) absolute, op.value());
                    expected.change(next, (long) next.size());
                }
                return ListBin.program(CdtCodes.LIST_INSERT, op.index(), op.value());
            }
            case 2 -> {
                if (list != null) {
                    if (absolute < 0 || absolute >= size) {
                        expected.fail(ResultCode.OP_NOT_APPLICABLE);
                    } else {
                        Long popped = list.remove((int) absolute);
                        expected.change(list, popped);
                    }
                }
                return ListBin.program(CdtCodes.LIST_POP, op.index());
            }
            case 3 -> {
                if (list != null) {
                    int[] range = clamp(op.index(), op.count(), size);
                    list.subList(range[0], range[0] + range[1]).clear();
                    expected.change(list, (long) range[1]);
                }
                return ListBin.program(CdtCodes.LIST_REMOVE_RANGE, op.index(), op.count());
            }
            case 4 -> {
                List<Long> next = list == null ? new ArrayList<>() : list;
                if (op.index() >= size) {
                    pad(next, op.index());
                    next.add(op.value());
                    expected.change(next, null);
                } else if (absolute < 0) {
                    expected.fail(ResultCode.OP_NOT_APPLICABLE);
                } else {
                    next.set((int) absolute, op.value());
                    expected.change(next, null);
                }
                return ListBin.program(CdtCodes.LIST_SET, op.index(), op.value());
            }
            case 5 -> {
                if (list != null) {
                    int[] range = clamp(op.index(), op.count(), size);
                    List<Long> kept = new ArrayList<>(list.subList(range[0], range[0] + range[1]));
                    expected.change(kept, (long) (size - kept.size()));
                }
                return ListBin.program(CdtCodes.LIST_TRIM, op.index(), op.count());
            }
            case 6 -> {
                if (list != null) {
                    long removed = list.stream().filter(v -> v != null && v == op.value()).count();
                    list.removeIf(v -> v != null && v == op.value());
                    expected.change(list, removed);
                }
                return ListBin.program(CdtCodes.LIST_REMOVE_ALL_BY_VALUE, CdtCodes.RETURN_COUNT, op.value());
            }
            case 7 -> {
                if (list == null) {
                    return null;
                }
                expected.read = true;
                int[] range = clamp(op.index(), op.count(), size);
                expected.result = new ArrayList<>(list.subList(range[0], range[0] + range[1]));
                return ListBin.program(CdtCodes.LIST_GET_BY_INDEX_RANGE, CdtCodes.RETURN_VALUE, op.index(),
                        op.count());
            }
            case 8 -> {
                if (list == null) {
                    return null;
                }
                expected.read = true;
                if (absolute < 0 || absolute >= size) {
                    expected.fail(ResultCode.OP_NOT_APPLICABLE);
                } else {
                    List<Long> sorted = new ArrayList<>(list);
                    sorted.sort(ORDER);
                    expected.result = sorted.get((int) absolute);
                }
                return ListBin.program(CdtCodes.LIST_GET_BY_RANK, CdtCodes.RETURN_VALUE, op.index());
            }
            case 9 -> {
                if (list == null) {
                    expected.fail(ResultCode.BIN_TYPE_ERROR);
                } else {
                    list.sort(ORDER);
                    expected.change(list, null);
                }
                return ListBin.program(CdtCodes.LIST_SORT, 0);
            }
            case 10 -> {
                List<Long> next = list == null ? new ArrayList<>() : list;
                if (absolute < 0) {
                    expected.fail(ResultCode.OP_NOT_APPLICABLE);
                } else if (absolute < size && next.get((int) absolute) == null) {
                    expected.fail(ResultCode.PARAMETER_ERROR);
                } else if (absolute < size) {
                    long sum = next.get((int) absolute) + op.value();
                    next.set((int) absolute, sum);
                    expected.change(next, sum);
                } else {
                    pad(next, absolute);
                    next.add(op.value());
                    expected.change(next, op.value());
                }
                return ListBin.program(CdtCodes.LIST_INCREMENT, op.index(), op.value());
            }
            case 11 -> {
                if (list == null) {
                    return null;
                }
                expected.read = true;
                long low = Math.min(op.value(), op.other());
                long high = Math.max(op.value(), op.other());
                expected.result = list.stream().filter(v -> v != null && v >= low && v < high).count();
                return ListBin.program(CdtCodes.LIST_GET_BY_VALUE_INTERVAL, CdtCodes.RETURN_COUNT, low, high);
            }
            default -> {
                if (list != null) {
                    int[] range = clamp(op.index(), op.count(), size);
                    List<Long> removed = new ArrayList<>(list.subList(range[0], range[0] + range[1]));
                    list.subList(range[0], range[0] + range[1]).clear();
                    expected.change(list, removed);
                }
                return ListBin.program(CdtCodes.LIST_POP_RANGE, op.index(), op.count());
            }
        }
    }

    private static void pad(List<Long> list, long index) {
        while (list.size() < index) {
            list.add(null);
        }
    }

    @Property(tries = 300)
    void orderedListStaysSortedAndHoldsTheModelsValues(@ForAll("ops") List<Op> ops) {
        ListBin bin = new ListBin();
        assertThat(bin.modify(ListBin.program(CdtCodes.LIST_SET_TYPE, 1))).isEqualTo(ResultCode.OK);
        List<Long> model = new ArrayList<>();
        for (Op op : ops) {
            int code;
            switch (op.kind() % 4) {
                case 0, 1 -> {
                    code = bin.modify(ListBin.program(CdtCodes.LIST_APPEND, op.value()));
                    model.add(op.value());
                }
                case 2 -> {
                    code = bin.modify(ListBin.program(CdtCodes.LIST_REMOVE_ALL_BY_VALUE, CdtCodes.RETURN_NONE,
                            op.value()));
                    model.removeIf(v -> v == op.value());
                }
                default -> {
                    code = bin.modify(ListBin.program(CdtCodes.LIST_INCREMENT, op.index(), op.other()));
                    long absolute = op.index() < 0 ? model.size() + op.index() : op.index();
                    model.sort(ORDER);
                    if (absolute < 0 || absolute > model.size()) {
                        assertThat(code).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
                        continue;
                    }
                    if (absolute == model.size()) {
                        model.add(op.other());
                    } else {
                        model.set((int) absolute, model.get((int) absolute) + op.other());
                    }
                }
            }
            assertThat(code).as("%s", op).isEqualTo(ResultCode.OK);
            model.sort(ORDER);
            assertThat(bin.ordered()).isTrue();
            assertThat(bin.contents()).as("after %s", op).isEqualTo(model);
        }
    }
}
