namespace ZepixHealth.Monitoring;

/// <summary>
/// Writes labelled lines as a tree (<c>├</c>, the last <c>└</c>), leaving out every line whose value is
/// unknown: an operator reads what is known, not a column of <c>n/a</c>.
/// </summary>
internal sealed class DashboardTree
{
    private readonly List<(string Label, string Value)> _lines = [];

    public int Count => _lines.Count;

    /// <summary>Adds a line; a <see langword="null"/> or empty value leaves it out.</summary>
    public DashboardTree Add(string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _lines.Add((label, value));
        }

        return this;
    }

    /// <summary>Writes the lines, if any.</summary>
    public void WriteTo(DashboardWriter w)
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            w.Line($"{(i == _lines.Count - 1 ? "└" : "├")} {_lines[i].Label}: {_lines[i].Value}");
        }
    }
}
