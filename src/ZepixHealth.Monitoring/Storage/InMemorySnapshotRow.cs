namespace ZepixHealth.Monitoring;

/// <summary>
/// One snapshot kept at full resolution by <see cref="InMemoryHealthStore"/>, in 216 bytes inside
/// an array instead of about 450 bytes in five objects: every figure as it was, timestamps as UTC ticks,
/// which figures are known in a bit mask. It holds no reference, so that the garbage collector never
/// scans the rings of rows; the texts are kept beside it (<see cref="InMemorySnapshotTexts"/>).
/// </summary>
internal readonly struct InMemorySnapshotRow
{
    private const int Heartbeat = 0;
    private const int Uptime = 1;
    private const int Avg = 2;
    private const int P50 = 3;
    private const int P95 = 4;
    private const int P99 = 5;
    private const int Signals = 6;
    private const int Orders = 7;
    private const int Accuracy = 8;
    private const int WinRate = 9;
    private const int Memory = 10;
    private const int MemoryLimit = 11;
    private const int Cpu = 12;
    private const int Heap = 13;
    private const int Threads = 14;
    private const int Allocated = 15;
    private const int DbActive = 16;
    private const int DbMax = 17;
    private const int DbQuery = 18;
    private const int Handles = 19;
    private const int TotalErrors = 20;
    private const int CriticalErrors = 21;
    private const int Warnings = 22;
    private const int ErrorRate = 23;
    private const int LastErrorAt = 24;
    private const int SelfTestAt = 25;
    private const int PerformanceBits = (1 << Avg) | (1 << P50) | (1 << P95) | (1 << P99) | (1 << Signals) | (1 << Orders) | (1 << Accuracy) | (1 << WinRate);
    private const int ResourceBits = (1 << Memory) | (1 << MemoryLimit) | (1 << Cpu) | (1 << Heap) | (1 << Threads) | (1 << Allocated) | (1 << DbActive) | (1 << DbMax) | (1 << DbQuery) | (1 << Handles);
    private const int ErrorBits = (1 << TotalErrors) | (1 << CriticalErrors) | (1 << Warnings) | (1 << ErrorRate) | (1 << LastErrorAt);

    private readonly long _timestamp;
    private readonly long _heartbeat;
    private readonly long _uptime;
    private readonly long _lastErrorAt;
    private readonly long _selfTestAt;
    private readonly double _avg, _p50, _p95, _p99, _accuracy, _winRate;
    private readonly double _memory, _memoryLimit, _cpu, _heap, _dbQuery, _errorRate;
    private readonly long _signals, _orders, _allocated, _totalErrors, _criticalErrors, _warnings;
    private readonly int _threads, _dbActive, _dbMax, _handles;
    private readonly int _known;
    private readonly PluginHealthStatus _status;
    private readonly bool _running, _responsive;

    /// <summary>Packs a snapshot whose timestamps are all in UTC.</summary>
    public InMemorySnapshotRow(PluginHealthSnapshot s)
    {
        var known = 0;
        var a = s.Availability;
        var p = s.Performance;
        var r = s.Resources;
        var e = s.Errors;
        _timestamp = s.Timestamp.UtcTicks;
        _status = a.Status;
        _running = a.IsRunning;
        _responsive = a.IsResponsive;
        _heartbeat = Put(ref known, Heartbeat, a.LastHeartbeat?.UtcTicks);
        _uptime = Put(ref known, Uptime, a.Uptime?.Ticks);
        _avg = Put(ref known, Avg, p.AvgExecutionTimeMs);
        _p50 = Put(ref known, P50, p.P50ExecutionTimeMs);
        _p95 = Put(ref known, P95, p.P95ExecutionTimeMs);
        _p99 = Put(ref known, P99, p.P99ExecutionTimeMs);
        _signals = Put(ref known, Signals, p.SignalsProcessed1h);
        _orders = Put(ref known, Orders, p.OrdersPlaced1h);
        _accuracy = Put(ref known, Accuracy, p.SignalAccuracyPct);
        _winRate = Put(ref known, WinRate, p.WinRatePct);
        _memory = Put(ref known, Memory, r.MemoryUsageMb);
        _memoryLimit = Put(ref known, MemoryLimit, r.MemoryLimitMb);
        _cpu = Put(ref known, Cpu, r.CpuUsagePct);
        _heap = Put(ref known, Heap, r.ManagedHeapMb);
        _threads = Put(ref known, Threads, r.Threads);
        _allocated = Put(ref known, Allocated, r.AllocatedBytes);
        _dbActive = Put(ref known, DbActive, r.DbConnectionsActive);
        _dbMax = Put(ref known, DbMax, r.DbConnectionsMax);
        _dbQuery = Put(ref known, DbQuery, r.DbQueryTimeAvgMs);
        _handles = Put(ref known, Handles, r.OpenFileHandles);
        _totalErrors = Put(ref known, TotalErrors, e.TotalErrors);
        _criticalErrors = Put(ref known, CriticalErrors, e.CriticalErrors);
        _warnings = Put(ref known, Warnings, e.Warnings);
        _errorRate = Put(ref known, ErrorRate, e.ErrorRatePct);
        _lastErrorAt = Put(ref known, LastErrorAt, e.LastErrorTimestamp?.UtcTicks);
        _selfTestAt = Put(ref known, SelfTestAt, s.SelfTestCompletedAt?.UtcTicks);
        _known = known;
    }

    /// <summary>Gets the snapshot's timestamp in UTC ticks.</summary>
    public long TimestampTicks => _timestamp;

    /// <summary>Gets the status the snapshot concluded.</summary>
    public PluginHealthStatus Status => _status;

    /// <summary>Gets the figures a history summary keeps.</summary>
    public double? P95Ms => Read(P95, _p95);

    /// <inheritdoc cref="P95Ms"/>
    public double? P99Ms => Read(P99, _p99);

    /// <inheritdoc cref="P95Ms"/>
    public double? ErrorRatePct => Read(ErrorRate, _errorRate);

    /// <inheritdoc cref="P95Ms"/>
    public double? MemoryMb => Read(Memory, _memory);

    /// <inheritdoc cref="P95Ms"/>
    public double? CpuPct => Read(Cpu, _cpu);

    /// <inheritdoc cref="P95Ms"/>
    public double? Signals1h => IsKnown(Signals) ? _signals : null;

    /// <summary>Builds the snapshot back with its <paramref name="texts"/>, every figure as it was stored, timestamps in UTC.</summary>
    public PluginHealthSnapshot ToSnapshot(string pluginId, InMemorySnapshotTexts? texts) => new()
    {
        PluginId = pluginId,
        Timestamp = new DateTimeOffset(_timestamp, TimeSpan.Zero),
        Availability = new PluginAvailabilityMetrics
        {
            Status = _status,
            IsRunning = _running,
            IsResponsive = _responsive,
            LastHeartbeat = Time(Heartbeat, _heartbeat),
            Uptime = IsKnown(Uptime) ? TimeSpan.FromTicks(_uptime) : null,
            Reason = texts?.Reason,
        },
        Performance = (_known & PerformanceBits) == 0 ? PluginPerformanceMetrics.Unknown : new PluginPerformanceMetrics
        {
            AvgExecutionTimeMs = Read(Avg, _avg),
            P50ExecutionTimeMs = Read(P50, _p50),
            P95ExecutionTimeMs = P95Ms,
            P99ExecutionTimeMs = P99Ms,
            SignalsProcessed1h = IsKnown(Signals) ? _signals : null,
            OrdersPlaced1h = IsKnown(Orders) ? _orders : null,
            SignalAccuracyPct = Read(Accuracy, _accuracy),
            WinRatePct = Read(WinRate, _winRate),
        },
        Resources = (_known & ResourceBits) == 0 ? PluginResourceMetrics.Unknown : new PluginResourceMetrics
        {
            MemoryUsageMb = MemoryMb,
            MemoryLimitMb = Read(MemoryLimit, _memoryLimit),
            CpuUsagePct = CpuPct,
            ManagedHeapMb = Read(Heap, _heap),
            Threads = IsKnown(Threads) ? _threads : null,
            AllocatedBytes = IsKnown(Allocated) ? _allocated : null,
            DbConnectionsActive = IsKnown(DbActive) ? _dbActive : null,
            DbConnectionsMax = IsKnown(DbMax) ? _dbMax : null,
            DbQueryTimeAvgMs = Read(DbQuery, _dbQuery),
            OpenFileHandles = IsKnown(Handles) ? _handles : null,
        },
        Errors = (_known & ErrorBits) == 0 && texts?.ErrorMessage is null && texts?.ErrorType is null ? PluginErrorMetrics.Unknown : new PluginErrorMetrics
        {
            TotalErrors = IsKnown(TotalErrors) ? _totalErrors : null,
            CriticalErrors = IsKnown(CriticalErrors) ? _criticalErrors : null,
            Warnings = IsKnown(Warnings) ? _warnings : null,
            ErrorRatePct = ErrorRatePct,
            LastErrorMessage = texts?.ErrorMessage,
            LastErrorType = texts?.ErrorType,
            LastErrorTimestamp = Time(LastErrorAt, _lastErrorAt),
        },
        SelfTest = texts?.SelfTest,
        SelfTestCompletedAt = Time(SelfTestAt, _selfTestAt),
        Faults = texts?.Faults ?? [],
    };

    private bool IsKnown(int bit) => (_known & (1 << bit)) != 0;

    private double? Read(int bit, double value) => IsKnown(bit) ? value : null;

    private DateTimeOffset? Time(int bit, long ticks) => IsKnown(bit) ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    private static long Put(ref int known, int bit, long? value) => value is { } v ? Mark(ref known, bit, v) : 0;

    private static int Put(ref int known, int bit, int? value) => value is { } v ? (int)Mark(ref known, bit, v) : 0;

    private static double Put(ref int known, int bit, double? value)
    {
        if (value is not { } v)
        {
            return 0;
        }

        known |= 1 << bit;
        return v;
    }

    private static long Mark(ref int known, int bit, long value)
    {
        known |= 1 << bit;
        return value;
    }
}
