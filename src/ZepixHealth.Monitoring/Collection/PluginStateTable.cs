using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// What the collection remembers per plugin between cycles, keyed by the plugin instance: the plugins
/// of the registry as they come and go, each with its <see cref="PluginState"/>; plugins whose id is
/// unusable are logged once and then skipped until they leave the registry.
/// </summary>
/// <remarks>Used by one cycle at a time; not thread-safe.</remarks>
internal sealed class PluginStateTable(IPluginRegistry registry, TimeProvider timeProvider, ILogger logger)
{
    private readonly Dictionary<IHealthCheckablePlugin, PluginState> _states = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _ids = new(PluginId.Comparer);
    private readonly HashSet<IHealthCheckablePlugin> _rejected = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyList<IHealthCheckablePlugin>? _knownPlugins;
    private bool _nullReported;

    /// <summary>Gets the states of the plugins watched now.</summary>
    public IEnumerable<PluginState> States => _states.Values;

    /// <summary>
    /// Reads the registry, forgets the plugins that left it, and returns the plugins to check. A registry
    /// that throws must not blind the monitor: the plugins it returned last are checked instead.
    /// </summary>
    public IReadOnlyList<IHealthCheckablePlugin> ReadRegistry()
    {
        IReadOnlyList<IHealthCheckablePlugin> plugins;
        try
        {
            plugins = registry.GetAllPlugins() ?? [];
        }
        catch (Exception ex)
        {
            plugins = _knownPlugins ?? [];
            CollectionLog.RegistryFailed(logger, ex, plugins.Count);
        }

        ForgetUnregistered(plugins);
        return plugins;
    }

    /// <summary>Gets the state of a plugin, creating it on first sight; <see langword="null"/> when the plugin cannot be watched.</summary>
    public PluginState? GetState(IHealthCheckablePlugin? plugin)
    {
        if (plugin is null)
        {
            // Reported once per registry content, like any other plugin that cannot be watched.
            if (!_nullReported)
            {
                CollectionLog.InvalidPlugin(logger, "(null)", "the registry returned a null plugin");
                _nullReported = true;
            }

            return null;
        }

        if (_states.TryGetValue(plugin, out var state))
        {
            return state;
        }

        if (_rejected.Contains(plugin) || ReadValidId(plugin) is not { } id)
        {
            return null;
        }

        state = new PluginState(plugin, id, timeProvider);
        _states.Add(plugin, state);
        _ids.Add(id);
        return state;
    }

    private string? ReadValidId(IHealthCheckablePlugin plugin)
    {
        string? id;
        try
        {
            id = plugin.Id;
        }
        catch (Exception ex)
        {
            return Reject(plugin, plugin.GetType().FullName ?? "?", CollectionText.Describe("its Id threw", ex));
        }

        if (PluginId.FindProblem(id) is { } problem)
        {
            return Reject(plugin, $"{plugin.GetType().FullName} '{PluginId.ForDisplay(id)}'", problem);
        }

        // Two plugins under one id would share one alert and one history: the first one keeps it.
        return _ids.Contains(id!)
            ? Reject(plugin, $"{plugin.GetType().FullName} '{id}'", "another plugin already has this id (ids are compared ignoring case)")
            : id;
    }

    private string? Reject(IHealthCheckablePlugin plugin, string description, string problem)
    {
        CollectionLog.InvalidPlugin(logger, description, problem);
        _rejected.Add(plugin);
        return null;
    }

    /// <summary>Drops what is remembered about plugins that left the registry, so memory stays bounded.</summary>
    private void ForgetUnregistered(IReadOnlyList<IHealthCheckablePlugin> plugins)
    {
        if (ReferenceEquals(plugins, _knownPlugins))
        {
            return;
        }

        _knownPlugins = plugins;
        _nullReported = false;
        if (_states.Count == 0 && _rejected.Count == 0)
        {
            return;
        }

        var current = new HashSet<IHealthCheckablePlugin>(plugins.Where(p => p is not null), ReferenceEqualityComparer.Instance);
        foreach (var plugin in _states.Keys.Where(p => !current.Contains(p)).ToList())
        {
            _ids.Remove(_states[plugin].Id);
            _states.Remove(plugin);
        }

        _rejected.IntersectWith(current);
    }
}
