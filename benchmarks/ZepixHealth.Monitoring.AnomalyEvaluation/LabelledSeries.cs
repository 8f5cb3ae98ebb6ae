using System.Globalization;
using System.Text.Json;

namespace ZepixHealth.Monitoring.AnomalyEvaluation;

/// <summary>One NAB series: its timestamps and values, and its labelled anomaly windows (as row indices).</summary>
internal sealed record LabelledSeries(string Name, DateTimeOffset[] Timestamps, double[] Values, (int Start, int End)[] Windows)
{
    /// <summary>The first rows NAB does not score (15 % of the file, at most 750): the detector learns.</summary>
    public int ProbationRows => Math.Min((int)(0.15 * Values.Length), 750);

    /// <summary>The typical time between two rows (the median gap): the collection interval the series is replayed at.</summary>
    public TimeSpan Cadence
    {
        get
        {
            var gaps = Timestamps.Skip(1).Select((t, i) => t - Timestamps[i]).Order().ToArray();
            return gaps.Length == 0 ? TimeSpan.FromMinutes(5) : gaps[gaps.Length / 2];
        }
    }

    /// <summary>Days covered by the scored part of the series.</summary>
    public double ScoredDays => (Timestamps[^1] - Timestamps[ProbationRows]).TotalDays;

    /// <summary>Loads every series of <c>windows.json</c> under <paramref name="folder"/> whose name contains a filter (all when none).</summary>
    public static IReadOnlyList<LabelledSeries> Load(string folder, IReadOnlyCollection<string> filters)
    {
        using var windows = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "windows.json")));
        var result = new List<LabelledSeries>();
        foreach (var file in windows.RootElement.EnumerateObject().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (filters.Count > 0 && !filters.Any(f => file.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var rows = File.ReadLines(Path.Combine(folder, "data", file.Name)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
            var timestamps = rows.Select(r => ParseTime(r[0])).ToArray();
            var values = rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();
            var labelled = file.Value.EnumerateArray()
                .Select(w => (Start: IndexAtOrAfter(timestamps, ParseTime(w[0].GetString()!)), End: IndexAtOrAfter(timestamps, ParseTime(w[1].GetString()!))))
                .Select(w => (w.Start, Math.Min(w.End, timestamps.Length - 1)))
                .ToArray();
            result.Add(new LabelledSeries(file.Name, timestamps, values, labelled));
        }

        return result;
    }

    private static DateTimeOffset ParseTime(string text) =>
        new(DateTime.SpecifyKind(DateTime.Parse(text[..Math.Min(19, text.Length)], CultureInfo.InvariantCulture), DateTimeKind.Utc));

    private static int IndexAtOrAfter(DateTimeOffset[] timestamps, DateTimeOffset time)
    {
        var index = Array.BinarySearch(timestamps, time);
        return index >= 0 ? index : ~index;
    }
}
