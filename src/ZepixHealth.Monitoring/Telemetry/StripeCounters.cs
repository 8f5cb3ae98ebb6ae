using System.Runtime.InteropServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The hot counters of one stripe of a <see cref="PluginTelemetry"/>: what was recorded on it since the
/// last clock tick moved the counts into the current sub-window.
/// </summary>
/// <remarks>
/// The fields sit between 64 bytes of padding on each side so that two stripes (written by threads on
/// different cores) never share a cache line. Writers add with <see cref="Interlocked"/>, so threads that
/// land on the same stripe lose no count; the clock tick takes the counts with
/// <see cref="Interlocked.Exchange(ref long, long)"/>, so a count is moved either now or at the next tick,
/// never lost.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 240)]
internal struct StripeCounters
{
    [FieldOffset(64)] public long LatencySum;
    [FieldOffset(72)] public long Signals;
    [FieldOffset(80)] public long Orders;
    [FieldOffset(88)] public long SignalOutcomes;
    [FieldOffset(96)] public long ProfitableSignals;
    [FieldOffset(104)] public long Trades;
    [FieldOffset(112)] public long Wins;
    [FieldOffset(120)] public long Operations;
    [FieldOffset(128)] public long Errors;
    [FieldOffset(136)] public long CriticalErrors;
    [FieldOffset(144)] public long Warnings;

    /// <summary>The coarse clock (UTC ticks) as the last record call on this stripe saw it; 0 when none.</summary>
    [FieldOffset(152)] public long LastActivityUtcTicks;

    /// <summary>Thread CPU time spent in measured scopes (100 ns ticks); only with CPU tracking on.</summary>
    [FieldOffset(160)] public long CpuTicks;

    /// <summary>Bytes allocated in measured scopes; only with CPU tracking on.</summary>
    [FieldOffset(168)] public long AllocatedBytes;
}
