namespace ZepixHealth.Monitoring;

/// <summary>Min, sum and max of one figure over the snapshots of a history summary, in 16 bytes.</summary>
internal struct InMemoryMetricRange
{
    private float _min;
    private float _max;
    private float _sum;
    private int _count;

    /// <summary>Gets whether any snapshot of the summary knew the figure.</summary>
    public readonly bool HasValue => _count > 0;

    /// <summary>Gets the mean, or <see langword="null"/> when no snapshot knew the figure.</summary>
    public readonly double? Average => _count > 0 ? (double)_sum / _count : null;

    /// <summary>Counts a value in; an unknown or non-finite one is left out.</summary>
    public void Add(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return;
        }

        var f = (float)v;
        _min = _count == 0 ? f : Math.Min(_min, f);
        _max = _count == 0 ? f : Math.Max(_max, f);
        _sum += f;
        _count++;
    }

    /// <summary>Adds these values to a range being built from several summaries and snapshots.</summary>
    public readonly void AddTo(ref MetricRangeBuilder builder)
    {
        if (_count > 0)
        {
            builder.Add(_min, _sum, _max, _count);
        }
    }
}
