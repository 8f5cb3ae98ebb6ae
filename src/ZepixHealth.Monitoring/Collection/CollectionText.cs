using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>The operator-facing wording of what the collection saw: failures, durations, cut texts.</summary>
internal static class CollectionText
{
    public const string ReturnedFalse = "IsAliveAsync returned false.";

    /// <summary>Describes an exception a plugin threw, with its message cut to a safe length.</summary>
    /// <remarks>A plugin's exception may even throw from its <see cref="Exception.Message"/>: that is survived too.</remarks>
    public static string Describe(string what, Exception exception)
    {
        string message;
        try
        {
            message = exception.Message;
        }
        catch (Exception)
        {
            message = "(its message could not be read)";
        }

        return $"{what} {exception.GetType().Name}: {Cut(message)}";
    }

    /// <summary>Cuts a text a plugin returned to <see cref="PluginHealthDefaults.MaxTextLength"/> characters.</summary>
    public static string Cut(string text) =>
        text.Length > PluginHealthDefaults.MaxTextLength
            ? string.Concat(text.AsSpan(0, PluginHealthDefaults.MaxTextLength - 1), "…")
            : text;

    /// <summary>A duration as an operator reads it: "250 ms", "4.5 s", and from a minute on an age ("5 min", "2 h 10 min").</summary>
    public static string FormatDuration(TimeSpan duration) =>
        duration.TotalSeconds < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms")
            : duration.TotalMinutes < 1
                ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s")
                : OperatorTime.Age(duration);
}
