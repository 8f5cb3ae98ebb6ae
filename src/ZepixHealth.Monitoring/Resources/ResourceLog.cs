using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>Log messages of resource measurement; event ids 6000–6099.</summary>
internal static partial class ResourceLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "The host process could not be measured: {Reason}")]
    public static partial void HostNotMeasured(ILogger logger, string? reason);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Measuring the host process threw; its row is reported without figures")]
    public static partial void HostProbeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Plugin {PluginId} runs in process {ProcessId}; measuring that process")]
    public static partial void MeasuringPluginProcess(ILogger logger, string pluginId, int processId);
}
