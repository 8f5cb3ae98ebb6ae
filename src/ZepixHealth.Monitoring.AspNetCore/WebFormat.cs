using System.Globalization;
using System.Text.Encodings.Web;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>Formatting and encoding for the pages: every piece of plugin text goes through <see cref="E"/>.</summary>
internal static class WebFormat
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    public static string Number(double? value, string unit = "") =>
        value is { } v ? v.ToString(v >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture) + unit : "\u2013";

    public static string Count(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "\u2013";

    public static string Age(double? seconds) => seconds switch
    {
        null => "\u2013",
        < 60 => $"{seconds.Value.ToString("0", CultureInfo.InvariantCulture)} s",
        < 3600 => $"{(seconds.Value / 60).ToString("0", CultureInfo.InvariantCulture)} min",
        < 86400 => $"{(seconds.Value / 3600).ToString("0.#", CultureInfo.InvariantCulture)} h",
        _ => $"{(seconds.Value / 86400).ToString("0.#", CultureInfo.InvariantCulture)} d",
    };

    public static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "\u2013";

    public static string Invariant(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A plugin id as one URL path segment: nothing in an id can leave its segment.</summary>
    public static string Segment(string id) => Uri.EscapeDataString(id);
}
