package io.terndb.protocol.msgpack;

/**
 * A stable merge sort of {@code int} indexes by a caller's comparison, with a reused scratch array: elements of
 * a list or entries of a map are sorted as indexes into their offset table, so sorting allocates no object per
 * element. Stable, so equal values keep their stored order (ranks of equal values follow their indexes).
 */
public final class IndexSort {

    /** Compares the things two indexes name. */
    @FunctionalInterface
    public interface Comparison {
        int compare(int left, int right);
    }

    private static final int INSERTION_SORT_MAX = 12;

    private int[] scratch = new int[64];

    /** Sorts {@code indexes[from, to)}. */
    public void sort(int[] indexes, int from, int to, Comparison comparison) {
        int count = to - from;
        if (count < 2) {
            return;
        }
        if (scratch.length < count) {
            scratch = new int[Math.max(count, scratch.length * 2)];
        }
        mergeSort(indexes, from, to, comparison);
    }

    private void mergeSort(int[] indexes, int from, int to, Comparison comparison) {
        if (to - from <= INSERTION_SORT_MAX) {
            insertionSort(indexes, from, to, comparison);
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(indexes, from, middle, comparison);
        mergeSort(indexes, middle, to, comparison);
        if (comparison.compare(indexes[middle - 1], indexes[middle]) <= 0) {
            return; // already in order
        }
        int leftCount = middle - from;
        System.arraycopy(indexes, from, scratch, 0, leftCount);
        int left = 0;
        int right = middle;
        int out = from;
        while (left < leftCount && right < to) {
            // "<=" keeps the left (earlier) one first among equals: the sort is stable.
            if (comparison.compare(scratch[left], indexes[right]) <= 0) {
                indexes[out++] = scratch[left++];
            } else {
                indexes[out++] = indexes[right++];
            }
        }
        System.arraycopy(scratch, left, indexes, out, leftCount - left);
    }

    private static void insertionSort(int[] indexes, int from, int to, Comparison comparison) {
        for (int i = from + 1; i < to; i++) {
            int value = indexes[i];
            int j = i - 1;
            while (j >= from && comparison.compare(indexes[j], value) > 0) {
                indexes[j + 1] = indexes[j];
                j--;
            }
            indexes[j + 1] = value;
        }
    }
}
