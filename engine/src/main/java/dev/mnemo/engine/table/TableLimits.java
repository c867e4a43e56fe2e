package dev.mnemo.engine.table;

/**
 * The size limits every table enforces.
 *
 * @param rowBytesMax the largest encoded row
 * @param keyBytesMax the largest encoded primary or index key
 * @param rowsMax     the most keys one table may hold
 */
public record TableLimits(int rowBytesMax, int keyBytesMax, long rowsMax) {
    public TableLimits {
        if (rowBytesMax < 64 || keyBytesMax < 16 || rowsMax < 1) {
            throw new IllegalArgumentException("limits too small: rowBytesMax " + rowBytesMax + ", keyBytesMax "
                    + keyBytesMax + ", rowsMax " + rowsMax);
        }
    }
}
