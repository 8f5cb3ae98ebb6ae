namespace ZepixHealth.Monitoring.AnomalyEvaluation;

/// <summary>
/// The simplest baseline: a fixed threshold at the 99th percentile of the probation rows; each start of
/// a run above it is one detection.
/// </summary>
internal static class StaticThresholdBaseline
{
    public static IReadOnlyList<int> Detect(LabelledSeries series)
    {
        var probation = series.Values.Take(Math.Max(1, series.ProbationRows)).Order().ToArray();
        var threshold = probation[Math.Min(probation.Length - 1, (int)Math.Ceiling(0.99 * probation.Length) - 1)];
        var detections = new List<int>();
        var wasAbove = false;
        for (var row = 0; row < series.Values.Length; row++)
        {
            var above = series.Values[row] > threshold;
            if (above && !wasAbove)
            {
                detections.Add(row);
            }

            wasAbove = above;
        }

        return detections;
    }
}
