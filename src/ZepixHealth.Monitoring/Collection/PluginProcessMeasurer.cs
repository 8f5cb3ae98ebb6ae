using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>Measures the process a plugin says it runs in (<see cref="PluginMetrics.ProcessId"/>), keeping one probe per plugin.</summary>
internal sealed class PluginProcessMeasurer(TimeProvider timeProvider, ILogger logger)
{
    /// <summary>
    /// Measures the plugin's process. Returns why the process is not running, or <see langword="null"/>
    /// (with <paramref name="resources"/> now holding the measured figures) when it is or when there is none.
    /// </summary>
    public string? Measure(PluginState state, int? processId, ref PluginResourceMetrics resources, ref FaultList faults)
    {
        if (processId is not { } pid)
        {
            state.ProcessProbe = null;
            return null;
        }

        if (pid <= 0)
        {
            faults.Add(string.Create(CultureInfo.InvariantCulture, $"ProcessId was {pid}; treated as unknown."));
            return null;
        }

        try
        {
            var result = ProbeFor(state, pid).Sample();
            if (result.Resources is not { } measured)
            {
                return result.ExitReason;
            }

            // What the OS measures wins over what the plugin says; the plugin still knows its database.
            resources = resources with
            {
                MemoryUsageMb = measured.MemoryUsageMb,
                MemoryLimitMb = measured.MemoryLimitMb ?? resources.MemoryLimitMb,
                CpuUsagePct = measured.CpuUsagePct ?? resources.CpuUsagePct,
                Threads = measured.Threads,
                OpenFileHandles = measured.OpenFileHandles,
            };
            return null;
        }
        catch (Exception ex)
        {
            faults.Add(CollectionText.Describe($"Measuring process {pid} threw", ex));
            return null;
        }
    }

    private ProcessResourceProbe ProbeFor(PluginState state, int pid)
    {
        var probe = state.ProcessProbe;
        if (probe is null || probe.ProcessId != pid)
        {
            probe = new ProcessResourceProbe(pid, timeProvider);
            state.ProcessProbe = probe;
            ResourceLog.MeasuringPluginProcess(logger, state.Id, pid);
        }

        return probe;
    }
}
