using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Checks <see cref="AnomalyDetectionOptions"/>. Every message names the configuration key and the bad
/// value, in the form of the other options' messages.
/// </summary>
internal static class AnomalyDetectionOptionsValidator
{
    /// <summary>Returns one message per bad setting; none when every setting is acceptable.</summary>
    /// <param name="options">The options to check.</param>
    /// <param name="keyPrefix">
    /// The configuration key of the options themselves, without a trailing colon, for example
    /// <c>PluginHealth:Anomalies</c>.
    /// </param>
    public static IEnumerable<string> FindProblems(AnomalyDetectionOptions options, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        var key = keyPrefix.Length == 0 ? string.Empty : keyPrefix + ":";
        var problems = new List<string>();

        CheckDuration(problems, key + nameof(options.BaselineWindow), options.BaselineWindow, TimeSpan.Zero, AnomalyDetectionDefaults.MaxBaselineWindow, zeroAllowed: false);
        if (options.WarmUp < TimeSpan.Zero || options.WarmUp > options.BaselineWindow)
        {
            problems.Add(Format($"{key}{nameof(options.WarmUp)} must be at least 00:00:00 and at most {key}{nameof(options.BaselineWindow)} ({options.BaselineWindow:c}); was '{options.WarmUp:c}'."));
        }

        CheckDuration(problems, key + nameof(options.Persistence), options.Persistence, TimeSpan.Zero, AnomalyDetectionDefaults.MaxPersistence, zeroAllowed: false);
        CheckDuration(problems, key + nameof(options.ScoreMemory), options.ScoreMemory, AnomalyDetectionDefaults.MinScoreMemory, AnomalyDetectionDefaults.MaxScoreMemory, zeroAllowed: true);
        if (options.RarityInterval < AnomalyDetectionDefaults.MinRarityInterval || options.RarityInterval > options.ScoreMemory)
        {
            problems.Add(Format($"{key}{nameof(options.RarityInterval)} must be at least {AnomalyDetectionDefaults.MinRarityInterval:c} and at most {key}{nameof(options.ScoreMemory)} ({options.ScoreMemory:c}); was '{options.RarityInterval:c}'."));
        }

        CheckDuration(problems, key + nameof(options.ClearAfter), options.ClearAfter, TimeSpan.Zero, AnomalyDetectionDefaults.MaxClearAfter, zeroAllowed: true);

        CheckRange(problems, key + nameof(options.Threshold), options.Threshold, AnomalyDetectionDefaults.MinThreshold, AnomalyDetectionDefaults.MaxThreshold);
        CheckRange(problems, key + nameof(options.SustainedThreshold), options.SustainedThreshold, AnomalyDetectionDefaults.MinSustainedThreshold, AnomalyDetectionDefaults.MaxThreshold);
        if (!double.IsFinite(options.Rarity) || options.Rarity <= 0 || options.Rarity > AnomalyDetectionDefaults.MaxRarity)
        {
            problems.Add(Format($"{key}{nameof(options.Rarity)} must be greater than 0 and at most {AnomalyDetectionDefaults.MaxRarity}; was '{options.Rarity}'."));
        }

        CheckRange(problems, key + nameof(options.MinRelativeDeviation), options.MinRelativeDeviation, 0, AnomalyDetectionDefaults.MaxMinRelativeDeviation);
        CheckFloor(problems, key + nameof(options.MinP95LatencyDeviationMs), options.MinP95LatencyDeviationMs);
        CheckFloor(problems, key + nameof(options.MinErrorRateDeviationPct), options.MinErrorRateDeviationPct);
        CheckFloor(problems, key + nameof(options.MinMemoryDeviationMb), options.MinMemoryDeviationMb);
        CheckFloor(problems, key + nameof(options.MinCpuDeviationPct), options.MinCpuDeviationPct);
        CheckFloor(problems, key + nameof(options.MinSignalsPerHourDeviation), options.MinSignalsPerHourDeviation);
        CheckFloor(problems, key + nameof(options.MinOrdersPerHourDeviation), options.MinOrdersPerHourDeviation);

        CheckDirections(problems, key + nameof(options.P95LatencyDirections), options.P95LatencyDirections);
        CheckDirections(problems, key + nameof(options.ErrorRateDirections), options.ErrorRateDirections);
        CheckDirections(problems, key + nameof(options.MemoryDirections), options.MemoryDirections);
        CheckDirections(problems, key + nameof(options.CpuDirections), options.CpuDirections);
        CheckDirections(problems, key + nameof(options.SignalsPerHourDirections), options.SignalsPerHourDirections);
        CheckDirections(problems, key + nameof(options.OrdersPerHourDirections), options.OrdersPerHourDirections);
        return problems;
    }

    /// <summary>Throws when <paramref name="options"/> has any problem; for code that builds detectors directly.</summary>
    /// <exception cref="ArgumentException">A setting is out of range; the message lists every problem.</exception>
    public static void ThrowIfInvalid(AnomalyDetectionOptions options, string paramName)
    {
        var problems = FindProblems(options, nameof(AnomalyDetectionOptions)).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), paramName);
        }
    }

    private static void CheckDuration(List<string> problems, string key, TimeSpan value, TimeSpan min, TimeSpan max, bool zeroAllowed)
    {
        var tooSmall = zeroAllowed ? value < min : value <= min;
        if (tooSmall || value > max)
        {
            var lower = zeroAllowed ? "at least" : "greater than";
            problems.Add(Format($"{key} must be {lower} {min:c} and at most {max:c}; was '{value:c}'."));
        }
    }

    private static void CheckRange(List<string> problems, string key, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            problems.Add(Format($"{key} must be between {min} and {max}; was '{value}'."));
        }
    }

    private static void CheckFloor(List<string> problems, string key, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            problems.Add(Format($"{key} must be a finite number of at least 0; was '{value}'."));
        }
    }

    private static void CheckDirections(List<string> problems, string key, AnomalyDirections value)
    {
        if (value is not (AnomalyDirections.Rise or AnomalyDirections.Drop or AnomalyDirections.Both))
        {
            problems.Add(Format($"{key} must be Rise, Drop or Both; was '{value}'."));
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
