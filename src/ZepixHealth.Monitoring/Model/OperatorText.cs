using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Makes text a plugin supplied safe to put in a log line or on a terminal: one line, with every
/// character that a terminal or a log reader would act on shown visibly instead.
/// </summary>
internal static class OperatorText
{
    /// <summary>
    /// Returns <paramref name="text"/> as one line: C0 and C1 control characters, DEL, line and
    /// paragraph separators, bidirectional overrides and lone surrogates are written as escapes
    /// (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\u001b</c>), so a plugin cannot start a new log entry, move
    /// the cursor or reorder what the operator reads. Text that needs nothing is returned as it is.
    /// </summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? ToSingleLine(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var first = FirstUnsafe(text, 0);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c))
            {
                AppendEscape(builder, c);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int FirstUnsafe(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return i;
            }
        }

        return -1;
    }

    // Called only for a char that is not part of a valid surrogate pair.
    private static bool IsUnsafe(char c) =>
        c < ' '
        || c is >= '\u007f' and <= '\u009f'
        || c is '\u2028' or '\u2029'
        || c is >= '\u202a' and <= '\u202e'
        || c is >= '\u2066' and <= '\u2069'
        || char.IsSurrogate(c);

    private static void AppendEscape(StringBuilder builder, char c)
    {
        _ = c switch
        {
            '\n' => builder.Append("\\n"),
            '\r' => builder.Append("\\r"),
            '\t' => builder.Append("\\t"),
            _ => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
        };
    }
}
