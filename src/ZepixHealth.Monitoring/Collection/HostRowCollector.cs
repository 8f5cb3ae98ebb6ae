using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The <c>host</c> row: the host process's own resources, measured every cycle, at most once per
/// <see cref="MinimumSampleInterval"/>. The host runs this code, so it is alive; a probe that fails
/// leaves the figures unknown and says why.
/// </summary>
internal sealed class HostRowCollector
{
    /// <summary>
    /// The shortest time between two samples of the host process. The kernel counts processor time in
    /// 10 ms ticks, so a CPU rate over a shorter window is noise; cycles closer together than this (a
    /// burst of <see cref="PluginHealthMonitor.CollectOnceAsync"/> calls) repeat the last sample.
    /// </summary>
    public static readonly TimeSpan MinimumSampleInterval = TimeSpan.FromSeconds(1);

    private readonly ProcessResourceProbe _probe;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private PluginHealthSnapshot? _last;
    private long _lastSampledAt;

    public HostRowCollector(TimeProvider timeProvider, double? memoryLimitMb, ILogger logger)
    {
        // Created (and so first sampled) now, so that the first cycle already has a CPU figure.
        _probe = ProcessResourceProbe.ForCurrentProcess(timeProvider, memoryLimitMb);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public PluginHealthSnapshot Collect(DateTimeOffset cycleTime)
    {
        var now = _timeProvider.GetTimestamp();
        if (_last is { } last && _timeProvider.GetElapsedTime(_lastSampledAt, now) < MinimumSampleInterval)
        {
            return last.Timestamp == cycleTime ? last : Repeat(last, cycleTime);
        }

        _last = Sample(cycleTime);
        _lastSampledAt = now;
        return _last;
    }

    private static PluginHealthSnapshot Repeat(PluginHealthSnapshot last, DateTimeOffset cycleTime) =>
        last with { Timestamp = cycleTime, Availability = last.Availability with { LastHeartbeat = cycleTime } };

    private PluginHealthSnapshot Sample(DateTimeOffset cycleTime)
    {
        var resources = PluginResourceMetrics.Unknown;
        IReadOnlyList<string> faults = [];
        try
        {
            var result = _probe.Sample();
            if (result.Resources is { } measured)
            {
                resources = measured;
            }
            else
            {
                faults = [$"The host process could not be measured: {result.ExitReason}"];
                ResourceLog.HostNotMeasured(_logger, result.ExitReason);
            }
        }
        catch (Exception ex)
        {
            faults = [CollectionText.Describe("Measuring the host process threw", ex)];
            ResourceLog.HostProbeFailed(_logger, ex);
        }

        return new PluginHealthSnapshot
        {
            PluginId = HostMonitoringOptions.PluginId,
            Timestamp = cycleTime,
            Availability = new PluginAvailabilityMetrics
            {
                Status = PluginHealthStatus.Healthy,
                IsRunning = true,
                IsResponsive = true,
                LastHeartbeat = cycleTime,
            },
            Resources = resources,
            Faults = faults,
        };
    }
}
