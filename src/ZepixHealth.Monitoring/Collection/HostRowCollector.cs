using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The <c>host</c> row: the host process's own resources, measured every cycle. The host runs this
/// code, so it is alive; a probe that fails leaves the figures unknown and says why.
/// </summary>
internal sealed class HostRowCollector
{
    private readonly ProcessResourceProbe _probe;
    private readonly ILogger _logger;

    public HostRowCollector(TimeProvider timeProvider, double? memoryLimitMb, ILogger logger)
    {
        // Created (and so first sampled) now, so that the first cycle already has a CPU figure.
        _probe = ProcessResourceProbe.ForCurrentProcess(timeProvider, memoryLimitMb);
        _logger = logger;
    }

    public PluginHealthSnapshot Collect(DateTimeOffset cycleTime)
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
