using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>What the collection of plugin snapshots logs (event ids 1001–1009).</summary>
internal static partial class CollectionLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Plugin {PluginId} is {Status}: {Reason}")]
    public static partial void PluginUnhealthy(ILogger logger, string pluginId, PluginHealthStatus status, string? reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Plugin {PluginId} is Healthy again (was {PreviousStatus})")]
    public static partial void PluginRecovered(ILogger logger, string pluginId, PluginHealthStatus previousStatus);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Plugin {Plugin} cannot be watched: {Problem}")]
    public static partial void InvalidPlugin(ILogger logger, string plugin, string problem);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Error, Message = "The plugin registry threw; this cycle checks the {Count} plugin(s) it returned last")]
    public static partial void RegistryFailed(ILogger logger, Exception exception, int count);
}
