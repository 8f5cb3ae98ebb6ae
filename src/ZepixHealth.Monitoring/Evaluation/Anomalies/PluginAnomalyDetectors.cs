namespace ZepixHealth.Monitoring;

/// <summary>
/// The six <see cref="AnomalyDetector"/>s of one plugin, one per <see cref="AnomalyMetric"/>, fed from its
/// snapshots. Allocates its detectors once; <see cref="Observe"/> allocates nothing.
/// </summary>
/// <remarks>Not thread-safe: the evaluator calls it once per cycle.</remarks>
internal sealed class PluginAnomalyDetectors
{
    private readonly AnomalyDetector[] _detectors;

    /// <summary>Creates the detectors of <paramref name="pluginId"/>; none when <see cref="AnomalyDetectionOptions.Enabled"/> is off.</summary>
    /// <param name="pluginId">The plugin watched.</param>
    /// <param name="options">The settings of every detector.</param>
    /// <param name="sampleInterval">The time between two snapshots: the collection interval.</param>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is out of range.</exception>
    public PluginAnomalyDetectors(string pluginId, AnomalyDetectionOptions options, TimeSpan sampleInterval)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        ArgumentNullException.ThrowIfNull(options);
        PluginId = pluginId;
        if (!options.Enabled)
        {
            _detectors = [];
            return;
        }

        _detectors = new AnomalyDetector[AnomalyMetricExtensions.Count];
        foreach (var metric in AnomalyMetricExtensions.All)
        {
            _detectors[(int)metric] = new AnomalyDetector(metric, options, sampleInterval);
        }
    }

    public string PluginId { get; }

    /// <summary>Whether the detectors exist (anomaly detection was enabled when they were created).</summary>
    public bool IsEnabled => _detectors.Length != 0;

    /// <summary>Returns the detector of <paramref name="metric"/>.</summary>
    /// <exception cref="InvalidOperationException">Anomaly detection is disabled.</exception>
    public AnomalyDetector this[AnomalyMetric metric] =>
        IsEnabled ? _detectors[(int)metric] : throw new InvalidOperationException("Anomaly detection is disabled.");

    /// <summary>
    /// Feeds each metric of <paramref name="snapshot"/> to its detector and writes what each concluded to
    /// <paramref name="results"/>[(int)metric]. When disabled, every result is skipped.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="results"/> is shorter than six, or the snapshot is another plugin's.</exception>
    public void Observe(PluginHealthSnapshot snapshot, Span<AnomalyObservation> results)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (results.Length < AnomalyMetricExtensions.Count)
        {
            throw new ArgumentException($"Needs room for {AnomalyMetricExtensions.Count} observations.", nameof(results));
        }

        if (!PluginIdMatches(snapshot.PluginId))
        {
            throw new ArgumentException($"The snapshot is of plugin '{snapshot.PluginId}', not '{PluginId}'.", nameof(snapshot));
        }

        foreach (var metric in AnomalyMetricExtensions.All)
        {
            var value = metric.ReadValue(snapshot);
            results[(int)metric] = IsEnabled
                ? _detectors[(int)metric].Observe(value, snapshot.Timestamp)
                : AnomalyObservation.Skipped(metric, isFiring: false, baselineCount: 0, threshold: double.NaN);
        }
    }

    private bool PluginIdMatches(string id) => ZepixHealth.Monitoring.PluginId.Comparer.Equals(id, PluginId);
}
