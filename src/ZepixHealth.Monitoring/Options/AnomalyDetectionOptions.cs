namespace ZepixHealth.Monitoring;

/// <summary>
/// Settings of anomaly detection: a per-plugin, per-metric baseline that raises <c>anomaly.&lt;metric&gt;</c>
/// when a figure is both far from its usual range and rarer than the series' own history of deviations.
/// Bound from <c>PluginHealth:Anomalies</c>. Every time setting is a duration, whatever the cycle: the
/// detector turns it into samples with <see cref="PluginHealthOptions.CollectionInterval"/>.
/// </summary>
/// <remarks>
/// A sample's score is its deviation from the expected value (a robust exponentially weighted level over
/// <see cref="BaselineWindow"/> plus, when <see cref="Seasonal"/>, the usual offset of that hour of the day and
/// that part of the hour), in standard deviations of the series (its recent spread, kept above a long-run
/// typical deviation and the floors). It is anomalous when its score is at least <see cref="Threshold"/>, or the score smoothed over
/// <see cref="Persistence"/> is at least <see cref="SustainedThreshold"/>, and in either case fewer than
/// <see cref="Rarity"/> of the scores seen over <see cref="ScoreMemory"/> were as high (and fewer than one
/// per <see cref="RarityInterval"/>). See
/// docs/anomaly-detection.md.
/// </remarks>
public sealed class AnomalyDetectionOptions
{
    /// <summary>The configuration section, under <c>PluginHealth</c>, these options are usually bound from.</summary>
    public const string SectionName = AnomalyDetectionDefaults.SectionName;

    /// <summary>Gets or sets whether anomaly detection runs at all.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets how much recent history the level and spread follow. All samples are learned (clipped),
    /// and a new level that holds for half of this is adopted at once.
    /// </summary>
    /// <value>Default 3 hours; greater than zero, at most 1 day. The level and spread are exponential averages over it (fixed memory at any cadence).</value>
    public TimeSpan BaselineWindow { get; set; } = AnomalyDetectionDefaults.BaselineWindow;

    /// <summary>Gets or sets how long a new baseline learns before it judges at all.</summary>
    /// <value>Default 1 hour (at least 5 samples); zero or more, at most <see cref="BaselineWindow"/>.</value>
    public TimeSpan WarmUp { get; set; } = AnomalyDetectionDefaults.WarmUp;

    /// <summary>
    /// Gets or sets how far from the median one sample must be, in robust standard deviations, to be
    /// anomalous on its own (a "modified z-score").
    /// </summary>
    /// <value>Default 3.5, the cut-off Iglewicz and Hoaglin recommend; from 1 to 100.</value>
    public double Threshold { get; set; } = AnomalyDetectionDefaults.Threshold;

    /// <summary>
    /// Gets or sets the score, smoothed over <see cref="Persistence"/>, above which a slight but lasting
    /// deviation is anomalous.
    /// </summary>
    /// <value>Default 3; from 0.5 to 100.</value>
    public double SustainedThreshold { get; set; } = AnomalyDetectionDefaults.SustainedThreshold;

    /// <summary>Gets or sets the time over which scores are smoothed to judge a lasting deviation.</summary>
    /// <value>Default 15 minutes; greater than zero, at most 1 day.</value>
    public TimeSpan Persistence { get; set; } = AnomalyDetectionDefaults.Persistence;

    /// <summary>
    /// Gets or sets how rare a score must be in the series' own recent history to be anomalous: a score
    /// that fewer than this fraction of past scores reached. Spikes that recur (an hourly job) stop being rare.
    /// </summary>
    /// <value>Default 0.005 (one in 200); greater than 0, at most 0.5.</value>
    public double Rarity { get; set; } = AnomalyDetectionDefaults.Rarity;

    /// <summary>
    /// Gets or sets how seldom, in time, scores as high must have come to be rare: the fraction of past
    /// scores must also be below the collection interval ÷ this. On a fast cycle it keeps noise alone to
    /// about one alert per this interval, where <see cref="Rarity"/> alone would allow many.
    /// </summary>
    /// <value>Default 12 hours; from 1 minute to <see cref="ScoreMemory"/>.</value>
    public TimeSpan RarityInterval { get; set; } = AnomalyDetectionDefaults.RarityInterval;

    /// <summary>Gets or sets how long the history of scores that <see cref="Rarity"/> is judged against remembers.</summary>
    /// <value>Default 2 days; from 1 hour to 30 days.</value>
    public TimeSpan ScoreMemory { get; set; } = AnomalyDetectionDefaults.ScoreMemory;

