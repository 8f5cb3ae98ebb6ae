using System.Text.RegularExpressions;

namespace ZepixHealth.Monitoring.Tests.Architecture;

/// <summary>
/// A method (or constructor, or expression-bodied member with a block initializer) of a source file, found
/// by the layout the code style fixes: a member's body opens with a <c>{</c> alone on a line at the
/// member's indentation, and closes with a <c>}</c> at the same indentation.
/// </summary>
internal sealed partial record MethodSpan(string File, string Signature, int FirstLine, int LineCount)
{
    public static IEnumerable<MethodSpan> Find(SourceFile file)
    {
        var lines = file.Lines;
        var coveredUntil = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var open = BodyOpen().Match(lines[i]);
            if (!open.Success || i <= coveredUntil)
            {
                continue;
            }

            var first = HeaderStart(lines, i);
            var header = string.Join(' ', lines[first..i].Select(l => l.Trim()));
            var beforeParameters = header.Split('(')[0];
            if (!header.Contains('(', StringComparison.Ordinal) || TypeKeyword().IsMatch(beforeParameters))
            {
                continue;
            }

            var last = ClosingLine(lines, i, open.Groups[1].Value);
            coveredUntil = last;
            yield return new MethodSpan(file.RelativePath, header, first + 1, last - first + 1);
        }
    }

    /// <summary>The line that closes the body: its brace at the body's indentation (<c>};</c> for an expression body).</summary>
    private static int ClosingLine(string[] lines, int bodyOpen, string indentation)
    {
        for (var k = bodyOpen + 1; k < lines.Length; k++)
        {
            if (lines[k].StartsWith(indentation + "}", StringComparison.Ordinal) && lines[k].TrimEnd().Length <= indentation.Length + 2)
            {
                return k;
            }
        }

        return lines.Length - 1;
    }

    /// <summary>The first line of the signature: after the previous statement, attribute, comment or blank line.</summary>
    private static int HeaderStart(string[] lines, int bodyOpen)
    {
        var j = bodyOpen - 1;
        while (j >= 0)
        {
            var line = lines[j].Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith('[')
                || line.EndsWith(';') || line.EndsWith('}') || line.EndsWith('{'))
            {
                break;
            }

            j--;
        }

        return j + 1;
    }

    [GeneratedRegex(@"^( {4}| {8})\{\s*$")]
    private static partial Regex BodyOpen();

    [GeneratedRegex(@"\b(?:class|struct|record|interface|enum|namespace)\b")]
    private static partial Regex TypeKeyword();
}
