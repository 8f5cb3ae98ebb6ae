using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The default sink: writes every notification to the log with structured fields (plugin id, rule
/// id, level, value, threshold) and stable event ids — 2201 firing with a figure, 2203 firing without
/// one (for example <c>availability</c>), 2202 resolved. Ids and messages go through
/// <see cref="OperatorText.ToSingleLine"/>: they may carry a plugin's own text.
/// </summary>
internal sealed partial class LoggingAlertSink(ILogger<LoggingAlertSink> logger) : IAlertSink
{
    public string Name => "log";

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        foreach (var alert in notification.Alerts)
        {
            var pluginId = OperatorText.ToSingleLine(alert.PluginId);
            var ruleId = OperatorText.ToSingleLine(alert.RuleId);
            var message = OperatorText.ToSingleLine(alert.Message);
            if (alert.State == AlertState.Resolved)
            {
                var end = alert.ResolvedAt ?? notification.CreatedAt;
                Log.Resolved(logger, pluginId, ruleId, alert.Level, OperatorTime.Age(end - alert.RaisedAt), OperatorTime.ClockTime(alert.RaisedAt, end), message);
            }
            else
            {
                var level = alert.Level switch
                {
                    AlertLevel.Critical => LogLevel.Critical,
                    AlertLevel.High => LogLevel.Error,
                    _ => LogLevel.Warning,
                };
                // "firing since 14:02 UTC" when just raised, "firing for 5 min since 14:02 UTC" after: never "for 00:00:00".
                var age = notification.CreatedAt - alert.RaisedAt;
                var since = OperatorTime.ClockTime(alert.RaisedAt, notification.CreatedAt);
                var duration = age < TimeSpan.FromMinutes(1) ? $"since {since}" : $"for {OperatorTime.Age(age)} since {since}";
                if (alert.Value is { } value)
                {
                    Log.Firing(logger, level, pluginId, ruleId, alert.Level, value, alert.Threshold, duration, message);
                }
                else
                {
                    Log.FiringWithoutFigure(logger, level, pluginId, ruleId, alert.Level, duration, message);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2201, Message = "Health alert {AlertLevel} {PluginId}/{RuleId} firing {Duration}: {AlertMessage} (value {Value}, threshold {Threshold})")]
        public static partial void Firing(ILogger logger, LogLevel level, string pluginId, string ruleId, AlertLevel alertLevel, double value, double? threshold, string duration, string alertMessage);

        [LoggerMessage(EventId = 2203, Message = "Health alert {AlertLevel} {PluginId}/{RuleId} firing {Duration}: {AlertMessage}")]
        public static partial void FiringWithoutFigure(ILogger logger, LogLevel level, string pluginId, string ruleId, AlertLevel alertLevel, string duration, string alertMessage);

        [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Health alert {AlertLevel} {PluginId}/{RuleId} resolved after {Duration} (since {Since}): {AlertMessage}")]
        public static partial void Resolved(ILogger logger, string pluginId, string ruleId, AlertLevel alertLevel, string duration, string since, string alertMessage);
    }
}
