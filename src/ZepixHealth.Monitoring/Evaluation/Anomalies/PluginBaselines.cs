using System.Runtime.InteropServices;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The anomaly detectors of every plugin watched, created on a plugin's first snapshot and dropped
/// once it has not been seen for <see cref="ForgetAfterCycles"/> cycles (unloaded), so memory follows
/// the plugins watched. With a <see cref="BaselineRestorer"/>, a plugin's first snapshot also asks for
/// its detectors to be rebuilt from the stored history; until they are, the new detectors warm up live.
/// </summary>
/// <remarks>Not thread-safe: the evaluator calls it from one cycle at a time.</remarks>
internal sealed class PluginBaselines(AnomalyDetectionOptions options, TimeSpan sampleInterval, BaselineRestorer? restorer = null)
{
    private const int ForgetAfterCycles = 120;

    private readonly Dictionary<string, Entry> _detectors = new(PluginId.Comparer);
    private readonly AnomalyObservation[] _observations = new AnomalyObservation[AnomalyMetricExtensions.Count];
    private AnomalyDetectorSettings[]? _settings;
    private long _cycle;

    /// <summary>Starts a cycle of <paramref name="plugins"/> snapshots: takes up the detectors rebuilt from history since the last one.</summary>
    public void StartCycle(int plugins)
    {
        _cycle++;
        _detectors.EnsureCapacity(plugins);
        while (restorer is not null && restorer.TryTakeRestored(out var restored))
        {
            Adopt(restored);
        }
    }

    /// <summary>Feeds one snapshot to its plugin's detectors.</summary>
    /// <returns>One observation per metric, valid until the next call.</returns>
    public ReadOnlySpan<AnomalyObservation> Observe(PluginHealthSnapshot snapshot)
    {
        // One lookup per plugin per cycle: the entry is found (or added) and updated in place.
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_detectors, snapshot.PluginId, out var seen);
        var firstSight = !seen;
        if (firstSight)
        {
            // Checked once and shared by every plugin: creating six detectors validates nothing.
            _settings ??= options.Enabled ? AnomalyDetectorSettings.ForEveryMetric(options, sampleInterval) : [];
            entry = new Entry(new PluginAnomalyDetectors(snapshot.PluginId, _settings), _cycle, Restoring: restorer is not null && _settings.Length != 0);
        }

        entry = entry with { LastSeenCycle = _cycle };
        var (detectors, _, restoring) = entry;

        // The reference into the dictionary is not used past this point.
        if (firstSight && restoring)
        {
            restorer!.Request(snapshot.PluginId, snapshot.Timestamp, _settings!);
        }

        detectors.Observe(snapshot, _observations);
        return _observations;
    }

    /// <summary>Drops the detectors of a plugin that was removed, at once rather than after <see cref="ForgetAfterCycles"/>.</summary>
    public void Forget(string pluginId) => _detectors.Remove(pluginId);

    public void ForgetGonePlugins()
    {
        if (_cycle % ForgetAfterCycles != 0)
        {
            return;
        }

        foreach (var pluginId in _detectors.Where(d => _cycle - d.Value.LastSeenCycle >= ForgetAfterCycles).Select(d => d.Key).ToList())
        {
            _detectors.Remove(pluginId);
        }
    }

    /// <summary>
    /// Replaces the live detectors with the rebuilt ones when they know the plugin better; a plugin removed
    /// meanwhile stays forgotten.
    /// </summary>
    private void Adopt(RestoredBaselines restored)
    {
        if (!_detectors.TryGetValue(restored.PluginId, out var entry) || !entry.Restoring)
        {
            return;
        }

        var better = restored.Detectors is { } rebuilt && rebuilt.LearnedSamples > entry.Detectors.LearnedSamples;
        _detectors[restored.PluginId] = entry with { Detectors = better ? restored.Detectors! : entry.Detectors, Restoring = false };
    }

    /// <param name="Detectors">The plugin's detectors.</param>
    /// <param name="LastSeenCycle">The last cycle with a snapshot of the plugin.</param>
    /// <param name="Restoring">Whether rebuilt detectors are still awaited from the history.</param>
    private readonly record struct Entry(PluginAnomalyDetectors Detectors, long LastSeenCycle, bool Restoring);
}
