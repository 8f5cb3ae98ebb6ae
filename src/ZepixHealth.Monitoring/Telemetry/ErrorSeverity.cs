namespace ZepixHealth.Monitoring;

/// <summary>How bad an error passed to <see cref="PluginTelemetry.RecordError"/> is.</summary>
public enum ErrorSeverity
{
    /// <summary>An operation failed; the plugin carries on. Counted in <see cref="PluginErrorMetrics.TotalErrors"/>.</summary>
    Error = 0,

    /// <summary>
    /// A failure that threatens the plugin's trading (lost exchange connection, corrupt state).
    /// Counted in both <see cref="PluginErrorMetrics.TotalErrors"/> and <see cref="PluginErrorMetrics.CriticalErrors"/>.
    /// </summary>
    Critical = 1,
}
