namespace ZepixHealth.Monitoring;

/// <summary>The defaults and limits of <see cref="AnomalyDetectionOptions"/>, in one place.</summary>
internal static class AnomalyDetectionDefaults
{
    public const string SectionName = "Anomalies";

    // One hour at the default 30 s cycle: long enough for a stable median and MAD, short enough to
    // follow a daily rhythm (the median lags a sinusoidal day by about half an hour).
    public const int WindowSize = 120;

    // Half an hour at 30 s: below about 30 samples the MAD is too noisy to judge on.
    public const int WarmUpSamples = 60;

    // The "modified z-score" cut-off of Iglewicz and Hoaglin for outliers judged by median and MAD.
    public const double Threshold = 3.5;

    // A minute and a half at 30 s: one odd sample (a GC pause, one slow order) is not an anomaly.
    public const int ConsecutiveSamples = 3;

    // One hour at 30 s: a level that lasts that long without a break is the plugin's new normal.
    public const int RelearnAfterSamples = 120;

    // A quarter of an hour at 30 s: a metric that slides down gradually (an hourly count whose plugin has
    // stopped) is judged against where it was before the slide began, not against its own first steps.
    public const int LearnDelaySamples = 30;

    public const double MinRelativeDeviation = 0.2;
    public const double MinP95LatencyDeviationMs = 5;
    public const double MinErrorRateDeviationPct = 1;
    public const double MinMemoryDeviationMb = 50;
    public const double MinCpuDeviationPct = 10;
    public const double MinSignalsPerHourDeviation = 3;
    public const double MinOrdersPerHourDeviation = 2;

    // Limits: beyond them a value is a typo, not a choice. The window's cost per sample is linear in
    // its size, so it is capped (1,440 samples are 12 hours at 30 s).
    public const int MinWindowSize = 10;
    public const int MaxWindowSize = 1440;
    public const int MinWarmUpSamples = 5;
    public const int MaxConsecutiveSamples = 1000;
    public const int MaxRelearnAfterSamples = 100_000;
    public const double MinThreshold = 1;
    public const double MaxThreshold = 100;
    public const double MaxMinRelativeDeviation = 10;

    /// <summary>Scales a MAD to a standard deviation for normally distributed data (1 / Φ⁻¹(3/4)).</summary>
    public const double MadToSigma = 1.4826;
}
