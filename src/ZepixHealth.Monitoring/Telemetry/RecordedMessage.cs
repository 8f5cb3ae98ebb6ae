namespace ZepixHealth.Monitoring;

/// <summary>The last error or warning a <see cref="PluginTelemetry"/> recorded: text already truncated.</summary>
/// <param name="Message">The message, at most <see cref="PluginTelemetryDefaults.MaxMessageLength"/> characters.</param>
/// <param name="TypeName">The exception's full type name, or <see langword="null"/> for a warning.</param>
/// <param name="At">When it was recorded (read from the clock, not the coarse clock).</param>
internal sealed record RecordedMessage(string Message, string? TypeName, DateTimeOffset At)
{
    /// <summary>Keeps <paramref name="exception"/>'s message and full type name, each truncated to its limit.</summary>
    public static RecordedMessage FromException(Exception exception, DateTimeOffset at)
    {
        var type = exception.GetType();
        return new RecordedMessage(
            Truncate(ReadMessage(exception), PluginTelemetryDefaults.MaxMessageLength),
            Truncate(type.FullName ?? type.Name, PluginTelemetryDefaults.MaxTypeNameLength),
            at);
    }

    /// <summary>Keeps a warning's <paramref name="message"/>, truncated to its limit.</summary>
    public static RecordedMessage FromWarning(string message, DateTimeOffset at) =>
        new(Truncate(message, PluginTelemetryDefaults.MaxMessageLength), null, at);

    /// <summary>Cuts <paramref name="text"/> to <paramref name="maxLength"/> characters, the last one an ellipsis when cut.</summary>
    public static string Truncate(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");

    /// <summary>Reads an exception's message; a message getter that throws gives a placeholder instead.</summary>
    public static string ReadMessage(Exception exception)
    {
        try
        {
            return exception.Message;
        }
#pragma warning disable CA1031 // A plugin's exception whose Message throws must not break the recorder.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"(the Message of {exception.GetType().Name} threw {ex.GetType().Name})";
        }
    }
}
