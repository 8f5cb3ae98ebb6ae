namespace ZepixHealth.Monitoring;

/// <summary>
/// The anomaly detectors of every plugin watched, created on a plugin's first snapshot and dropped
/// once it has not been seen for <see cref="ForgetAfterCycles"/> cycles (unloaded), so memory follows
/// the plugins watched.
/// </summary>
internal sealed class PluginBaselines(AnomalyDetectionOptions options, TimeSpan sampleInterval)
{
    private const int ForgetAfterCycles = 120;

    private readonly Dictionary<string, (PluginAnomalyDetectors Detectors, long LastSeenCycle)> _detectors = new(PluginId.Comparer);
    private readonly AnomalyObservation[] _observations = new AnomalyObservation[AnomalyMetricExtensions.Count];
    private long _cycle;

    public void StartCycle() => _cycle++;

    /// <summary>Feeds one snapshot to its plugin's detectors.</summary>
    /// <returns>One observation per metric, valid until the next call.</returns>
    public ReadOnlySpan<AnomalyObservation> Observe(PluginHealthSnapshot snapshot)
    {
        if (!_detectors.TryGetValue(snapshot.PluginId, out var entry))
        {
            entry = (new PluginAnomalyDetectors(snapshot.PluginId, options, sampleInterval), _cycle);
        }

        _detectors[snapshot.PluginId] = (entry.Detectors, _cycle);
        entry.Detectors.Observe(snapshot, _observations);
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
}
