package io.terndb.kvcache.internal;

/**
 * How an object of {@code totalBytes} is cut: {@code segmentCount = ceil(total / target)} segments of
 * {@code segmentBytes = ceil(total / segmentCount)}, the last one shorter, exactly as LMCache cuts them so the
 * segments are even rather than a full run and a small tail. An empty object is one empty segment.
 */
public record SegmentPlan(long totalBytes, int segmentCount, int segmentBytes) {

    public SegmentPlan {
        if (totalBytes < 0 || segmentCount < 1 || segmentBytes < 0
                || (long) segmentCount * segmentBytes < totalBytes
                || (segmentCount > 1 && (long) (segmentCount - 1) * segmentBytes >= totalBytes)) {
            throw new IllegalArgumentException("totalBytes=" + totalBytes + " segmentCount=" + segmentCount
                    + " segmentBytes=" + segmentBytes + " do not describe a cut");
        }
    }

    public static SegmentPlan of(long totalBytes, long targetSegmentBytes) {
        if (totalBytes < 0 || targetSegmentBytes < 1) {
            throw new IllegalArgumentException("totalBytes=" + totalBytes + " targetSegmentBytes="
                    + targetSegmentBytes + " must be >= 0 and >= 1");
        }
        long count = Math.max(1, ceilDivide(totalBytes, targetSegmentBytes));
        long bytes = ceilDivide(totalBytes, count);
        return new SegmentPlan(totalBytes, Math.toIntExact(count), Math.toIntExact(bytes));
    }

    public long offset(int index) {
        return (long) index * segmentBytes;
    }

    public int length(int index) {
        if (index < 0 || index >= segmentCount) {
            throw new IndexOutOfBoundsException("index=" + index + " segmentCount=" + segmentCount);
        }
        return (int) Math.min(segmentBytes, totalBytes - offset(index));
    }

    private static long ceilDivide(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
