namespace ZepixHealth.Monitoring.AnomalyEvaluation;

/// <summary>
/// Scores detections the way NAB's standard profile does: the earliest detection in a window earns the
/// scaled sigmoid of its position (1 at the window's start), a missed window costs 1, a detection outside
/// every window costs 0.11 × the scaled sigmoid of its distance past the previous window (0.11 with none).
/// Detections in the probation period are ignored.
/// </summary>
internal static class NabScorer
{
    private const double FalsePositiveWeight = 0.11;
    private const double FalseNegativeWeight = 1.0;

    public static SeriesScore Score(LabelledSeries series, IEnumerable<int> detections)
    {
        var windows = series.Windows;
        var hit = new bool[windows.Length];
        var raw = 0.0;
        var falseAlerts = 0;
        var times = new List<TimeSpan>();
        foreach (var row in detections.Where(r => r >= series.ProbationRows).Order())
        {
            var inside = Array.FindIndex(windows, w => w.Start <= row && row <= w.End);
            if (inside >= 0)
            {
                if (!hit[inside])
                {
                    var (start, end) = windows[inside];
                    raw += ScaledSigmoid(-(double)(end - row) / Math.Max(1, end - start)) / ScaledSigmoid(-1);
                    hit[inside] = true;
                    times.Add(series.Timestamps[row] - series.Timestamps[start]);
                }

                continue;
            }

            falseAlerts++;
            var previous = Array.FindLastIndex(windows, w => w.End < row);
            raw += previous < 0
                ? -FalsePositiveWeight
                : FalsePositiveWeight * ScaledSigmoid((double)(row - windows[previous].End) / Math.Max(1, windows[previous].End - windows[previous].Start));
        }

        raw -= FalseNegativeWeight * hit.Count(h => !h);
        return new SeriesScore(series.Name, windows.Length, hit.Count(h => h), falseAlerts, series.ScoredDays, raw, -FalseNegativeWeight * windows.Length, windows.Length, times.ToArray());
    }

    /// <summary>2·sigmoid(−5p) − 1: about 1 at p = −1 (a window's start), 0 at its end, −1 far past it.</summary>
    private static double ScaledSigmoid(double position) => (2 / (1 + Math.Exp(5 * position))) - 1;
}
