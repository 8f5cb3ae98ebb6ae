using System.Net;
using System.Text.RegularExpressions;

namespace ZepixHealth.Monitoring.Telegram;

/// <summary>Text helpers: HTML to plain text for the fallback, and the token kept out of every message.</summary>
internal static partial class TelegramText
{
    /// <summary>The most characters of an operator's argument a reply echoes.</summary>
    public const int MaxEcho = 200;

    private const string Redacted = "<token>";

    /// <summary>
    /// What Telegram would show for <paramref name="html"/>: tags stripped, entities decoded. Of the same
    /// visible length, so a message within the limit stays within it.
    /// </summary>
    public static string ToPlain(string html) => WebUtility.HtmlDecode(TagRegex().Replace(html, string.Empty));

    /// <summary>Removes the token (and its secret half on its own) from a text about to be logged or thrown.</summary>
    public static string Redact(string? text, string token)
    {
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(token))
        {
            return text ?? string.Empty;
        }

        var result = text.Replace(token, Redacted, StringComparison.Ordinal);
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && token.Length - colon > 8)
        {
            result = result.Replace(token[(colon + 1)..], Redacted, StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>
    /// What a reply may echo of an operator's argument: at most <see cref="MaxEcho"/> characters, on one
    /// line, HTML-escaped. A whole 5,000-character argument would make the reply too long to send.
    /// </summary>
    public static string Echo(string argument)
    {
        var flat = string.Concat(argument.Select(c => char.IsControl(c) ? ' ' : c));
        var cut = flat.Length > MaxEcho ? string.Concat(flat.AsSpan(0, MaxEcho), "…") : flat;
        return WebUtility.HtmlEncode(cut);
    }

    /// <summary>
    /// Operator text for a place without markup (a button press's answer): control characters become
    /// spaces, and it is cut to 60 characters, as Telegram shows at most 200 there.
    /// </summary>
    public static string Plain(string text)
    {
        var flat = string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
        return flat.Length > 60 ? string.Concat(flat.AsSpan(0, 60), "…") : flat;
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagRegex();
}
