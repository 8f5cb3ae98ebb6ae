using Microsoft.Extensions.Logging;

namespace ZepixHealth.Monitoring;

/// <summary>
/// What the collection remembers per plugin between cycles, keyed by the plugin instance: the plugins
/// of the registry as they come and go, each with its <see cref="PluginState"/>; plugins whose id is
/// unusable are logged once and then skipped until they leave the registry.
/// </summary>
/// <remarks>
/// Used by one cycle at a time; not thread-safe. A plugin's <see cref="IHealthCheckablePlugin.Id"/> is
/// its own code and is never called on the cycle's thread: the default <see cref="PluginRegistry"/>
/// read it at registration; a host's own registry's plugins are identified on first sight through a
/// <see cref="GuardedCaller"/> each, under the check timeout (<see cref="IdentifyUnseenAsync"/>), so a
/// getter that blocks costs the cycle at most that timeout and holds one worker; that plugin is left
/// out, and asked again once the call returns.
/// </remarks>
internal sealed class PluginStateTable(IPluginRegistry registry, TimeProvider timeProvider, ILogger logger)
{
    private readonly Dictionary<IHealthCheckablePlugin, PluginState> _states = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> _ids = new(PluginId.Comparer);
    private readonly HashSet<IHealthCheckablePlugin> _rejected = new(ReferenceEqualityComparer.Instance);

    // Plugins seen this cycle with no state yet, and the callers that read their ids (kept while a read is stuck).
    private readonly List<IHealthCheckablePlugin> _unseen = [];
    private readonly Dictionary<IHealthCheckablePlugin, GuardedCaller> _idReaders = new(ReferenceEqualityComparer.Instance);
    private IReadOnlyList<IHealthCheckablePlugin>? _knownPlugins;
    private bool _nullReported;

    /// <summary>Gets the states of the plugins watched now.</summary>
    public IEnumerable<PluginState> States => _states.Values;

    /// <summary>Gets how many reads of a plugin's id were abandoned and are still running.</summary>
    public int StuckIdReads => _idReaders.Values.Count(reader => reader.IsRunning);

    /// <summary>
    /// Reads the registry, forgets the plugins that left it, and returns the plugins to check. A registry
    /// that throws must not blind the monitor: the plugins it returned last are checked instead.
    /// </summary>
    public IReadOnlyList<IHealthCheckablePlugin> ReadRegistry()
    {
        _unseen.Clear();
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

        // A large registry seen for the first time fills the tables once, not through a dozen regrowths.
        _states.EnsureCapacity(plugins.Count);
        _ids.EnsureCapacity(plugins.Count);
        return plugins;
    }

    /// <summary>
    /// Gets the state of a plugin; <see langword="null"/> when the plugin cannot be watched, or has not been
    /// identified yet (then it is noted for <see cref="IdentifyUnseenAsync"/>).
    /// </summary>
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

        if (_rejected.Contains(plugin))
        {
            return null;
        }

        // The default registry read the id when the plugin was registered; any other registry's plugins
        // are identified on call workers.
        if (registry is PluginRegistry known && known.TryGetId(plugin, out var registeredId))
        {
            return Add(plugin, ValidId(plugin, registeredId));
        }

        _unseen.Add(plugin);
        return null;
    }

    /// <summary>Gets whether <see cref="GetState"/> met plugins that have not been identified yet.</summary>
    public bool HasUnseen => _unseen.Count > 0;

    /// <summary>
    /// Reads the id of every plugin noted by <see cref="GetState"/> on call workers, all at once, each
    /// under <paramref name="timeout"/>, and creates the states of those whose id is usable, in
    /// registry order (of two plugins with one id, the first keeps it).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask IdentifyUnseenAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reads = new List<(IHealthCheckablePlugin Plugin, Task<PluginCallResult<string?>> Read)>(_unseen.Count);
        var started = new HashSet<IHealthCheckablePlugin>(ReferenceEqualityComparer.Instance);
        foreach (var plugin in _unseen)
        {
            if (!_idReaders.TryGetValue(plugin, out var reader))
            {
                reader = new GuardedCaller(timeProvider);
                _idReaders.Add(plugin, reader);
            }

            // A read still stuck since an earlier cycle was logged then; the plugin waits until it returns.
            if (!reader.IsRunning && started.Add(plugin))
            {
                reads.Add((plugin, reader.InvokeAsync(
                    plugin, static (plugin, _) => new ValueTask<string?>(plugin.Id), nameof(IHealthCheckablePlugin.Id), timeout, cancellationToken).AsTask()));
            }
        }

        _unseen.Clear();
        foreach (var (plugin, read) in reads)
        {
            Identify(plugin, await read.ConfigureAwait(false), timeout);
        }
    }

    private void Identify(IHealthCheckablePlugin plugin, PluginCallResult<string?> read, TimeSpan timeout)
    {
        var type = plugin.GetType().FullName ?? "?";
        switch (read.Outcome)
        {
            case PluginCallOutcome.TimedOut:
                CollectionLog.InvalidPlugin(
                    logger, type, $"its Id did not answer within {CollectionText.FormatDuration(timeout)}; left out, and asked again once that call returns");
                return;
            case PluginCallOutcome.Faulted:
                _idReaders.Remove(plugin);
                Reject(plugin, type, CollectionText.Describe("its Id threw", read.Error!));
                return;
            case PluginCallOutcome.StillRunning:
                return;
        }

        _idReaders.Remove(plugin);
        Add(plugin, ValidId(plugin, read.Value));
    }

    private PluginState? Add(IHealthCheckablePlugin plugin, string? id)
    {
        if (id is null)
        {
            return null;
        }

        var state = new PluginState(plugin, id, timeProvider);
        _states.Add(plugin, state);
        _ids.Add(id);
        return state;
    }

    private string? ValidId(IHealthCheckablePlugin plugin, string? id)
    {
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
        if (_states.Count == 0 && _rejected.Count == 0 && _idReaders.Count == 0)
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
        foreach (var plugin in _idReaders.Keys.Where(p => !current.Contains(p)).ToList())
        {
            _idReaders.Remove(plugin);
        }
    }
}
