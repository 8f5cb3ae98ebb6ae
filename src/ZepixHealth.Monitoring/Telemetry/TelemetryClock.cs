namespace ZepixHealth.Monitoring;

/// <summary>The timer that ticks a <see cref="SlidingTelemetryWindow"/> once every <see cref="PluginTelemetryDefaults.ClockResolution"/>.</summary>
internal static class TelemetryClock
{
    /// <summary>Starts a timer of <paramref name="timeProvider"/> that ticks <paramref name="window"/>; dispose it to stop.</summary>
    /// <remarks>
    /// The timer holds the window weakly, so that a recorder nobody disposed can still be collected;
    /// and it does not capture the caller's execution context (its AsyncLocals), which it would keep alive.
    /// </remarks>
    public static ITimer Start(TimeProvider timeProvider, SlidingTelemetryWindow window)
    {
        var suppress = !ExecutionContext.IsFlowSuppressed();
        var flow = suppress ? ExecutionContext.SuppressFlow() : default;
        try
        {
            return timeProvider.CreateTimer(
                static state =>
                {
                    if (((WeakReference<SlidingTelemetryWindow>)state!).TryGetTarget(out var target))
                    {
                        target.Tick();
                    }
                },
                new WeakReference<SlidingTelemetryWindow>(window),
                PluginTelemetryDefaults.ClockResolution,
                PluginTelemetryDefaults.ClockResolution);
        }
        finally
        {
            if (suppress)
            {
                flow.Undo();
            }
        }
    }
}
