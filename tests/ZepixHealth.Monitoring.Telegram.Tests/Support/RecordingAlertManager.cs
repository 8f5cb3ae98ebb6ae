using System.Collections.Concurrent;

namespace ZepixHealth.Monitoring.Telegram.Tests.Support;

/// <summary>Records what the commands ask of the alert manager.</summary>
internal sealed class RecordingAlertManager : IHealthAlertManager
{
    private readonly ConcurrentQueue<(Guid, string)> _acknowledged = new();
    private readonly ConcurrentQueue<AlertSilence> _silences = new();

    public IReadOnlyList<(Guid AlertId, string By)> Acknowledged => [.. _acknowledged];

    public IReadOnlyList<AlertSilence> Silences => [.. _silences];

    public Task<AlertSilence> SilenceAsync(string? pluginId, string? ruleId, DateTimeOffset until, string reason, string createdBy, CancellationToken cancellationToken = default) =>
        SilenceAsync(pluginId, ruleId, null, until, reason, createdBy, cancellationToken);

    public Task<AlertSilence> SilenceAsync(string? pluginId, string? ruleId, AlertLevel? maxLevel, DateTimeOffset until, string reason, string createdBy, CancellationToken cancellationToken = default)
    {
        var silence = new AlertSilence { Id = Guid.NewGuid(), PluginId = pluginId, RuleId = ruleId, MaxLevel = maxLevel, CreatedAt = until, Until = until, Reason = reason, CreatedBy = createdBy };
        _silences.Enqueue(silence);
        return Task.FromResult(silence);
    }

    public Task<bool> EndSilenceAsync(Guid silenceId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public IReadOnlyList<AlertSilence> GetActiveSilences() => [.. _silences];

    public Task<bool> AcknowledgeAsync(Guid alertId, string acknowledgedBy, CancellationToken cancellationToken = default)
    {
        _acknowledged.Enqueue((alertId, acknowledgedBy));
        return Task.FromResult(true);
    }
}
