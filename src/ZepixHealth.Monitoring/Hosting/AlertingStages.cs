namespace ZepixHealth.Monitoring;

/// <summary>The stages of a cycle after collection that need a store: history, evaluation, alerts and their delivery.</summary>
/// <param name="Recorder">Queues the snapshots for the history.</param>
/// <param name="Evaluator">Judges the snapshots with the rules and anomaly baselines.</param>
/// <param name="Alerts">Turns outcomes into alert changes and stores them with their notifications.</param>
/// <param name="Dispatcher">Delivers the stored notifications; <see langword="null"/> when nothing delivers them here.</param>
internal sealed record AlertingStages(SnapshotRecorder Recorder, HealthEvaluator Evaluator, HealthAlertManager Alerts, AlertDispatcher? Dispatcher)
{
    /// <summary>Tells which plugins left since the previous cycle (unregistered).</summary>
    public RemovedPluginDetector Removed { get; } = new();
}
