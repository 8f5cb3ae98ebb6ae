namespace ZepixHealth.Monitoring;

/// <summary>
/// The six <see cref="AnomalyDetector"/>s of one plugin, one per <see cref="AnomalyMetric"/>, fed from its
/// snapshots. Its detectors are one array of structs, allocated once; <see cref="Observe"/> allocates nothing.
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
        : this(pluginId, options?.Enabled is false ? [] : AnomalyDetectorSettings.ForEveryMetric(options!, sampleInterval))
    {
    }

    /// <summary>Creates the detectors of <paramref name="pluginId"/> with shared settings; none when <paramref name="settings"/> is empty (disabled).</summary>
    /// <param name="pluginId">The plugin watched.</param>
    /// <param name="settings">One per metric, indexed by <c>(int)metric</c> (<see cref="AnomalyDetectorSettings.ForEveryMetric"/>), or empty.</param>
    /// <exception cref="ArgumentException"><paramref name="settings"/> is neither empty nor one per metric.</exception>
    public PluginAnomalyDetectors(string pluginId, AnomalyDetectorSettings[] settings)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Length is not 0 and not AnomalyMetricExtensions.Count)
        {
            throw new ArgumentException($"Needs no settings or one per metric ({AnomalyMetricExtensions.Count}); was {settings.Length}.", nameof(settings));
        }

        PluginId = pluginId;
        _detectors = new AnomalyDetector[settings.Length];
        for (var i = 0; i < settings.Length; i++)
        {
            _detectors[i] = new AnomalyDetector(settings[i]);
        }
    }

    public string PluginId { get; }

    /// <summary>Whether the detectors exist (anomaly detection was enabled when they were created).</summary>
    public bool IsEnabled => _detectors.Length != 0;

    /// <summary>Returns the detector of <paramref name="metric"/>.</summary>
    /// <exception cref="InvalidOperationException">Anomaly detection is disabled.</exception>
    public ref readonly AnomalyDetector this[AnomalyMetric metric]
    {
        get
        {
            if (!IsEnabled)
            {
                throw new InvalidOperationException("Anomaly detection is disabled.");
            }

            return ref _detectors[(int)metric];
        }
    }

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

    /// <summary>Feeds a stored snapshot to the detectors, as <see cref="Observe"/> would, discarding what they conclude.</summary>
    /// <exception cref="ArgumentException">The snapshot is another plugin's.</exception>
    public void Learn(PluginHealthSnapshot snapshot)
    {
        Span<AnomalyObservation> ignored = stackalloc AnomalyObservation[AnomalyMetricExtensions.Count];
        Observe(snapshot, ignored);
    }

    /// <summary>The samples learned, summed over the metrics: which of two sets of detectors knows the plugin better.</summary>
    public long LearnedSamples
    {
        get
        {
            long total = 0;
            foreach (ref readonly var detector in _detectors.AsSpan())
            {
                total += detector.BaselineCount;
            }

            return total;
        }
    }

    private bool PluginIdMatches(string id) => ZepixHealth.Monitoring.PluginId.Comparer.Equals(id, PluginId);
}
