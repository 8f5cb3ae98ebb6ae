using System.Globalization;
using System.Text;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Splits dashboard text into messages that Telegram accepts: each at most a given length counted in
/// UTF-16 units after entity parsing (tags stripped, entities decoded), split between lines, and a
/// line longer than a message split between characters but never inside a tag, an entity or a
/// surrogate pair. Tags open at a split are closed at the end of one message and reopened at the
/// start of the next, so every message is well-formed on its own.
/// </summary>
internal sealed class DashboardMessageSplitter
{
    private readonly bool _html;
    private readonly int _limit;
    private readonly List<string> _messages = [];
    private readonly List<(string Name, string Tag)> _open = [];
    private readonly StringBuilder _current = new();
    private int _currentLength;
    private bool _hasLines;

    private DashboardMessageSplitter(bool html, int limit)
    {
        _html = html;
        _limit = limit;
    }

    /// <summary>Splits <paramref name="text"/> into messages of at most <paramref name="limit"/> visible UTF-16 units.</summary>
    public static IReadOnlyList<string> Split(string text, DashboardFormat format, int limit = IHealthDashboard.MaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 16);
        var splitter = new DashboardMessageSplitter(format == DashboardFormat.TelegramHtml, limit);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            splitter.AddLine(line);
        }

        splitter.Flush();
        return splitter._messages.Count == 0 ? [string.Empty] : splitter._messages;
    }

    /// <summary>Counts the UTF-16 units Telegram counts: tags stripped, entities decoded.</summary>
    public static int VisibleLength(string text, DashboardFormat format)
    {
        if (format != DashboardFormat.TelegramHtml)
        {
            return text.Length;
        }

        var length = 0;
        var i = 0;
        while (i < text.Length)
        {
            var (next, visible, _) = NextToken(text, i, html: true);
            length += visible;
            i = next;
        }

        return length;
    }

    private void AddLine(string line)
    {
        var length = VisibleLength(line, _html ? DashboardFormat.TelegramHtml : DashboardFormat.PlainText);

        // A blank line at the top of a message is noise (Telegram trims it anyway).
        if (length == 0 && !_hasLines && !line.Contains('<', StringComparison.Ordinal))
        {
            return;
        }

        var separator = _hasLines ? 1 : 0;
        if (_currentLength + separator + length > _limit)
        {
            Flush();
            separator = 0;
            if (length == 0)
            {
                return;
            }
        }

        if (length <= _limit - _currentLength - separator)
        {
            if (separator == 1)
            {
                _current.Append('\n');
                _currentLength++;
            }

            AppendTokens(line, 0, line.Length);
            _currentLength += length;
            _hasLines = true;
            return;
        }

        // One line longer than a message: split between tokens.
        var i = 0;
        while (i < line.Length)
        {
            var (next, visible, _) = NextToken(line, i, _html);
            if (_currentLength + visible > _limit)
            {
                Flush();
            }

            AppendTokens(line, i, next);
            _currentLength += visible;
            _hasLines = true;
            i = next;
        }
    }

    private void AppendTokens(string line, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            var (next, _, tag) = NextToken(line, i, _html);
            var token = line[i..next];
            _current.Append(token);
            if (tag)
            {
                Track(token);
            }

            i = next;
        }
    }

    private void Track(string tag)
    {
        var closing = tag.StartsWith("</", StringComparison.Ordinal);
        var nameStart = closing ? 2 : 1;
        var nameEnd = nameStart;
        while (nameEnd < tag.Length && (char.IsAsciiLetterOrDigit(tag[nameEnd]) || tag[nameEnd] == '-'))
        {
            nameEnd++;
        }

        var name = tag[nameStart..nameEnd].ToLowerInvariant();
        if (!closing)
        {
            _open.Add((name, tag));
            return;
        }

        var index = _open.FindLastIndex(t => t.Name == name);
        if (index >= 0)
        {
            _open.RemoveAt(index);
        }
    }

    private void Flush()
    {
        if (!_hasLines)
        {
            return;
        }

        // A blank line that ended up last is noise too.
        while (_current.Length > 0 && _current[^1] == '\n')
        {
            _current.Length--;
        }

        for (var i = _open.Count - 1; i >= 0; i--)
        {
            _current.Append("</").Append(_open[i].Name).Append('>');
        }

        _messages.Add(_current.ToString());
        _current.Clear();
        foreach (var (_, tag) in _open)
        {
            _current.Append(tag);
        }

        _currentLength = 0;
        _hasLines = false;
    }

    /// <summary>Reads one token at <paramref name="i"/>: a tag, an entity, a surrogate pair or one character.</summary>
    /// <returns>Where the next token starts, how many UTF-16 units it shows, and whether it is a tag.</returns>
    private static (int Next, int Visible, bool Tag) NextToken(string text, int i, bool html)
    {
        var c = text[i];
        if (html && c == '<')
        {
            var close = text.IndexOf('>', i);
            return close < 0 ? (text.Length, 0, true) : (close + 1, 0, true);
        }

        if (html && c == '&')
        {
            var semicolon = text.IndexOf(';', i);
            if (semicolon > i && semicolon - i <= 10)
            {
                var entity = text.AsSpan(i + 1, semicolon - i - 1);
                return (semicolon + 1, EntityLength(entity), false);
            }
        }

        return char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? (i + 2, 2, false) : (i + 1, 1, false);
    }

    private static int EntityLength(ReadOnlySpan<char> entity)
    {
        if (entity.Length > 1 && entity[0] == '#')
        {
            var hex = entity[1] is 'x' or 'X';
            var digits = entity[(hex ? 2 : 1)..];
            if (int.TryParse(digits, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var codePoint))
            {
                return codePoint > 0xFFFF ? 2 : 1;
            }
        }

        return 1;
    }
}
