namespace ZepixHealth.Monitoring;

/// <summary>
/// Chooses the sinks of each notification from <see cref="PluginHealthOptions.Routing"/>: a firing goes
/// where its route sends it; a resolution goes there too, and to every sink that got the alert's firing
/// (its level may have changed since, or it was escalated).
/// </summary>
/// <remarks>
/// Which sinks got a firing is kept in memory while the alert is open; after a restart a resolution goes
/// where its route sends it, and to the escalation sinks when the alert was old enough to be escalated.
/// Called under the outbox writer's lock.
/// </remarks>
internal sealed class AlertRouter
{
    private readonly AlertRoute _root;
    private readonly Dictionary<(string PluginId, string RuleId, AlertLevel Level), string[]> _routed = [];
    private readonly Dictionary<Guid, HashSet<string>> _gotFiring = [];

    private AlertRouter(AlertRoute root) => _root = root;

    /// <summary>
    /// The router the options ask for; <see langword="null"/> when every sink gets everything (no routes,
    /// no root sinks, no escalation). Throws when a route names a sink that is not registered.
    /// </summary>
    /// <exception cref="InvalidOperationException">A sink name of the routing options is not one of <paramref name="sinkNames"/>.</exception>
    public static AlertRouter? For(AlertRoutingOptions routing, IReadOnlyList<string> sinkNames)
    {
        if (routing.Routes.Count == 0 && routing.Sinks.Count == 0 && routing.EscalateAfter is null)
        {
            return null;
        }

        CheckSinks(routing, sinkNames);
        string[] rootSinks = routing.Sinks.Count > 0 ? [.. routing.Sinks] : [.. sinkNames];
        return new AlertRouter(AlertRoute.Root(routing.Routes, rootSinks));
    }

    /// <summary>Returns the sinks this change of the alert goes to.</summary>
    public IReadOnlyCollection<string> Route(HealthAlert alert)
    {
        var routed = RoutedSinks(alert);
        if (alert.State == AlertState.Firing)
        {
            if (!_gotFiring.TryGetValue(alert.Id, out var got))
            {
                _gotFiring[alert.Id] = got = new HashSet<string>(StringComparer.Ordinal);
            }

            got.UnionWith(routed);
            return routed;
        }

        if (!_gotFiring.Remove(alert.Id, out var gotFiring))
        {
            return routed;
        }

        gotFiring.UnionWith(routed);
        return gotFiring;
    }

    /// <summary>Records that the alert's firing went to <paramref name="sinks"/> as well (an escalation), so that its resolution does too.</summary>
    public void GotFiring(Guid alertId, IEnumerable<string> sinks)
    {
        if (!_gotFiring.TryGetValue(alertId, out var got))
        {
            _gotFiring[alertId] = got = new HashSet<string>(StringComparer.Ordinal);
        }

        got.UnionWith(sinks);
    }

    /// <summary>Returns those of <paramref name="sinks"/> that have not got the alert's firing.</summary>
    public IReadOnlyList<string> NotYetFiredTo(Guid alertId, IReadOnlyList<string> sinks) =>
        _gotFiring.TryGetValue(alertId, out var got) ? [.. sinks.Where(s => !got.Contains(s))] : sinks;

    private string[] RoutedSinks(HealthAlert alert)
    {
        var key = (alert.PluginId, alert.RuleId, alert.Level);
        if (!_routed.TryGetValue(key, out var sinks))
        {
            var collected = new HashSet<string>(StringComparer.Ordinal);
            _root.Collect(alert, collected);
            _routed[key] = sinks = [.. collected.Order(StringComparer.Ordinal)];
        }

        return sinks;
    }

    private static void CheckSinks(AlertRoutingOptions routing, IReadOnlyList<string> sinkNames)
    {
        var named = routing.Sinks.Select(s => (Key: "Routing:Sinks", Sink: s))
            .Concat(routing.EscalationSinks.Select(s => (Key: "Routing:EscalationSinks", Sink: s)))
            .Concat(RouteSinks(routing.Routes, "Routing:Routes"));
        foreach (var (key, sink) in named)
        {
            if (!sinkNames.Contains(sink, StringComparer.Ordinal))
            {
                var registered = string.Join(", ", sinkNames.Order(StringComparer.Ordinal));
                throw new InvalidOperationException(
                    $"{PluginHealthDefaults.SectionName}:{key} names alert sink '{sink}', which is not registered (registered sinks: {(registered.Length == 0 ? "none" : registered)}).");
            }
        }
    }

    private static IEnumerable<(string Key, string Sink)> RouteSinks(List<AlertRouteOptions> routes, string key) =>
        routes.SelectMany((route, i) => route.Sinks.Select(s => (Key: $"{key}:{i}:Sinks", Sink: s))
            .Concat(RouteSinks(route.Routes, $"{key}:{i}:Routes")));
}