    /// <summary>
    /// Whether each detector learns what the series usually does at each hour of the day and each five
    /// minutes of the hour (a daily rhythm, a job that runs every hour), so that it is expected rather than
    /// anomalous. Kept only when the collection interval is at most 1 hour (daily) or 5 minutes (hourly).
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Seasonal { get; set; } = AnomalyDetectionDefaults.Seasonal;

    /// <summary>Gets or sets how long without an anomalous sample before a firing detector clears.</summary>
    /// <value>Default 1 hour; zero or more, at most 1 day.</value>
    public TimeSpan ClearAfter { get; set; } = AnomalyDetectionDefaults.ClearAfter;

    /// <summary>
    /// Gets or sets the smallest deviation that can be anomalous, as a fraction of the median (0.01 = 1 %),
    /// for every metric: a flat series (spread 0) is not alarmed by a rounding wobble.
    /// </summary>
    /// <value>Default 0.01; from 0 to 10.</value>
    public double MinRelativeDeviation { get; set; } = AnomalyDetectionDefaults.MinRelativeDeviation;

    /// <summary>Gets or sets the smallest change of the P95 latency that can be anomalous, in milliseconds.</summary>
    /// <value>Default 0 (the relative floor and the series' own spread decide); zero or more.</value>
    public double MinP95LatencyDeviationMs { get; set; } = AnomalyDetectionDefaults.MinP95LatencyDeviationMs;

    /// <summary>Gets or sets the smallest change of the error rate that can be anomalous, in percentage points.</summary>
    /// <value>Default 1 (so 0 % → 0.1 % is not); zero or more.</value>
    public double MinErrorRateDeviationPct { get; set; } = AnomalyDetectionDefaults.MinErrorRateDeviationPct;

    /// <summary>Gets or sets the smallest change of memory use that can be anomalous, in mebibytes.</summary>
    /// <value>Default 50; zero or more.</value>
    public double MinMemoryDeviationMb { get; set; } = AnomalyDetectionDefaults.MinMemoryDeviationMb;

    /// <summary>Gets or sets the smallest change of CPU use that can be anomalous, in percentage points of one core.</summary>
    /// <value>Default 0 (the relative floor and the series' own spread decide); zero or more.</value>
    public double MinCpuDeviationPct { get; set; } = AnomalyDetectionDefaults.MinCpuDeviationPct;

    /// <summary>Gets or sets the smallest change of signals per hour that can be anomalous.</summary>
    /// <value>Default 3; zero or more.</value>
    public double MinSignalsPerHourDeviation { get; set; } = AnomalyDetectionDefaults.MinSignalsPerHourDeviation;

    /// <summary>Gets or sets the smallest change of orders per hour that can be anomalous.</summary>
    /// <value>Default 2; zero or more.</value>
    public double MinOrdersPerHourDeviation { get; set; } = AnomalyDetectionDefaults.MinOrdersPerHourDeviation;

    /// <summary>Gets or sets which moves of the P95 latency are watched.</summary>
    /// <value>Default <see cref="AnomalyDirections.Rise"/>: a plugin that got faster is seldom in trouble (and one that stopped shows in its counts).</value>
    public AnomalyDirections P95LatencyDirections { get; set; } = AnomalyDetectionDefaults.P95LatencyDirections;

    /// <summary>Gets or sets which moves of the error rate are watched.</summary>
    /// <value>Default <see cref="AnomalyDirections.Rise"/>.</value>
    public AnomalyDirections ErrorRateDirections { get; set; } = AnomalyDetectionDefaults.ErrorRateDirections;

    /// <summary>Gets or sets which moves of memory use are watched.</summary>
    /// <value>Default <see cref="AnomalyDirections.Rise"/>.</value>
    public AnomalyDirections MemoryDirections { get; set; } = AnomalyDetectionDefaults.MemoryDirections;

    /// <summary>Gets or sets which moves of CPU use are watched.</summary>
    /// <value>Default <see cref="AnomalyDirections.Both"/>.</value>
    public AnomalyDirections CpuDirections { get; set; } = AnomalyDetectionDefaults.CpuDirections;

    /// <summary>Gets or sets which moves of signals per hour are watched.</summary>
    /// <value>Default <see cref="AnomalyDirections.Both"/>: a plugin that stops, or one that suddenly floods.</value>
    public AnomalyDirections SignalsPerHourDirections { get; set; } = AnomalyDetectionDefaults.SignalsPerHourDirections;

    /// <summary>Gets or sets which moves of orders per hour are watched.</summary>
    /// <value>Default <see cref="AnomalyDirections.Both"/>.</value>
    public AnomalyDirections OrdersPerHourDirections { get; set; } = AnomalyDetectionDefaults.OrdersPerHourDirections;
}
