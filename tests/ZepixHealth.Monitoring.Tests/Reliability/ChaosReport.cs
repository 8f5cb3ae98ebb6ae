using System.Globalization;

namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>
/// Matches what the chaos day raised and delivered against the scripts: one alert per episode, at the
/// documented instants, received once per sink as firing (plus reminders every cooldown, none while
/// flapping) and once as resolved; nothing lost, nothing received twice, no alert without an episode.
/// </summary>
internal sealed class ChaosReport
{
    private readonly Dictionary<string, Dictionary<(Guid NotificationId, Guid AlertId), List<ChaosReceipt>>> _receipts;
    private readonly Dictionary<string, TimeSpan> _maxDelay = [];
    private readonly Dictionary<string, (int Firing, int Reminders, int Resolved)> _counts = [];

    public ChaosReport(IReadOnlyList<ChaosEpisode> episodes, IReadOnlyList<HealthAlert> alerts, IReadOnlyList<AlertDelivery> deliveries, IReadOnlyList<ChaosSink> sinks, PluginHealthOptions options, Func<int, DateTimeOffset> evaluatedAt)
    {
        // Alerts carry the instant their cycle was judged (after its timeouts), which the driver recorded.
        var At = evaluatedAt;
        _receipts = sinks.ToDictionary(
            s => s.Name,
            s => s.Received.GroupBy(r => (r.NotificationId, r.AlertId)).ToDictionary(g => g.Key, g => g.ToList()));

        foreach (var sink in sinks)
        {
            foreach (var duplicate in _receipts[sink.Name].Where(r => r.Value.Count > 1))
            {
                var entries = deliveries.Where(d => d.Sink == sink.Name && d.NotificationId == duplicate.Key.NotificationId && d.AlertId == duplicate.Key.AlertId);
                Problems.Add($"{sink.Name} received notification {duplicate.Key.NotificationId} of alert {duplicate.Key.AlertId} {duplicate.Value.Count} times, at {string.Join(", ", duplicate.Value.Select(r => r.ReceivedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))}; outbox: {string.Join("; ", entries)}");
            }
        }

        foreach (var delivery in deliveries)
        {
            if (delivery.DeliveredAt is null || delivery.FailedAt is not null)
            {
                Problems.Add($"outbox entry {delivery.Id} for {delivery.Sink} ({delivery.AlertState}) was not delivered: {delivery.Attempts} attempts, last error {delivery.LastError}");
            }
            else if (!_receipts[delivery.Sink].TryGetValue((delivery.NotificationId, delivery.AlertId), out var received))
            {
                Problems.Add($"outbox entry {delivery.Id} is marked delivered but {delivery.Sink} never received it");
            }
            else
            {
                var delay = received[0].ReceivedAt - delivery.CreatedAt;
                _maxDelay[delivery.Sink] = delay > _maxDelay.GetValueOrDefault(delivery.Sink) ? delay : _maxDelay.GetValueOrDefault(delivery.Sink);
            }
        }

        var matched = new HashSet<Guid>();
        foreach (var episode in episodes.Where(e => e.ExpectsAlert))
        {
            var from = At(episode.StartCycle);
            var to = At(episode.EndCycle);
            var raised = alerts.Where(a => a.PluginId == episode.PluginId && a.RuleId == HealthRuleIds.Availability && a.RaisedAt >= from && a.RaisedAt < to).ToList();
            if (raised.Count != 1)
            {
                Problems.Add($"{episode} raised {raised.Count} availability alerts");
                continue;
            }

            var alert = raised[0];
            matched.Add(alert.Id);

            // Availability fires on the first bad cycle (ForCycles 1); staleness once StaleAfter has passed.
            if (episode.Kind != ChaosEpisodeKind.Stale && alert.RaisedAt != from)
            {
                Problems.Add($"{episode} fired at {alert.RaisedAt:O}, expected on its first cycle at {from:O}");
            }

            if (alert.Level != episode.ExpectedLevel)
            {
                Problems.Add($"{episode} raised a {alert.Level} alert, expected {episode.ExpectedLevel}");
            }

            CheckResolution(episode, alert, At);
            foreach (var sink in sinks)
            {
                CheckReceipts(sink.Name, episode, alert, options.AlertCooldown);
            }
        }

        foreach (var alert in alerts.Where(a => !matched.Contains(a.Id)))
        {
            Problems.Add($"alert without an episode: {alert.PluginId} {alert.RuleId} {alert.Level} raised {alert.RaisedAt:O}: {alert.Message}");
        }
    }

