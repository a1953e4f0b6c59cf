package io.terndb.tools.bench.kvcache;

/**
 * How LMCache's connector cuts an object of {@code totalBytes}: {@code count = ceil(total / target)} segments of
 * {@code segmentBytes = ceil(total / count)}, the last one shorter; an empty object is one empty segment.
 */
record SegmentCut(int totalBytes, int count, int segmentBytes) {

    static SegmentCut of(int totalBytes, long targetSegmentBytes) {
        if (totalBytes < 0 || targetSegmentBytes < 1) {
            throw new IllegalArgumentException("totalBytes=" + totalBytes + " targetSegmentBytes="
                    + targetSegmentBytes + " must be >= 0 and >= 1");
        }
        int count = (int) Math.max(1, ceilDivide(totalBytes, targetSegmentBytes));
        int segmentBytes = (int) ceilDivide(totalBytes, count);
        return new SegmentCut(totalBytes, count, segmentBytes);
    }

    int offset(int index) {
        return index * segmentBytes;
    }

    int length(int index) {
        return Math.min(segmentBytes, totalBytes - offset(index));
    }

    private static long ceilDivide(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
