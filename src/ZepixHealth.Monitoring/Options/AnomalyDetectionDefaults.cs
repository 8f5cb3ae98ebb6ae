namespace ZepixHealth.Monitoring;

/// <summary>The defaults and limits of <see cref="AnomalyDetectionOptions"/>, in one place.</summary>
/// <remarks>
/// The defaults follow from what each setting means, not from fitting a data set: see
/// docs/anomaly-detection.md, "How the defaults were chosen".
/// </remarks>
internal static class AnomalyDetectionDefaults
{
    public const string SectionName = "Anomalies";

    // Three hours: long enough for a stable level and spread at any cadence, short enough that the level
    // follows a slow drift and a new level is adopted within about half of it.
    public static readonly TimeSpan BaselineWindow = TimeSpan.FromHours(3);

    // One hour of samples before judging: fewer make the spread too noisy.
    public static readonly TimeSpan WarmUp = TimeSpan.FromHours(1);

    // A quarter of an hour: the time over which a slight but steady deviation adds up.
    public static readonly TimeSpan Persistence = TimeSpan.FromMinutes(15);

    // Two days of scores: enough to have seen every hour of a day (recurring spikes) twice.
    public static readonly TimeSpan ScoreMemory = TimeSpan.FromDays(2);

    public const bool Seasonal = true;

    // One quiet hour before an anomaly counts as over: a noisy level shift does not fire and clear repeatedly.
    public static readonly TimeSpan ClearAfter = TimeSpan.FromHours(1);

    // The "modified z-score" cut-off of Iglewicz and Hoaglin for one sample judged by a robust location and scale.
    public const double Threshold = 3.5;

    // A smoothed score stays near 0.8 for normal noise; 3 held for the persistence time is far from that.
    public const double SustainedThreshold = 3;

    // One score in 200 as high as this one in the series' own history: on a slow cycle, few samples a day.
    public const double Rarity = 0.005;

    // And no more often than twice a day: on a fast cycle (2,880 samples a day at 30 s) one in 200 would
    // let noise alone alert many times a day.
    public static readonly TimeSpan RarityInterval = TimeSpan.FromHours(12);

    public const double MinRelativeDeviation = 0.01;
    public const double MinP95LatencyDeviationMs = 0;
    public const double MinErrorRateDeviationPct = 1;
    public const double MinMemoryDeviationMb = 50;
    public const double MinCpuDeviationPct = 0;
    public const double MinSignalsPerHourDeviation = 3;
    public const double MinOrdersPerHourDeviation = 2;

    public const AnomalyDirections P95LatencyDirections = AnomalyDirections.Rise;
    public const AnomalyDirections ErrorRateDirections = AnomalyDirections.Rise;
    public const AnomalyDirections MemoryDirections = AnomalyDirections.Rise;
    public const AnomalyDirections CpuDirections = AnomalyDirections.Both;
    public const AnomalyDirections SignalsPerHourDirections = AnomalyDirections.Both;
    public const AnomalyDirections OrdersPerHourDirections = AnomalyDirections.Both;

    // The fewest samples learned before judging, whatever the warm-up: fewer make the spread too noisy.
    public const int MinWarmUpSamples = 5;

    // Limits of the settings: beyond them a value is a typo, not a choice.
    public static readonly TimeSpan MaxBaselineWindow = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxPersistence = TimeSpan.FromDays(1);
    public static readonly TimeSpan MinScoreMemory = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxScoreMemory = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxClearAfter = TimeSpan.FromDays(1);
    public static readonly TimeSpan MinRarityInterval = TimeSpan.FromMinutes(1);
    public const double MinThreshold = 1;
    public const double MaxThreshold = 100;
    public const double MinSustainedThreshold = 0.5;
    public const double MaxRarity = 0.5;
    public const double MaxMinRelativeDeviation = 10;
}