    public List<string> Problems { get; } = [];

    /// <summary>Gets the longest time from queueing a notification to its sink receiving it, over all sinks.</summary>
    public TimeSpan MaxDeliveryDelay => _maxDelay.Values.DefaultIfEmpty().Max();

    public string Summary(ChaosSink sink)
    {
        var (firing, reminders, resolved) = _counts.GetValueOrDefault(sink.Name);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"received {firing} firing, {reminders} reminders, {resolved} resolved; 0 duplicates allowed, {Problems.Count(p => p.StartsWith(sink.Name, StringComparison.Ordinal))} found; slowest delivery {_maxDelay.GetValueOrDefault(sink.Name).TotalMinutes:0.0} min after queueing");
    }

    private void CheckResolution(ChaosEpisode episode, HealthAlert alert, Func<int, DateTimeOffset> at)
    {
        if (episode.Kind == ChaosEpisodeKind.HangForever)
        {
            if (alert.State != AlertState.Firing)
            {
                Problems.Add($"{episode} resolved at {alert.ResolvedAt:O} although the plugin never answered again");
            }

            return;
        }

        // Resolved on the ClearCycles-th clean cycle; a flapping alert once it no longer flaps (21-outcome window).
        var earliest = at(episode.EndCycle + PluginHealthDefaults.ClearCycles - 1);
        var latest = episode.Kind == ChaosEpisodeKind.Flaps ? at(episode.EndCycle + PluginHealthDefaults.FlapWindow) : earliest;
        if (alert.State != AlertState.Resolved || alert.ResolvedAt < earliest || alert.ResolvedAt > latest)
        {
            Problems.Add($"{episode}: alert {alert.State}, resolved at {alert.ResolvedAt:O}; expected between {earliest:O} and {latest:O}");
        }
    }

    private void CheckReceipts(string sink, ChaosEpisode episode, HealthAlert alert, TimeSpan cooldown)
    {
        var received = _receipts[sink].Values.SelectMany(r => r).Where(r => r.AlertId == alert.Id).OrderBy(r => r.ReceivedAt).ToList();
        var firing = received.Count(r => r.State == AlertState.Firing);
        var resolved = received.Count(r => r.State == AlertState.Resolved);
        var lasted = (alert.ResolvedAt ?? received.LastOrDefault()?.ReceivedAt ?? alert.RaisedAt) - alert.RaisedAt;
        // A flapping alert is not reminded; its one flapping-start notice arrives as firing too.
        var allowedReminders = episode.Kind == ChaosEpisodeKind.Flaps ? 1 : (int)(lasted / cooldown);
        var counts = _counts.GetValueOrDefault(sink);
        _counts[sink] = (counts.Firing + Math.Min(firing, 1), counts.Reminders + Math.Max(firing - 1, 0), counts.Resolved + resolved);

        if (firing < 1 || firing - 1 > allowedReminders)
        {
            Problems.Add($"{sink}: {episode} was received firing {firing} times; one plus at most {allowedReminders} reminders allowed");
        }

        var expectedResolved = episode.Kind == ChaosEpisodeKind.HangForever ? 0 : 1;
        if (resolved != expectedResolved)
        {
            Problems.Add($"{sink}: {episode} was received resolved {resolved} times, expected {expectedResolved}");
        }

        if (received.Count > 0 && received[0].State != AlertState.Firing)
        {
            Problems.Add($"{sink}: {episode} was received resolved before firing");
        }
    }
}
