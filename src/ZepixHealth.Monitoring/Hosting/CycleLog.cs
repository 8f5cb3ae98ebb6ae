using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>What the cycle pipeline logs beyond the collection (event ids 1003, 1005–1008).</summary>
internal static partial class CycleLog
{
    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Health cycle completed: {PluginCount} plugins in {ElapsedMs:0.0} ms")]
    public static partial void CycleCompleted(ILogger logger, int pluginCount, double elapsedMs);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Health observer {Observer} threw")]
    public static partial void ObserverFailed(ILogger logger, Exception exception, string? observer);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Health observer {Observer} did not finish within {TimeoutMs} ms; it is skipped until it does")]
    public static partial void ObserverTimedOut(ILogger logger, string? observer, double timeoutMs);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Health observer {Observer} is still running from an earlier cycle; skipped")]
    public static partial void ObserverStillRunning(ILogger logger, string? observer);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "The store did not take the cycle's {Count} snapshots")]
    public static partial void StoreFailed(ILogger logger, Exception exception, int count);
}
