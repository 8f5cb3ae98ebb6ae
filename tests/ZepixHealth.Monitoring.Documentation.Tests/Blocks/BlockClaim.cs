namespace ZepixHealth.Monitoring.Documentation.Tests.Blocks;

/// <summary>One line of documented-blocks.txt: which block (file, heading, hash) is checked how.</summary>
/// <param name="File">The markdown file, relative to the repository root.</param>
/// <param name="Heading">The heading the block sits under.</param>
/// <param name="Hash">The block's <see cref="DocumentedBlock.Hash"/>.</param>
/// <param name="Check">How it is checked: a kind (first word or two, see documented-blocks.txt) and its argument.</param>
/// <param name="CatalogLine">The 1-based line in documented-blocks.txt.</param>
public sealed record BlockClaim(string File, string Heading, string Hash, string Check, int CatalogLine)
{
    /// <summary>Gets whether this claim names <paramref name="block"/>.</summary>
    public bool Claims(DocumentedBlock block) => block.File == File && block.Heading == Heading && block.Hash == Hash;

    /// <summary>Gets whether the check is <paramref name="kind"/>, alone or followed by an argument.</summary>
    public bool Is(string kind) => Check == kind || Check.StartsWith(kind + " ", StringComparison.Ordinal);

    /// <summary>Gets what follows <paramref name="kind"/> in the check.</summary>
    public string Argument(string kind) => Check.Length > kind.Length ? Check[(kind.Length + 1)..].Trim() : "";

    /// <inheritdoc/>
    public override string ToString() => $"{File} | {Heading} | {Hash} | {Check}";
}
