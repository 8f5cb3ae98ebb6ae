namespace ZepixHealth.Monitoring;

/// <summary>Builds a <see cref="MetricRange"/> from single values and from ranges already summarised.</summary>
internal struct MetricRangeBuilder
{
    private double _min;
    private double _max;
    private double _sum;
    private long _count;

    /// <summary>Counts a value in; an unknown or non-finite one is left out.</summary>
    public void Add(double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            Add(v, v, v, 1);
        }
    }

    /// <summary>Counts in <paramref name="count"/> values whose minimum, sum and maximum are known.</summary>
    public void Add(double min, double sum, double max, long count)
    {
        _min = _count == 0 ? min : Math.Min(_min, min);
        _max = _count == 0 ? max : Math.Max(_max, max);
        _sum += sum;
        _count += count;
    }

    /// <summary>Gets the range, or <see langword="null"/> when no value was counted.</summary>
    public readonly MetricRange? Build() => _count == 0 ? null : new MetricRange(_min, _sum / _count, _max);
}
