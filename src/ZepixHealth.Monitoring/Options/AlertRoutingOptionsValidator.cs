namespace ZepixHealth.Monitoring;

/// <summary>
/// Checks the shape of <see cref="AlertRoutingOptions"/>; every message names the key and the bad value.
/// Whether each sink name is registered is checked when the alerts start (the sinks are known then).
/// </summary>
internal static class AlertRoutingOptionsValidator
{
    public static IEnumerable<string> FindProblems(AlertRoutingOptions routing, string prefix)
    {
        var problems = new List<string>();
        CheckSinkNames(problems, routing.Sinks, $"{prefix}:{nameof(routing.Sinks)}");
        CheckRoutes(problems, routing.Routes, $"{prefix}:{nameof(routing.Routes)}", depth: 1);
        CheckSinkNames(problems, routing.EscalationSinks, $"{prefix}:{nameof(routing.EscalationSinks)}");
        if (routing.EscalateAfter is { } after && (after <= TimeSpan.Zero || after > PluginHealthDefaults.MaxEscalateAfter))
        {
            problems.Add($"{prefix}:{nameof(routing.EscalateAfter)} must be greater than 00:00:00 and at most {PluginHealthDefaults.MaxEscalateAfter:c}; was '{after:c}'.");
        }

        if (routing.EscalateAfter is not null && routing.EscalationSinks.Count == 0)
        {
            problems.Add($"{prefix}:{nameof(routing.EscalationSinks)} must name at least one sink when {prefix}:{nameof(routing.EscalateAfter)} is set; was empty.");
        }

        if (routing.EscalateAfter is null && routing.EscalationSinks.Count > 0)
        {
            problems.Add($"{prefix}:{nameof(routing.EscalationSinks)} names sinks ('{string.Join("', '", routing.EscalationSinks)}') but {prefix}:{nameof(routing.EscalateAfter)} is not set; set it, or remove them.");
        }

        return problems;
    }

    private static void CheckRoutes(List<string> problems, List<AlertRouteOptions> routes, string key, int depth)
    {
        if (depth > PluginHealthDefaults.MaxRouteDepth)
        {
            problems.Add($"{key} nests routes deeper than {PluginHealthDefaults.MaxRouteDepth} levels.");
            return;
        }

        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            var routeKey = $"{key}:{i}";
            if (route is null)
            {
                problems.Add($"{routeKey} is empty; give it a PluginId, RuleId or Levels, and Sinks.");
                continue;
            }

            if (route.PluginId is not null && string.IsNullOrWhiteSpace(route.PluginId))
            {
                problems.Add($"{routeKey}:{nameof(route.PluginId)} must be a plugin id or a pattern such as 'v6-*'; was '{route.PluginId}'.");
            }

            if (route.RuleId is not null && string.IsNullOrWhiteSpace(route.RuleId))
            {
                problems.Add($"{routeKey}:{nameof(route.RuleId)} must be a rule id or a pattern such as 'anomaly.*'; was '{route.RuleId}'.");
            }

            foreach (var level in route.Levels.Where(l => !Enum.IsDefined(l)))
            {
                problems.Add($"{routeKey}:{nameof(route.Levels)} must hold Warning, High or Critical; was '{(int)level}'.");
            }

            CheckSinkNames(problems, route.Sinks, $"{routeKey}:{nameof(route.Sinks)}");
            CheckRoutes(problems, route.Routes, $"{routeKey}:{nameof(route.Routes)}", depth + 1);
        }
    }

    private static void CheckSinkNames(List<string> problems, List<string> sinks, string key)
    {
        foreach (var sink in sinks.Where(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{key} must hold sink names; was '{sink}'.");
        }
    }
}
