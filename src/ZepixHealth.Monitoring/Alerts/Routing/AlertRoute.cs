namespace ZepixHealth.Monitoring;

/// <summary>One route of the tree, as configured, with the sinks it resolves to (its own, or its parent's).</summary>
internal sealed class AlertRoute
{
    private readonly string? _plugin;
    private readonly string? _rule;
    private readonly AlertLevel[] _levels;
    private readonly AlertRoute[] _children;

    private AlertRoute(string? plugin, string? rule, AlertLevel[] levels, string[] sinks, bool continues, AlertRoute[] children)
    {
        _plugin = plugin;
        _rule = rule;
        _levels = levels;
        Sinks = sinks;
        Continues = continues;
        _children = children;
    }

    /// <summary>Gets the sinks of what this route takes and none of its children does.</summary>
    public string[] Sinks { get; }

    /// <summary>Gets whether the routes after this one are tried too when it matches.</summary>
    public bool Continues { get; }

    /// <summary>The root route: takes everything; its sinks are <paramref name="rootSinks"/>.</summary>
    public static AlertRoute Root(IReadOnlyList<AlertRouteOptions> routes, string[] rootSinks) =>
        new(null, null, [], rootSinks, continues: false, [.. routes.Select(r => Build(r, rootSinks))]);

    private static AlertRoute Build(AlertRouteOptions options, string[] parentSinks)
    {
        string[] sinks = options.Sinks.Count > 0 ? [.. options.Sinks] : parentSinks;
        return new AlertRoute(options.PluginId, options.RuleId, [.. options.Levels], sinks, options.Continue, [.. options.Routes.Select(r => Build(r, sinks))]);
    }

    /// <summary>Adds the sinks this alert goes to under this route, which matched it.</summary>
    public void Collect(HealthAlert alert, HashSet<string> sinks)
    {
        var matched = false;
        foreach (var child in _children)
        {
            if (!child.Matches(alert))
            {
                continue;
            }

            matched = true;
            child.Collect(alert, sinks);
            if (!child.Continues)
            {
                break;
            }
        }

        if (!matched)
        {
            sinks.UnionWith(Sinks);
        }
    }

    private bool Matches(HealthAlert alert) =>
        (_plugin is null || WildcardPattern.IsMatch(_plugin, alert.PluginId, StringComparison.OrdinalIgnoreCase))
        && (_rule is null || WildcardPattern.IsMatch(_rule, alert.RuleId, StringComparison.Ordinal))
        && (_levels.Length == 0 || Array.IndexOf(_levels, alert.Level) >= 0);
}
