namespace ZepixHealth.Monitoring;

/// <summary>
/// The set of plugins the monitor watches. Plugins registered in dependency injection as
/// <see cref="IHealthCheckablePlugin"/> are in it from the start; plugins loaded and unloaded at run
/// time are added and removed with <see cref="Register"/> and <see cref="Unregister"/>.
/// </summary>
/// <remarks>The default implementation is thread-safe; a cycle that is running keeps the set it started with.</remarks>
public interface IPluginRegistry
{
    /// <summary>Gets the plugins registered now, in registration order.</summary>
    /// <returns>A snapshot that later registrations do not change.</returns>
    IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins();

    /// <summary>Adds a plugin; the next cycle watches it.</summary>
    /// <param name="plugin">The plugin to add.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plugin"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The plugin's id is empty, too long or holds control characters, or a plugin with the same id
    /// (ignoring case) is already registered.
    /// </exception>
    void Register(IHealthCheckablePlugin plugin);

    /// <summary>Removes the plugin with the given id; the next cycle no longer watches it.</summary>
    /// <param name="pluginId">The id of the plugin to remove (ignoring case).</param>
    /// <returns><see langword="true"/> when a plugin was removed; <see langword="false"/> when none had that id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pluginId"/> is null.</exception>
    bool Unregister(string pluginId);
}
