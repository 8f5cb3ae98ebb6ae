namespace ZepixHealth.Monitoring;

/// <summary>
/// Settings of anomaly detection: a rolling, per-plugin and per-metric baseline (median and MAD of the
/// last <see cref="WindowSize"/> samples) that raises <c>anomaly.&lt;metric&gt;</c> when a figure moves
/// the bad way, well beyond its usual spread, for <see cref="ConsecutiveSamples"/> samples in a row.
/// Bound from <c>PluginHealth:Anomalies</c>. Sample counts are cycles: at the default 30 s cycle,
/// 120 samples are one hour.
/// </summary>
/// <remarks>
/// A sample is anomalous when its deviation from the median, in the bad direction of its metric, exceeds
/// the largest of <see cref="Threshold"/> × 1.4826 × MAD (the spread), the metric's minimum absolute
/// deviation (for example <see cref="MinP95LatencyDeviationMs"/>), and <see cref="MinRelativeDeviation"/>
/// × the median. The floors keep a flat series (MAD 0) and tiny changes (error rate 0 → 0.1 %) quiet.
/// </remarks>
public sealed class AnomalyDetectionOptions
{
    /// <summary>The configuration section, under <c>PluginHealth</c>, these options are usually bound from.</summary>
    public const string SectionName = AnomalyDetectionDefaults.SectionName;

    /// <summary>Gets or sets whether anomaly detection runs at all.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many recent normal samples the baseline (median and MAD) is computed from.</summary>
    /// <value>Default 120 (one hour at a 30 s cycle); from 10 to 1,440.</value>
    public int WindowSize { get; set; } = AnomalyDetectionDefaults.WindowSize;

    /// <summary>
    /// Gets or sets how many samples the baseline must hold before the detector judges at all. Until then
    /// every sample is learned and none is anomalous.
    /// </summary>
    /// <value>Default 60 (30 minutes at a 30 s cycle); from 5 to <see cref="WindowSize"/>.</value>
    public int WarmUpSamples { get; set; } = AnomalyDetectionDefaults.WarmUpSamples;

    /// <summary>
    /// Gets or sets how far from the median a sample must be, in robust standard deviations
    /// (1.4826 × MAD), to be anomalous (a "modified z-score").
    /// </summary>
    /// <value>Default 3.5, the cut-off Iglewicz and Hoaglin recommend; from 1 to 100.</value>
    public double Threshold { get; set; } = AnomalyDetectionDefaults.Threshold;

    /// <summary>Gets or sets how many anomalous samples in a row make the detector fire.</summary>
    /// <value>Default 3 (a minute and a half at a 30 s cycle); from 1 to 1,000.</value>
    public int ConsecutiveSamples { get; set; } = AnomalyDetectionDefaults.ConsecutiveSamples;

    /// <summary>
    /// Gets or sets after how many samples in a row on the same side of the baseline a new level is
    /// accepted as the plugin's new normal: the baseline is rebuilt from those samples and a firing
    /// detector stops firing.
    /// </summary>
    /// <value>Default 120 (one hour at a 30 s cycle); greater than <see cref="ConsecutiveSamples"/> and at most 100,000.</value>
    public int RelearnAfterSamples { get; set; } = AnomalyDetectionDefaults.RelearnAfterSamples;

    /// <summary>
    /// Gets or sets how many samples a normal sample waits before it joins the baseline. The delay keeps
    /// a gradual slide (an hourly count that sinks to zero over an hour because the plugin stopped) from
    /// teaching the baseline its own first steps before it is far enough down to be judged anomalous.
    /// </summary>
    /// <value>Default 30 (15 minutes at a 30 s cycle); from 0 (learn at once) to <see cref="WindowSize"/>.</value>
    public int LearnDelaySamples { get; set; } = AnomalyDetectionDefaults.LearnDelaySamples;

    /// <summary>
    /// Gets or sets the smallest deviation that can be anomalous, as a fraction of the median (0.2 = 20 %),
    /// for every metric.
    /// </summary>
    /// <value>Default 0.2; from 0 to 10.</value>
    public double MinRelativeDeviation { get; set; } = AnomalyDetectionDefaults.MinRelativeDeviation;

    /// <summary>Gets or sets the smallest rise of the P95 latency that can be anomalous, in milliseconds.</summary>
    /// <value>Default 5; zero or more.</value>
    public double MinP95LatencyDeviationMs { get; set; } = AnomalyDetectionDefaults.MinP95LatencyDeviationMs;

    /// <summary>Gets or sets the smallest rise of the error rate that can be anomalous, in percentage points.</summary>
    /// <value>Default 1 (so 0 % → 0.1 % is not); zero or more.</value>
    public double MinErrorRateDeviationPct { get; set; } = AnomalyDetectionDefaults.MinErrorRateDeviationPct;

    /// <summary>Gets or sets the smallest rise of memory use that can be anomalous, in mebibytes.</summary>
    /// <value>Default 50; zero or more.</value>
    public double MinMemoryDeviationMb { get; set; } = AnomalyDetectionDefaults.MinMemoryDeviationMb;

    /// <summary>Gets or sets the smallest rise of CPU use that can be anomalous, in percentage points of one core.</summary>
    /// <value>Default 10; zero or more.</value>
    public double MinCpuDeviationPct { get; set; } = AnomalyDetectionDefaults.MinCpuDeviationPct;

    /// <summary>Gets or sets the smallest drop of signals per hour that can be anomalous.</summary>
    /// <value>Default 3; zero or more.</value>
    public double MinSignalsPerHourDeviation { get; set; } = AnomalyDetectionDefaults.MinSignalsPerHourDeviation;

    /// <summary>Gets or sets the smallest drop of orders per hour that can be anomalous.</summary>
    /// <value>Default 2; zero or more.</value>
    public double MinOrdersPerHourDeviation { get; set; } = AnomalyDetectionDefaults.MinOrdersPerHourDeviation;
}
