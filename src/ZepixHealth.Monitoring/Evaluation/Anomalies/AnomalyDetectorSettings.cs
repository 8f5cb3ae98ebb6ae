namespace ZepixHealth.Monitoring;

/// <summary>
/// The settings of one <see cref="AnomalyDetector"/>, with the durations of <see cref="AnomalyDetectionOptions"/>
/// turned into samples of the collection interval and the metric's floor and directions picked out.
/// </summary>
internal sealed class AnomalyDetectorSettings
{
    /// <summary>
    /// The prior reads a smoothed score as |z| × 1.5: averaging shrinks the spread of normal scores, so a
    /// smoothed score of 3 is rarer than a single one.
    /// </summary>
    public const double SustainedPriorScale = 1.5;

    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is out of range, or the interval is not positive.</exception>
    public AnomalyDetectorSettings(AnomalyMetric metric, AnomalyDetectionOptions options, TimeSpan sampleInterval)
        : this(Validated(options, sampleInterval), metric, sampleInterval)
    {
    }

    // Options already checked by Validated.
    private AnomalyDetectorSettings(AnomalyDetectionOptions options, AnomalyMetric metric, TimeSpan sampleInterval)
    {
        Metric = metric;
        var samplesInWindow = Math.Max(1, SamplesIn(options.BaselineWindow, sampleInterval));
        SampleInterval = sampleInterval;

        // An exponential average whose centre of mass lies half a window back, as a rolling median's does.
        LevelRate = Math.Min(1, 2.0 / (samplesInWindow + 1));
        AdoptAfterSamples = Math.Max(1, samplesInWindow / 2);
        WarmUpSamples = Math.Max(AnomalyDetectionDefaults.MinWarmUpSamples, Math.Min(SamplesIn(options.WarmUp, sampleInterval), samplesInWindow));
        ClearAfterSamples = Math.Max(1, SamplesIn(options.ClearAfter, sampleInterval));
        Smoothing = Math.Min(1, sampleInterval / options.Persistence);
        MemorySamples = Math.Max(2, options.ScoreMemory / sampleInterval);
        MemoryRate = 1 / MemorySamples;
        ScoreMemory = options.ScoreMemory;
        Seasonal = options.Seasonal;
        Threshold = options.Threshold;
        SustainedThreshold = options.SustainedThreshold;
        Rarity = Math.Min(options.Rarity, sampleInterval / options.RarityInterval);
        MinDeviation = metric.MinDeviation(options);
        MinRelativeDeviation = options.MinRelativeDeviation;
        Directions = metric.Directions(options);
        PoissonFloor = metric.IsHourlyCount();
    }

    /// <summary>The metric these settings are for.</summary>
    public AnomalyMetric Metric { get; }

    /// <summary>The time between two samples.</summary>
    public TimeSpan SampleInterval { get; }

    /// <summary>The weight of a new sample in the level and the spread: 2 ÷ (samples in the baseline window + 1).</summary>
    public double LevelRate { get; }

    /// <summary>How many samples a new level must hold before the level jumps to it: half the baseline window.</summary>
    public int AdoptAfterSamples { get; }

    /// <summary>How long the seasonal profile and the score histories remember.</summary>
    public TimeSpan ScoreMemory { get; }

    /// <summary>Whether the hour-of-day and minute-of-hour profiles are learned.</summary>
    public bool Seasonal { get; }

    /// <summary>How many samples are learned before any is judged.</summary>
    public int WarmUpSamples { get; }

    /// <summary>How many samples without an anomalous one clear a firing detector.</summary>
    public int ClearAfterSamples { get; }

    /// <summary>The weight of a new score in the smoothed score (interval ÷ persistence).</summary>
    public double Smoothing { get; }

    /// <summary>How many samples the score histories and the typical deviation remember.</summary>
    public double MemorySamples { get; }

    /// <summary>The weight of a new sample in the long-run typical deviation.</summary>
    public double MemoryRate { get; }

    public double Threshold { get; }

    public double SustainedThreshold { get; }

    /// <summary>The fraction of past scores below which a score is rare: the lower of the option and interval ÷ rarity interval.</summary>
    public double Rarity { get; }

    public double MinDeviation { get; }

    public double MinRelativeDeviation { get; }

    public AnomalyDirections Directions { get; }

    /// <summary>Whether the metric is an hourly count, whose scale is at least its Poisson spread √median.</summary>
    public bool PoissonFloor { get; }

    /// <summary>Returns whether a deviation of this sign is watched (a move the other way scores 0).</summary>
    public bool Watches(double deviation) =>
        deviation >= 0 ? (Directions & AnomalyDirections.Rise) != 0 : (Directions & AnomalyDirections.Drop) != 0;

    /// <summary>
    /// Returns the settings of every metric, indexed by <c>(int)metric</c>, checking <paramref name="options"/>
    /// once: every plugin's detectors share them, so creating a plugin's six detectors neither validates nor
    /// copies anything.
    /// </summary>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is out of range, or the interval is not positive.</exception>
    public static AnomalyDetectorSettings[] ForEveryMetric(AnomalyDetectionOptions options, TimeSpan sampleInterval)
    {
        Validated(options, sampleInterval);
        var settings = new AnomalyDetectorSettings[AnomalyMetricExtensions.Count];
        foreach (var metric in AnomalyMetricExtensions.All)
        {
            settings[(int)metric] = new AnomalyDetectorSettings(options, metric, sampleInterval);
        }

        return settings;
    }

    private static AnomalyDetectionOptions Validated(AnomalyDetectionOptions options, TimeSpan sampleInterval)
    {
        ArgumentNullException.ThrowIfNull(options);
        AnomalyDetectionOptionsValidator.ThrowIfInvalid(options, nameof(options));
        if (sampleInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The sample interval must be positive; was '{sampleInterval:c}'.", nameof(sampleInterval));
        }

        return options;
    }

    private static int SamplesIn(TimeSpan duration, TimeSpan interval) =>
        (int)Math.Min(int.MaxValue, Math.Ceiling(duration / interval));
}
