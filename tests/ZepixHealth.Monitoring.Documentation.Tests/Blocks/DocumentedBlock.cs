using System.Security.Cryptography;
using System.Text;

namespace ZepixHealth.Monitoring.Documentation.Tests.Blocks;

/// <summary>One fenced block of a markdown file, with the heading it sits under.</summary>
/// <param name="File">The markdown file, relative to the repository root, with '/' separators.</param>
/// <param name="Heading">The text of the nearest heading above the block, without its '#'s (empty before the first).</param>
/// <param name="Language">The fence's info string (<c>csharp</c>, <c>json</c>, …), empty when it has none.</param>
/// <param name="Line">The 1-based line of the opening fence.</param>
/// <param name="Text">The block's content, without the fences and the fence's indentation, lines joined by '\n'.</param>
public sealed record DocumentedBlock(string File, string Heading, string Language, int Line, string Text)
{
    /// <summary>Gets the first 8 hex digits of the SHA-256 of <see cref="Text"/>: a claim names the block by it.</summary>
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..8];

    /// <summary>Gets the block's first line that is not blank.</summary>
    public string FirstLine => Text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";

    /// <summary>Gets the line a catalog needs to claim this block with <paramref name="check"/>.</summary>
    public string ClaimLine(string check) => $"{File} | {Heading} | {Hash} | {check}";

    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line} (under \"{Heading}\", {Language}, {Hash})";
}
