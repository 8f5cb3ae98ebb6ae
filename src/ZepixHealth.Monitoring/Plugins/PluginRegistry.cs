using System.Collections.Immutable;

namespace ZepixHealth.Monitoring;

/// <summary>
/// The default <see cref="IPluginRegistry"/>: copy-on-write, so that reading the set (every cycle)
/// takes no lock and a running cycle is never affected by a registration.
/// </summary>
/// <remarks>
/// Each plugin's id is read once, when it is registered, on the registering thread; the monitor takes
/// it from here (<see cref="TryGetId"/>) and never calls the getter on its cycle's thread.
/// </remarks>
internal sealed class PluginRegistry : IPluginRegistry
{
    private readonly Lock _writeLock = new();
    private ImmutableArray<IHealthCheckablePlugin> _plugins = [];

    // Boxed once per change, so that every cycle reads the same instance until the set changes.
    private volatile IReadOnlyList<IHealthCheckablePlugin> _view = ImmutableArray<IHealthCheckablePlugin>.Empty;
    private ImmutableDictionary<string, IHealthCheckablePlugin> _byId =
        ImmutableDictionary.Create<string, IHealthCheckablePlugin>(PluginId.Comparer);

    private volatile ImmutableDictionary<IHealthCheckablePlugin, string> _idOf =
        ImmutableDictionary.Create<IHealthCheckablePlugin, string>(ReferenceEqualityComparer.Instance);

    /// <summary>Creates a registry holding the plugins registered in dependency injection.</summary>
    /// <exception cref="ArgumentException">A plugin has an invalid id, or two share one.</exception>
    public PluginRegistry(IEnumerable<IHealthCheckablePlugin> plugins)
    {
        ArgumentNullException.ThrowIfNull(plugins);

        // Built once with builders: adding to the immutable collections one by one copies the whole
        // array per plugin, which made a start-up with 16,000 plugins take seconds.
        var list = ImmutableArray.CreateBuilder<IHealthCheckablePlugin>();
        var byId = ImmutableDictionary.CreateBuilder<string, IHealthCheckablePlugin>(PluginId.Comparer);
        var idOf = ImmutableDictionary.CreateBuilder<IHealthCheckablePlugin, string>(ReferenceEqualityComparer.Instance);
        foreach (var plugin in plugins)
        {
            var id = ValidId(plugin);
            if (byId.TryGetValue(id, out var existing))
            {
                throw Duplicate(id, existing);
            }

            byId.Add(id, plugin);
            idOf[plugin] = id;
            list.Add(plugin);
        }

        _byId = byId.ToImmutable();
        _idOf = idOf.ToImmutable();
        _plugins = list.ToImmutable();
        _view = _plugins;
    }

    public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins() => _view;

    /// <summary>Gets the id <paramref name="plugin"/> had when it was registered, without calling its getter again.</summary>
    public bool TryGetId(IHealthCheckablePlugin plugin, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? id) =>
        _idOf.TryGetValue(plugin, out id);

    public void Register(IHealthCheckablePlugin plugin)
    {
        var id = ValidId(plugin);
        lock (_writeLock)
        {
            if (_byId.TryGetValue(id, out var existing))
            {
                throw Duplicate(id, existing);
            }

            _byId = _byId.Add(id, plugin);
            _idOf = _idOf.SetItem(plugin, id);
            _plugins = _plugins.Add(plugin);
            _view = _plugins;
        }
    }

    public bool Unregister(string pluginId)
    {
        ArgumentNullException.ThrowIfNull(pluginId);
        lock (_writeLock)
        {
            if (!_byId.TryGetValue(pluginId, out var plugin))
            {
                return false;
            }

            _byId = _byId.Remove(pluginId);
            _plugins = _plugins.Remove(plugin, ReferenceEqualityComparer.Instance);
            if (!_plugins.Contains(plugin, ReferenceEqualityComparer.Instance))
            {
                _idOf = _idOf.Remove(plugin);
            }

            _view = _plugins;
            return true;
        }
    }

    private static string ValidId(IHealthCheckablePlugin plugin)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var id = ReadId(plugin);
        return PluginId.FindProblem(id) is { } problem
            ? throw new ArgumentException(
                $"Plugin '{PluginId.ForDisplay(id)}' ({plugin.GetType().FullName}) cannot be registered: {problem}.",
                nameof(plugin))
            : id!;
    }

    private static ArgumentException Duplicate(string id, IHealthCheckablePlugin existing) =>
        new($"A plugin with id '{id}' is already registered ({existing.GetType().FullName}); ids must be unique, ignoring case.", "plugin");

    private static string? ReadId(IHealthCheckablePlugin plugin)
    {
        try
        {
            return plugin.Id;
        }
        catch (Exception ex)
        {
            throw new ArgumentException(
                $"The Id of plugin {plugin.GetType().FullName} threw {ex.GetType().Name}: {ex.Message}",
                nameof(plugin),
                ex);
        }
    }
}
