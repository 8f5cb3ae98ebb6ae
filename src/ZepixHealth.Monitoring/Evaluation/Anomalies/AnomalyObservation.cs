using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// What an <see cref="AnomalyDetector"/> concluded about one sample: whether it was judged, whether it
/// was anomalous, whether the detector fires, and the baseline it was judged against.
/// </summary>
internal readonly struct AnomalyObservation
{
    /// <summary>Returns the observation of an unknown sample: nothing judged, nothing changed.</summary>
    public static AnomalyObservation Skipped(AnomalyMetric metric, int consecutiveAnomalies, int baselineCount, double threshold) => new()
    {
        Metric = metric,
        Value = double.NaN,
        IsSkipped = true,
        ConsecutiveAnomalies = consecutiveAnomalies,
        BaselineCount = baselineCount,
        Median = double.NaN,
        MedianAbsoluteDeviation = double.NaN,
        Scale = double.NaN,
        Score = double.NaN,
        Threshold = threshold,
        Limit = double.NaN,
    };

    /// <summary>The metric the sample belongs to.</summary>
    public required AnomalyMetric Metric { get; init; }

    /// <summary>The sample; NaN when it was unknown (<see cref="IsSkipped"/>).</summary>
    public required double Value { get; init; }

    /// <summary>The sample was unknown (null or not finite): nothing was judged, learned or reset.</summary>
    public bool IsSkipped { get; init; }

    /// <summary>The baseline held fewer than the warm-up samples: the sample was learned, not judged.</summary>
    public bool IsWarmingUp { get; init; }

    /// <summary>The sample was beyond the limit in the metric's bad direction.</summary>
    public bool IsAnomalous { get; init; }

    /// <summary>
    /// The detector fires: this sample and the <see cref="AnomalyDetectionOptions.ConsecutiveSamples"/> − 1
    /// before it (skipped ones aside) were anomalous. Never true for a skipped sample.
    /// </summary>
    public bool IsFiring { get; init; }

    /// <summary>
    /// A level that lasted <see cref="AnomalyDetectionOptions.RelearnAfterSamples"/> samples became the new
    /// normal with this sample: the baseline was rebuilt from that level; a firing detector stops firing.
    /// </summary>
    public bool Relearned { get; init; }

    /// <summary>How many anomalous samples in a row there have been, this one included.</summary>
    public int ConsecutiveAnomalies { get; init; }

    /// <summary>How many samples the baseline holds.</summary>
    public int BaselineCount { get; init; }

    /// <summary>The baseline's median the sample was judged against; NaN while the baseline is empty.</summary>
    public double Median { get; init; }

    /// <summary>The baseline's median absolute deviation; NaN when the sample was not judged.</summary>
    public double MedianAbsoluteDeviation { get; init; }

    /// <summary>
    /// The robust standard deviation the score is measured in: 1.4826 × MAD, raised to the floors
    /// (minimum absolute and relative deviation ÷ threshold) when the series is flatter than they allow,
    /// and to √median (the Poisson spread) for hourly counts.
    /// NaN when the sample was not judged.
    /// </summary>
    public double Scale { get; init; }

    /// <summary>
    /// The robust z-score: the deviation from the median in the metric's bad direction, in units of
    /// <see cref="Scale"/> (negative when the sample moved the good way). NaN when not judged.
    /// </summary>
    public double Score { get; init; }

    /// <summary>The score above which a sample is anomalous (<see cref="AnomalyDetectionOptions.Threshold"/>).</summary>
    public double Threshold { get; init; }

    /// <summary>
    /// The value beyond which a sample is anomalous: above it for a metric that must not rise, below it
    /// for one that must not drop. NaN when the sample was not judged. Suits <c>HealthAlert.Threshold</c>.
    /// </summary>
    public double Limit { get; init; }

    /// <summary>The sample was judged against a warm baseline.</summary>
    public bool IsJudged => !IsSkipped && !IsWarmingUp && !Relearned;

    /// <summary>Returns a one-line explanation for an operator, such as <c>P95 latency 480 ms is 9.2 robust deviations above its median of 35 ms (limit 52.5 ms).</c></summary>
    public string Describe()
    {
        var name = Metric.DisplayName();
        var unit = Metric.Unit();
        if (IsSkipped)
        {
            return $"{name} is unknown; not judged.";
        }

        if (IsWarmingUp)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name} {FormatValue(Value)}{unit}: still learning its baseline ({BaselineCount} sample{(BaselineCount == 1 ? string.Empty : "s")} so far).");
        }

        if (Relearned)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{name} {FormatValue(Value)}{unit}: the new level lasted long enough to become the normal; baseline relearned at a median of {FormatValue(Median)}{unit}.");
        }

        var up = Metric.Direction() == AnomalyDirection.Up;
        if (IsAnomalous)
        {
            var score = double.IsPositiveInfinity(Score) ? "far" : Score.ToString("0.0", CultureInfo.InvariantCulture) + " robust deviations";
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{name} {FormatValue(Value)}{unit} is {score} {(up ? "above" : "below")} its median of {FormatValue(Median)}{unit} (limit {FormatValue(Limit)}{unit}; {ConsecutiveAnomalies} sample{(ConsecutiveAnomalies == 1 ? string.Empty : "s")} in a row).");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{name} {FormatValue(Value)}{unit} is within its usual range (median {FormatValue(Median)}{unit}, limit {FormatValue(Limit)}{unit}).");
    }

    /// <inheritdoc/>
    public override string ToString() => Describe();

    private static string FormatValue(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 ? "0" : magnitude >= 10 ? "0.#" : "0.##";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
