namespace ZepixHealth.Monitoring;

/// <summary>The last error or warning a <see cref="PluginTelemetry"/> recorded: text already truncated.</summary>
/// <param name="Message">The message, at most <see cref="PluginTelemetryDefaults.MaxMessageLength"/> characters.</param>
/// <param name="TypeName">The exception's full type name, or <see langword="null"/> for a warning.</param>
/// <param name="At">When it was recorded (read from the clock, not the coarse clock).</param>
internal sealed record RecordedMessage(string Message, string? TypeName, DateTimeOffset At)
{
    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxLength"/> characters, the last one an ellipsis when cut.</summary>
    public static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
}
