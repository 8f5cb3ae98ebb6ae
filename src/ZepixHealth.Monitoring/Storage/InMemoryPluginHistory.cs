using System.Runtime.InteropServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// One plugin's history in <see cref="InMemoryHealthStore"/>, in a fixed footprint: the newest
/// <see cref="InMemoryHealthStore.FullResolutionSnapshots"/> snapshots as they were, and before them
/// at most <see cref="InMemoryHealthStore.Summaries"/> summaries of <see cref="InMemoryHealthStore.SummaryWidth"/>
/// each. Both grow only as far as they are used, so a plugin watched for a minute costs a minute.
/// </summary>
/// <remarks>Not thread-safe: the store holds its lock.</remarks>
internal sealed class InMemoryPluginHistory(string pluginId)
{
    // Small at first sight: thousands of plugins seen at once cost little, and the ring doubles as it fills.
    private const int FirstCapacity = 1;
    private static readonly long SummaryTicks = InMemoryHealthStore.SummaryWidth.Ticks;

    private readonly List<InMemoryHistorySummary> _summaries = [];
    private InMemorySnapshotRow[] _rows = new InMemorySnapshotRow[FirstCapacity];
    private InMemoryTextRuns _texts;
    private long _appended;
    private int _first;
    private int _count;

    /// <summary>Gets the newest snapshot by timestamp (a late snapshot of an earlier instant is history, not the latest).</summary>
    public PluginHealthSnapshot? Latest { get; private set; }

    /// <summary>Gets how many snapshots are kept at full resolution.</summary>
    public int FullResolutionCount => _count;

    /// <summary>Gets how many runs of texts are kept (<see cref="InMemoryTextRuns"/>).</summary>
    public int TextRunCount => _texts.Count;

    /// <summary>Gets how many summaries are kept.</summary>
    public int SummaryCount => _summaries.Count;

    /// <summary>Adds a snapshot whose timestamps are in UTC; the oldest full-resolution one moves into a summary when there is no room.</summary>
    public void Append(PluginHealthSnapshot utc)
    {
        if (Latest is null || utc.Timestamp >= Latest.Timestamp)
        {
            Latest = utc;
        }

        var row = new InMemorySnapshotRow(utc);
        _texts.Append(_appended++, InMemorySnapshotTexts.Of(utc, _texts.Newest));
        if (_count == InMemoryHealthStore.FullResolutionSnapshots)
        {
            Summarise(_rows[_first]);
            _rows[_first] = row;
            _first = (_first + 1) % _rows.Length;
            _texts.DropBefore(_appended - _count);
            return;
        }

        if (_count == _rows.Length)
        {
            var grown = new InMemorySnapshotRow[Math.Min(_rows.Length * 2, InMemoryHealthStore.FullResolutionSnapshots)];
            for (var i = 0; i < _count; i++)
            {
                grown[i] = _rows[(_first + i) % _rows.Length];
            }

            (_rows, _first) = (grown, 0);
        }

        _rows[(_first + _count) % _rows.Length] = row;
        _count++;
    }

    /// <summary>Gets the snapshots from <paramref name="from"/> to <paramref name="to"/>, oldest first; a summary stands at its newest instant.</summary>
    public List<PluginHealthSnapshot> Read(DateTimeOffset from, DateTimeOffset to)
    {
        long fromTicks = from.UtcTicks, toTicks = to.UtcTicks;
        var history = new List<PluginHealthSnapshot>();
        foreach (ref readonly var summary in CollectionsMarshal.AsSpan(_summaries))
        {
            if (summary.LastTicks >= fromTicks && summary.LastTicks <= toTicks)
            {
                history.Add(summary.ToSnapshot(pluginId));
            }
        }

        var texts = _texts.ForRows(_appended - _count, _count);
        for (var i = 0; i < _count; i++)
        {
            ref readonly var row = ref _rows[(_first + i) % _rows.Length];
            if (row.TimestampTicks >= fromTicks && row.TimestampTicks <= toTicks)
            {
                history.Add(row.ToSnapshot(pluginId, texts[i]));
            }
        }

        // A stable sort: snapshots of the same instant stay in the order they were appended.
        return [.. history.OrderBy(s => s.Timestamp)];
    }

    /// <summary>Gets the history from <paramref name="from"/> to <paramref name="to"/> in buckets of <paramref name="width"/> counted from <paramref name="from"/>, oldest first.</summary>
    public List<PluginHistoryBucket> ReadBuckets(DateTimeOffset from, DateTimeOffset to, TimeSpan width)
    {
        long fromTicks = from.UtcTicks, toTicks = to.UtcTicks;
        var buckets = new SortedDictionary<long, PluginHistoryBucketBuilder>();
        PluginHistoryBucketBuilder BucketOf(long ticks)
        {
            var index = (ticks - fromTicks) / width.Ticks;
            if (!buckets.TryGetValue(index, out var bucket))
            {
                bucket = new PluginHistoryBucketBuilder(new DateTimeOffset(fromTicks + (index * width.Ticks), TimeSpan.Zero));
                buckets.Add(index, bucket);
            }

            return bucket;
        }

        foreach (ref readonly var summary in CollectionsMarshal.AsSpan(_summaries))
        {
            if (summary.LastTicks >= fromTicks && summary.LastTicks <= toTicks)
            {
                summary.AddTo(BucketOf(Math.Max(summary.StartTicks, fromTicks)));
            }
        }

        var texts = _texts.ForRows(_appended - _count, _count);
        for (var i = 0; i < _count; i++)
        {
            ref readonly var row = ref _rows[(_first + i) % _rows.Length];
            if (row.TimestampTicks >= fromTicks && row.TimestampTicks <= toTicks)
            {
                BucketOf(row.TimestampTicks).Add(row.ToSnapshot(pluginId, texts[i]));
            }
        }

        return [.. buckets.Values.Select(b => b.Build())];
    }

    private void Summarise(in InMemorySnapshotRow row)
    {
        var start = row.TimestampTicks - (row.TimestampTicks % SummaryTicks);
        var summaries = CollectionsMarshal.AsSpan(_summaries);
        var index = summaries.Length - 1;
        while (index >= 0 && summaries[index].StartTicks > start)
        {
            index--;
        }

        if (index >= 0 && summaries[index].StartTicks == start)
        {
            summaries[index].Add(row);
            return;
        }

        // A new width of time, inserted in order; when full, the oldest goes (or this one, if older still).
        var summary = new InMemoryHistorySummary(start);
        summary.Add(row);
        if (_summaries.Count == InMemoryHealthStore.Summaries)
        {
            if (index < 0)
            {
                return;
            }

            _summaries.RemoveAt(0);
            index--;
        }
        else if (_summaries.Count == _summaries.Capacity)
        {
            _summaries.Capacity = Math.Min(Math.Max(FirstCapacity, _summaries.Capacity * 2), InMemoryHealthStore.Summaries);
        }

        _summaries.Insert(index + 1, summary);
    }
}
