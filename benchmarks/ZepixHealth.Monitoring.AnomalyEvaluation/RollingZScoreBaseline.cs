namespace ZepixHealth.Monitoring.AnomalyEvaluation;

/// <summary>
/// The classic baseline: mean and standard deviation of the previous day of rows (at least 20), a row
/// more than 3 sigma away either way is anomalous, and each start of an anomalous run is one detection.
/// </summary>
internal static class RollingZScoreBaseline
{
    public static IReadOnlyList<int> Detect(LabelledSeries series)
    {
        var window = Math.Max(20, (int)(TimeSpan.FromDays(1) / series.Cadence));
        var detections = new List<int>();
        double sum = 0, sumOfSquares = 0;
        var wasAnomalous = false;
        for (var row = 0; row < series.Values.Length; row++)
        {
            var x = series.Values[row];
            if (row >= window)
            {
                var mean = sum / window;
                var sigma = Math.Sqrt(Math.Max(0, (sumOfSquares / window) - (mean * mean)));
                var anomalous = sigma > 0 ? Math.Abs(x - mean) > 3 * sigma : x != mean;
                if (anomalous && !wasAnomalous)
                {
                    detections.Add(row);
                }

                wasAnomalous = anomalous;
                var leaving = series.Values[row - window];
                sum -= leaving;
                sumOfSquares -= leaving * leaving;
            }

            sum += x;
            sumOfSquares += x * x;
        }

        return detections;
    }
}
