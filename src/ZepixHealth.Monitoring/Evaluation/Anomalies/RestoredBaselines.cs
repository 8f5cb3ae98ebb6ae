namespace ZepixHealth.Monitoring;

/// <summary>What <see cref="BaselineRestorer"/> rebuilt for one plugin from its stored history.</summary>
/// <param name="PluginId">The plugin.</param>
/// <param name="Detectors">Its detectors, fed the history; <see langword="null"/> when there was none, or it could not be read.</param>
/// <param name="Samples">How many stored snapshots were replayed.</param>
internal sealed record RestoredBaselines(string PluginId, PluginAnomalyDetectors? Detectors, int Samples);
