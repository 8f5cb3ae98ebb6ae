namespace ZepixHealth.Monitoring;

/// <summary>Indices of the counters each sub-window keeps, beside its latency buckets.</summary>
internal static class TelemetryCounter
{
    public const int LatencySum = 0;
    public const int Signals = 1;
    public const int Orders = 2;
    public const int SignalOutcomes = 3;
    public const int ProfitableSignals = 4;
    public const int Trades = 5;
    public const int Wins = 6;
    public const int Operations = 7;
    public const int Errors = 8;
    public const int CriticalErrors = 9;
    public const int Warnings = 10;
    public const int CpuTicks = 11;
    public const int AllocatedBytes = 12;

    /// <summary>Number of counters.</summary>
    public const int Count = 13;
}
