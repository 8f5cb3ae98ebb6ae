using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// What an <see cref="AnomalyDetector"/> concluded about one sample: whether it was judged, whether it
/// was anomalous, whether the detector fires, and the baseline it was judged against.
/// </summary>
internal readonly struct AnomalyObservation
{
    /// <summary>Returns the observation of an unknown sample: nothing judged, nothing changed.</summary>
    public static AnomalyObservation Skipped(AnomalyMetric metric, bool isFiring, int baselineCount, double threshold) =>
        Unjudged(metric, double.NaN, baselineCount, threshold) with { IsSkipped = true, IsFiring = isFiring };

    /// <summary>Returns the observation of a sample learned while the baseline warms up.</summary>
    public static AnomalyObservation WarmingUp(AnomalyMetric metric, double value, int baselineCount, double threshold) =>
        Unjudged(metric, value, baselineCount, threshold) with { IsWarmingUp = true };

    /// <summary>The metric the sample belongs to.</summary>
    public required AnomalyMetric Metric { get; init; }

    /// <summary>The sample; NaN when it was unknown (<see cref="IsSkipped"/>).</summary>
    public required double Value { get; init; }

    /// <summary>The sample was unknown (null or not finite): nothing was judged or learned.</summary>
    public bool IsSkipped { get; init; }

    /// <summary>The baseline held less than the warm-up: the sample was learned, not judged.</summary>
    public bool IsWarmingUp { get; init; }

    /// <summary>The sample was anomalous: far out (or part of a lasting deviation) and rare for this series.</summary>
    public bool IsAnomalous { get; init; }

    /// <summary>
    /// The detector fires: an anomalous sample came within <see cref="AnomalyDetectionOptions.ClearAfter"/>.
    /// A skipped sample keeps the state it found.
    /// </summary>
    public bool IsFiring { get; init; }

    /// <summary>How many samples the baseline holds.</summary>
    public int BaselineCount { get; init; }

    /// <summary>The value expected at the sample's time (level plus seasonal offset) it was judged against; NaN when not judged.</summary>
    public double Expected { get; init; }

    /// <summary>The recent mean absolute deviation from the expected value (robust, clipped); NaN when the sample was not judged.</summary>
    public double Spread { get; init; }

    /// <summary>
    /// The standard deviation the score is measured in: 1.2533 × spread, raised to the series'
    /// long-run typical deviation and the floors. NaN when the sample was not judged.
    /// </summary>
    public double Scale { get; init; }

    /// <summary>The deviation from the expected value in units of <see cref="Scale"/>: positive above, negative below. NaN when not judged.</summary>
    public double Score { get; init; }

    /// <summary>The watched score smoothed over <see cref="AnomalyDetectionOptions.Persistence"/>. NaN when not judged.</summary>
    public double SustainedScore { get; init; }

    /// <summary>
    /// The fraction of the series' past scores at least as high as this one's (the lower of the two); 1 when
    /// neither score reached its threshold (not looked up). NaN when not judged.
    /// </summary>
    public double Rarity { get; init; }

    /// <summary>The score at which one sample can be anomalous (<see cref="AnomalyDetectionOptions.Threshold"/>).</summary>
    public double Threshold { get; init; }

    /// <summary>
    /// The value beyond which one sample is far out, on the side the sample moved: expected ± threshold ×
    /// scale. NaN when the sample was not judged. Suits <c>HealthAlert.Threshold</c>.
    /// </summary>
    public double Limit { get; init; }

    /// <summary>The sample was judged against a warm baseline.</summary>
    public bool IsJudged => !IsSkipped && !IsWarmingUp;

    /// <summary>Returns a one-line explanation for an operator, such as <c>P95 latency 480 ms is 9.2 deviations above its usual 35 ms (limit 52.5 ms).</c></summary>
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

        var side = Score >= 0 ? "above" : "below";
        if (IsAnomalous)
        {
            var size = Math.Abs(Score) >= 1e6 ? "far" : Math.Abs(Score).ToString("0.0", CultureInfo.InvariantCulture) + " deviations";
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{name} {FormatValue(Value)}{unit} is {size} {side} its usual {FormatValue(Expected)}{unit} (limit {FormatValue(Limit)}{unit}; as high in {Rarity:0.##%} of its recent history).");
        }

        if (IsFiring)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{name} {FormatValue(Value)}{unit} is back near its usual {FormatValue(Expected)}{unit}; the anomaly clears after a quiet spell.");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{name} {FormatValue(Value)}{unit} is within its usual range (usual {FormatValue(Expected)}{unit}, limit {FormatValue(Limit)}{unit}).");
    }

    /// <inheritdoc/>
    public override string ToString() => Describe();

    private static AnomalyObservation Unjudged(AnomalyMetric metric, double value, int baselineCount, double threshold) => new()
    {
        Metric = metric,
        Value = value,
        BaselineCount = baselineCount,
        Expected = double.NaN,
        Spread = double.NaN,
        Scale = double.NaN,
        Score = double.NaN,
        SustainedScore = double.NaN,
        Rarity = double.NaN,
        Threshold = threshold,
        Limit = double.NaN,
    };

    private static string FormatValue(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 ? "0" : magnitude >= 10 ? "0.#" : "0.##";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
