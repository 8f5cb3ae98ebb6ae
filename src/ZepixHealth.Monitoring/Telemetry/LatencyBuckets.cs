using System.Numerics;
using System.Runtime.CompilerServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The bucket layout of the latency sketch: log-linear buckets over <see cref="TimeSpan"/> ticks
/// (100 ns), as HdrHistogram and DDSketch's "fast" mappings do. Each power-of-two octave is cut into
/// 32 equal buckets, so a bucket is at most 1/32 of its lower bound wide and its representative value
/// is within 1/65 (1.54 %) of every value in it; values below 64 ticks (6.4 µs) get a bucket each and
/// are exact. The index is computed with one leading-zero count and one shift: no logarithm, no loop.
/// </summary>
/// <remarks>
/// 1,024 buckets cover 0 to 2^36 − 1 ticks (about 1.9 hours); longer values are counted in the last
/// bucket. Relative error bound: within 1.54 % from 0 to 1.9 hours.
/// </remarks>
internal static class LatencyBuckets
{
    public const int SubBucketBits = 5;
    public const int SubBucketCount = 1 << SubBucketBits;
    public const int CountBits = 10;

    /// <summary>Number of buckets.</summary>
    public const int Count = 1 << CountBits;

    private const int MaxOctave = 35;

    /// <summary>The largest value that gets a bucket of its own range; larger values go to the last bucket.</summary>
    public const long MaxTrackedTicks = (1L << (MaxOctave + 1)) - 1;

    /// <summary>The worst relative error of <see cref="Representative"/> against any value in its bucket.</summary>
    public const double MaxRelativeError = 1.0 / ((2 * SubBucketCount) + 1);

    /// <summary>Maps a non-negative duration in ticks to its bucket.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexOf(long ticks)
    {
        var value = Math.Min((ulong)ticks, MaxTrackedTicks);

        // Below 64 the shift is 0 and the value is its own index; above, the octave picks the shift and
        // the top six significant bits (always 1xxxxx) pick one of 32 buckets in it.
        var shift = Math.Max(BitOperations.Log2(value) - SubBucketBits, 0);
        return (shift << SubBucketBits) + (int)(value >> shift);
    }

    /// <summary>The smallest value in bucket <paramref name="index"/>.</summary>
    public static long LowerBound(int index)
    {
        var shift = Math.Max((index >> SubBucketBits) - 1, 0);
        return (long)(index - (shift << SubBucketBits)) << shift;
    }

    /// <summary>The largest value in bucket <paramref name="index"/>.</summary>
    public static long UpperBound(int index)
    {
        var shift = Math.Max((index >> SubBucketBits) - 1, 0);
        return LowerBound(index) + (1L << shift) - 1;
    }

    /// <summary>
    /// The value that stands for bucket <paramref name="index"/>: the point whose relative distance to
    /// the bucket's two ends is equal (their harmonic mean), which minimises the worst relative error.
    /// </summary>
    public static double Representative(int index)
    {
        double low = LowerBound(index);
        double high = UpperBound(index);
        return low == high ? low : 2 * low * high / (low + high);
    }
}
