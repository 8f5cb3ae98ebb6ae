using System.Globalization;
using System.Text.Json;

namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

/// <summary>
/// A labelled series of the NAB development set in <c>../shared/anomaly-dev</c> beside the repository:
/// its timestamps, values and labelled anomaly windows (row indices).
/// </summary>
internal sealed record NabSeries(string Name, DateTimeOffset[] Timestamps, double[] Values, (int Start, int End)[] Windows)
{
    /// <summary>The rows NAB leaves unscored while a detector learns: 15 % of the file, at most 750.</summary>
    public int ProbationRows => Math.Min((int)(0.15 * Values.Length), 750);

    public TimeSpan Cadence => Timestamps.Skip(1).Select((t, i) => t - Timestamps[i]).Order().ElementAt(Timestamps.Length / 2);

    public double ScoredDays => (Timestamps[^1] - Timestamps[ProbationRows]).TotalDays;

    public static string Folder()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZepixHealth.Monitoring.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "anomaly-dev"));
            }
        }

        throw new InvalidOperationException("No repository above the test directory.");
    }

    public static NabSeries Load(string name)
    {
        var folder = Folder();
        using var windows = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "windows.json")));
        var rows = File.ReadLines(Path.Combine(folder, "data", name)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var timestamps = rows.Select(r => Parse(r[0])).ToArray();
        var labelled = windows.RootElement.GetProperty(name).EnumerateArray()
            .Select(w => (Index(timestamps, Parse(w[0].GetString()!)), Math.Min(Index(timestamps, Parse(w[1].GetString()!)), timestamps.Length - 1)))
            .ToArray();
        return new NabSeries(name, timestamps, rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray(), labelled);
    }

    /// <summary>Feeds every row to a default CPU detector (watched both ways) at the series' cadence; returns the rows where it starts firing.</summary>
    public int[] FiringStarts(AnomalyDetectionOptions? options = null)
    {
        var detector = new AnomalyDetector(AnomalyMetric.Cpu, options ?? new AnomalyDetectionOptions(), Cadence);
        var starts = new List<int>();
        var firing = false;
        for (var row = 0; row < Values.Length; row++)
        {
            var now = detector.Observe(Values[row], Timestamps[row]).IsFiring;
            if (now && !firing)
            {
                starts.Add(row);
            }

            firing = now;
        }

        return starts.ToArray();
    }

    private static DateTimeOffset Parse(string text) =>
        new(DateTime.SpecifyKind(DateTime.Parse(text[..Math.Min(19, text.Length)], CultureInfo.InvariantCulture), DateTimeKind.Utc));

    private static int Index(DateTimeOffset[] timestamps, DateTimeOffset time)
    {
        var index = Array.BinarySearch(timestamps, time);
        return index >= 0 ? index : ~index;
    }
}
