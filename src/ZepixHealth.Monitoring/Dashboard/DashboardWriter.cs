using System.Text;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Writes dashboard text in one <see cref="DashboardFormat"/>: markup only in HTML, every dynamic text
/// escaped there. Layout code calls the same methods for both formats. Every text is made one line
/// first (<see cref="OperatorText.ToSingleLine"/>): plugin ids, reasons and messages are shown here.
/// </summary>
internal sealed class DashboardWriter(DashboardFormat format)
{
    private readonly StringBuilder _text = new();

    public bool IsHtml { get; } = format == DashboardFormat.TelegramHtml;

    /// <summary>Appends text as it is shown: escaped in HTML.</summary>
    public DashboardWriter Text(string? text)
    {
        text = OperatorText.ToSingleLine(text);
        if (IsHtml)
        {
            AppendEscaped(_text, text);
        }
        else
        {
            AppendPlain(_text, text);
        }

        return this;
    }

    public DashboardWriter Bold(string? text) => Tagged("b", text);

    public DashboardWriter Italic(string? text) => Tagged("i", text);

    public DashboardWriter Code(string? text) => Tagged("code", text);

    public DashboardWriter Line()
    {
        _text.Append('\n');
        return this;
    }

    public DashboardWriter Line(string? text) => Text(text).Line();

    public override string ToString() => _text.ToString();

    /// <summary>Escapes the characters Telegram's HTML parse mode treats as markup.</summary>
    public static void AppendEscaped(StringBuilder builder, string? text)
    {
        foreach (var c in text.AsSpan())
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                _ => builder.Append(c),
            };
        }
    }

    /// <summary>Appends <paramref name="text"/> with each control character (line breaks, escapes) as a space.</summary>
    public static void AppendPlain(StringBuilder builder, string? text)
    {
        foreach (var c in text.AsSpan())
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
    }

    private DashboardWriter Tagged(string tag, string? text)
    {
        text = OperatorText.ToSingleLine(text);
        if (IsHtml)
        {
            _text.Append('<').Append(tag).Append('>');
            AppendEscaped(_text, text);
            _text.Append("</").Append(tag).Append('>');
        }
        else
        {
            AppendPlain(_text, text);
        }

        return this;
    }
}
