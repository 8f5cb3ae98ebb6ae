using System.Net;
using System.Text.RegularExpressions;

namespace ZepixHealth.Monitoring.Telegram.Tests.Support;

/// <summary>Checks on HTML as Telegram parses it.</summary>
internal static partial class TelegramHtml
{
    /// <summary>The text Telegram shows: tags stripped, entities decoded.</summary>
    public static string Visible(string html) => WebUtility.HtmlDecode(TagRegex().Replace(html, string.Empty));

    /// <summary>The tags of <paramref name="html"/>, in order.</summary>
    public static IReadOnlyList<string> Tags(string html) => [.. TagRegex().Matches(html).Select(m => m.Value)];

    /// <summary>Whether every tag is one the renderer uses and each is closed in order.</summary>
    public static bool IsBalanced(string html)
    {
        var open = new Stack<string>();
        foreach (var tag in Tags(html))
        {
            var closing = tag.StartsWith("</", StringComparison.Ordinal);
            var name = tag.Trim('<', '>', '/');
            if (name is not ("b" or "i" or "code"))
            {
                return false;
            }

            if (!closing)
            {
                open.Push(name);
            }
            else if (open.Count == 0 || open.Pop() != name)
            {
                return false;
            }
        }

        return open.Count == 0;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagRegex();
}
