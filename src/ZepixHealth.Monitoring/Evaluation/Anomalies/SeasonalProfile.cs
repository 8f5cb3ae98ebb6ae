namespace ZepixHealth.Monitoring;

/// <summary>
/// What a series usually adds at this time of day and at this point of the hour: 24 hour-of-day offsets
/// and 12 five-minute-of-hour offsets from the level (double-seasonal exponential smoothing, after
/// J. W. Taylor, 2003). A daily peak, or a job that lifts every :05, becomes expected instead of anomalous;
/// a missing daily peak stands out against it.
/// </summary>
/// <remarks>
/// A bucket learns once per period, when its time slot ends, from the mean residual of that slot: the hour
/// being judged never learns from itself, so a deviation held for an hour is not absorbed as it happens.
/// Fixed memory: 36 floats of a table it shares with the rest of a detector's memory
/// (<see cref="AnomalyDetectorMemory"/>) and two running sums. A profile is only kept when the cadence
/// visits each of its buckets (hour of day: a sample at least every hour; minute of hour: at least every
/// five minutes). A mutable struct: kept in a field and called there. Allocates nothing. Not thread-safe.
/// </remarks>
internal struct SeasonalProfile
{
    public const int HourBuckets = 24;
    public const int MinuteBuckets = 12;

    /// <summary>How long the offsets remember: two days, so every hour of the day has been seen twice.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromDays(2);

    // The slowest cadence that visits every bucket of each profile.
    private static readonly TimeSpan DailyCadence = TimeSpan.FromHours(1);
    private static readonly TimeSpan HourlyCadence = TimeSpan.FromMinutes(5);

    private static readonly long TicksPerMinuteBucket = TimeSpan.FromMinutes(5).Ticks;

    private readonly float[] _table;
    private readonly int _offset;
    private readonly int _size;
    private readonly bool _daily;
    private readonly bool _hourly;
    private readonly double _dailyRate;
    private readonly double _hourlyRate;
    private SlotSum _hour = SlotSum.Empty;
    private SlotSum _minute = SlotSum.Empty;
    private long _dailyFolds;
    private long _hourlyFolds;

    /// <param name="table">The table whose <see cref="SizeFor"/> floats from <paramref name="offset"/> hold the offsets.</param>
    /// <param name="offset">Where the offsets start in <paramref name="table"/>.</param>
    /// <param name="sampleInterval">The time between two samples.</param>
    /// <param name="memory">How long the offsets remember: each bucket's average spans the periods in this time.</param>
    /// <param name="enabled">When <see langword="false"/>, every offset stays 0.</param>
    public SeasonalProfile(float[] table, int offset, TimeSpan sampleInterval, TimeSpan memory, bool enabled)
    {
        _table = table;
        _offset = offset;
        _size = SizeFor(sampleInterval, enabled);
        _daily = enabled && sampleInterval <= DailyCadence;
        _hourly = enabled && sampleInterval <= HourlyCadence;
        _dailyRate = 1 / Math.Max(2, memory / TimeSpan.FromDays(1));
        _hourlyRate = 1 / Math.Max(2, memory / TimeSpan.FromHours(1));
    }

    /// <summary>Returns whether a profile at <paramref name="sampleInterval"/> keeps any offset: seasonality on, and a sample at least every hour.</summary>
    public static bool IsKept(TimeSpan sampleInterval, bool enabled) => enabled && sampleInterval <= DailyCadence;

    /// <summary>Returns how many floats of its table a profile at <paramref name="sampleInterval"/> uses: none when it keeps no offset.</summary>
    public static int SizeFor(TimeSpan sampleInterval, bool enabled) => IsKept(sampleInterval, enabled) ? HourBuckets + MinuteBuckets : 0;

    /// <summary>Whether any offset is kept (the cadence is fast enough and seasonality is on).</summary>
    public readonly bool IsEnabled => _size != 0;

    /// <summary>How many floats the profile holds.</summary>
    public readonly int Size => _size;

    private readonly Span<float> Offsets => _table.AsSpan(_offset, _size);

    /// <summary>Returns the expected offset at <paramref name="at"/>: hour of day plus minute of hour.</summary>
    public readonly double OffsetAt(DateTimeOffset at)
    {
        if (!IsEnabled)
        {
            return 0;
        }

        var ticks = at.UtcTicks;
        return (_daily ? _table[_offset + HourBucket(ticks / TimeSpan.TicksPerHour)] : 0)
            + (_hourly ? _table[_offset + HourBuckets + MinuteBucket(ticks / TicksPerMinuteBucket)] : 0);
    }

    /// <summary>Learns that the series stood <paramref name="residual"/> above its level at <paramref name="at"/> (clipped by the caller).</summary>
    public void Learn(DateTimeOffset at, double residual)
    {
        if (!IsEnabled)
        {
            return;
        }

        var ticks = at.UtcTicks;
        var hourSlot = ticks / TimeSpan.TicksPerHour;
        var minuteSlot = ticks / TicksPerMinuteBucket;
        if (_daily)
        {
            if (hourSlot != _hour.Slot && _hour.Count > 0)
            {
                // A cautious start: the first period counts as much as a period of zero offset.
                var rate = Math.Max(_dailyRate, 1.0 / (2 + (_dailyFolds++ / HourBuckets)));
                ref var offset = ref _table[_offset + HourBucket(_hour.Slot)];
                offset += (float)(rate * (_hour.Mean - offset));
                _hour = SlotSum.Empty;
            }

            _hour = _hour.Add(hourSlot, residual - (_hourly ? _table[_offset + HourBuckets + MinuteBucket(minuteSlot)] : 0));
        }

        if (_hourly)
        {
            if (minuteSlot != _minute.Slot && _minute.Count > 0)
            {
                var rate = Math.Max(_hourlyRate, 1.0 / (2 + (_hourlyFolds++ / MinuteBuckets)));
                ref var offset = ref _table[_offset + HourBuckets + MinuteBucket(_minute.Slot)];
                offset += (float)(rate * (_minute.Mean - offset));
                _minute = SlotSum.Empty;
            }

            _minute = _minute.Add(minuteSlot, residual - (_daily ? _table[_offset + HourBucket(hourSlot)] : 0));
        }
    }

    /// <summary>Forgets every offset.</summary>
    public void Clear()
    {
        Offsets.Clear();
        _hour = SlotSum.Empty;
        _minute = SlotSum.Empty;
        _dailyFolds = 0;
        _hourlyFolds = 0;
    }

    private static int HourBucket(long hourSlot) => (int)(hourSlot % HourBuckets);

    private static int MinuteBucket(long minuteSlot) => (int)(minuteSlot % MinuteBuckets);

    /// <summary>The residuals of the time slot being filled: which slot, their sum and count.</summary>
    private readonly record struct SlotSum(long Slot, double Sum, int Count)
    {
        public static SlotSum Empty => new(-1, 0, 0);

        public double Mean => Sum / Count;

        public SlotSum Add(long slot, double residual) => new(slot, Sum + residual, Count + 1);
    }
}
