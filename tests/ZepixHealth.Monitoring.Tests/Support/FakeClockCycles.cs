using System.Diagnostics;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>
/// Drives the hosted monitor with a fake clock, one <c>CollectionInterval</c> at a time, as
/// docs/reliability.md shows (the block there is this class, word for word).
/// </summary>
public sealed class FakeClockCycles(FakeTimeProvider time, PluginHealthMonitor monitor, TimeSpan interval)
{
    public TimeSpan Guard { get; init; } = TimeSpan.FromSeconds(10);

    public async Task NextCycleAsync()
    {
        await CycleAtNowAsync(); // never move the clock while a cycle runs
        time.Advance(interval);   // the monitor's tick: the next cycle starts
        await CycleAtNowAsync(); // a lost tick fails here, fast, instead of hanging
    }

    public async Task CycleAtNowAsync()
    {
        var now = time.GetUtcNow();
        var waited = Stopwatch.StartNew();
        while (monitor.LastCycleCompletedAt is not { } completed || completed < now)
        {
            if (waited.Elapsed > Guard)
            {
                throw new TimeoutException(
                    $"No monitoring cycle completed at {now:O} within {Guard.TotalSeconds:0} s (last: {monitor.LastCycleCompletedAt:O}): the monitor's tick was lost or a cycle is stuck.");
            }

            await Task.Delay(1);
        }
    }
}
