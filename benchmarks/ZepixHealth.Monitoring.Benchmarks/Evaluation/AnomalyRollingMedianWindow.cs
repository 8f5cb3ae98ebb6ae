namespace ZepixHealth.Monitoring.Benchmarks.Evaluation;

/// <summary>
/// The last <see cref="Capacity"/> values added, kept both in arrival order (to know which one leaves)
/// and sorted (so the median is read in O(1) and the MAD in O(n) without sorting). Adding a value is a
/// binary search and a block move: O(n) at worst, no allocation; the arrays are allocated once.
/// </summary>
/// <remarks>Not thread-safe. Values must be finite: a NaN would break the sort order.</remarks>
internal sealed class AnomalyRollingMedianWindow
{
    private readonly double[] _arrivals;
    private readonly double[] _sorted;
    private int _count;
    private int _next;

    public AnomalyRollingMedianWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _arrivals = new double[capacity];
        _sorted = new double[capacity];
    }

    public int Capacity => _arrivals.Length;

    public int Count => _count;

    /// <summary>Adds <paramref name="value"/>, dropping the oldest value when the window is full.</summary>
    public void Add(double value)
    {
        if (_count == _arrivals.Length)
        {
            Remove(_arrivals[_next]);
        }

        Insert(value);
        _arrivals[_next] = value;
        _next = _next + 1 == _arrivals.Length ? 0 : _next + 1;
    }

    public void Clear()
    {
        _count = 0;
        _next = 0;
    }

    /// <summary>Returns the median of the values; NaN when there are none.</summary>
    public double Median()
    {
        if (_count == 0)
        {
            return double.NaN;
        }

        var half = _count / 2;
        return (_count & 1) == 1 ? _sorted[half] : (_sorted[half - 1] + _sorted[half]) / 2;
    }

    /// <summary>Returns the median absolute deviation of the values from <paramref name="median"/> (their median).</summary>
    public double MedianAbsoluteDeviation(double median)
    {
        if (_count == 0)
        {
            return double.NaN;
        }

        // Walking outwards from the middle, the deviations grow on both sides: two sorted runs. Merge
        // them until the middle rank instead of computing and sorting all n deviations.
        var sorted = _sorted;
        var n = _count;
        var left = (n - 1) / 2;
        var right = left + 1;
        var target = (n - 1) / 2;
        double previous = 0;
        for (var rank = 0; ; rank++)
        {
            double deviation;
            if (left >= 0 && (right >= n || median - sorted[left] <= sorted[right] - median))
            {
                deviation = median - sorted[left--];
            }
            else
            {
                deviation = sorted[right++] - median;
            }

            if (rank == target)
            {
                if ((n & 1) == 1)
                {
                    return deviation;
                }

                previous = deviation;
            }
            else if (rank == target + 1)
            {
                return (previous + deviation) / 2;
            }
        }
    }

    private void Remove(double value)
    {
        var sorted = _sorted.AsSpan(0, _count);
        var index = sorted.BinarySearch(value);

        // Equal values are interchangeable: removing any one of them keeps the multiset right.
        sorted[(index + 1)..].CopyTo(sorted[index..]);
        _count--;
    }

    private void Insert(double value)
    {
        var sorted = _sorted.AsSpan(0, _count);
        var index = sorted.BinarySearch(value);
        if (index < 0)
        {
            index = ~index;
        }

        sorted[index..].CopyTo(_sorted.AsSpan(index + 1, _count - index));
        _sorted[index] = value;
        _count++;
    }
}
