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

        if (options.WindowSize is < AnomalyDetectionDefaults.MinWindowSize or > AnomalyDetectionDefaults.MaxWindowSize)
        {
            problems.Add(Format($"{key}{nameof(options.WindowSize)} must be between {AnomalyDetectionDefaults.MinWindowSize} and {AnomalyDetectionDefaults.MaxWindowSize}; was '{options.WindowSize}'."));
        }

        var maxWarmUp = Math.Max(AnomalyDetectionDefaults.MinWarmUpSamples, Math.Min(options.WindowSize, AnomalyDetectionDefaults.MaxWindowSize));
        if (options.WarmUpSamples < AnomalyDetectionDefaults.MinWarmUpSamples || options.WarmUpSamples > maxWarmUp)
        {
            problems.Add(Format($"{key}{nameof(options.WarmUpSamples)} must be between {AnomalyDetectionDefaults.MinWarmUpSamples} and {key}{nameof(options.WindowSize)} ({maxWarmUp}); was '{options.WarmUpSamples}'."));
        }

        if (!double.IsFinite(options.Threshold) || options.Threshold < AnomalyDetectionDefaults.MinThreshold || options.Threshold > AnomalyDetectionDefaults.MaxThreshold)
        {
            problems.Add(Format($"{key}{nameof(options.Threshold)} must be between {AnomalyDetectionDefaults.MinThreshold} and {AnomalyDetectionDefaults.MaxThreshold}; was '{options.Threshold}'."));
        }

        var consecutiveValid = options.ConsecutiveSamples is >= 1 and <= AnomalyDetectionDefaults.MaxConsecutiveSamples;
        if (!consecutiveValid)
        {
            problems.Add(Format($"{key}{nameof(options.ConsecutiveSamples)} must be between 1 and {AnomalyDetectionDefaults.MaxConsecutiveSamples}; was '{options.ConsecutiveSamples}'."));
        }

        if (options.RelearnAfterSamples > AnomalyDetectionDefaults.MaxRelearnAfterSamples ||
            options.RelearnAfterSamples <= (consecutiveValid ? options.ConsecutiveSamples : 1))
        {
            // At or below ConsecutiveSamples the baseline would be rebuilt before the detector could fire.
            problems.Add(Format($"{key}{nameof(options.RelearnAfterSamples)} must be greater than {key}{nameof(options.ConsecutiveSamples)} ({options.ConsecutiveSamples}) and at most {AnomalyDetectionDefaults.MaxRelearnAfterSamples}; was '{options.RelearnAfterSamples}'."));
        }

        var maxLearnDelay = Math.Clamp(options.WindowSize, AnomalyDetectionDefaults.MinWindowSize, AnomalyDetectionDefaults.MaxWindowSize);
        if (options.LearnDelaySamples < 0 || options.LearnDelaySamples > maxLearnDelay)
        {
            problems.Add(Format($"{key}{nameof(options.LearnDelaySamples)} must be between 0 and {key}{nameof(options.WindowSize)} ({maxLearnDelay}); was '{options.LearnDelaySamples}'."));
        }

        if (!double.IsFinite(options.MinRelativeDeviation) || options.MinRelativeDeviation < 0 || options.MinRelativeDeviation > AnomalyDetectionDefaults.MaxMinRelativeDeviation)
        {
            problems.Add(Format($"{key}{nameof(options.MinRelativeDeviation)} must be between 0 and {AnomalyDetectionDefaults.MaxMinRelativeDeviation}; was '{options.MinRelativeDeviation}'."));
        }

        CheckFloor(problems, key + nameof(options.MinP95LatencyDeviationMs), options.MinP95LatencyDeviationMs);
        CheckFloor(problems, key + nameof(options.MinErrorRateDeviationPct), options.MinErrorRateDeviationPct);
        CheckFloor(problems, key + nameof(options.MinMemoryDeviationMb), options.MinMemoryDeviationMb);
        CheckFloor(problems, key + nameof(options.MinCpuDeviationPct), options.MinCpuDeviationPct);
        CheckFloor(problems, key + nameof(options.MinSignalsPerHourDeviation), options.MinSignalsPerHourDeviation);
        CheckFloor(problems, key + nameof(options.MinOrdersPerHourDeviation), options.MinOrdersPerHourDeviation);

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

    private static void CheckFloor(List<string> problems, string key, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            problems.Add(Format($"{key} must be a finite number of at least 0; was '{value}'."));
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
