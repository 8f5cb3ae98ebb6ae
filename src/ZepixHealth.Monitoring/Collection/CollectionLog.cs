using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>What the collection of plugin snapshots logs (event ids 1001–1009).</summary>
/// <remarks>
/// Ids and reasons come from plugins: they go through <see cref="OperatorText.ToSingleLine"/> here,
/// so that no caller can forget it and a plugin cannot forge log lines or terminal output.
/// </remarks>
internal static partial class CollectionLog
{
    public static void PluginUnhealthy(ILogger logger, string pluginId, PluginHealthStatus status, string? reason) =>
        LogPluginUnhealthy(logger, OperatorText.ToSingleLine(pluginId), status, OperatorText.ToSingleLine(reason));

    public static void PluginRecovered(ILogger logger, string pluginId, PluginHealthStatus previousStatus) =>
        LogPluginRecovered(logger, OperatorText.ToSingleLine(pluginId), previousStatus);

    public static void InvalidPlugin(ILogger logger, string plugin, string problem) =>
        LogInvalidPlugin(logger, OperatorText.ToSingleLine(plugin), OperatorText.ToSingleLine(problem));

    [LoggerMessage(EventId = 1009, Level = LogLevel.Error, Message = "The plugin registry threw; this cycle checks the {Count} plugin(s) it returned last")]
    public static partial void RegistryFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Plugin {PluginId} is {Status}: {Reason}")]
    private static partial void LogPluginUnhealthy(ILogger logger, string pluginId, PluginHealthStatus status, string? reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Plugin {PluginId} is Healthy again (was {PreviousStatus})")]
    private static partial void LogPluginRecovered(ILogger logger, string pluginId, PluginHealthStatus previousStatus);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Plugin {Plugin} cannot be watched: {Problem}")]
    private static partial void LogInvalidPlugin(ILogger logger, string plugin, string problem);
}
