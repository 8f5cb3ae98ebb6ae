namespace ZepixHealth.Monitoring;

/// <summary>
/// A store that can drop what it keeps in memory about plugins the monitor no longer watches, so that
/// its latest snapshots list only watched plugins and its memory follows the plugins watched.
/// </summary>
internal interface IForgetsRemovedPlugins
{
    /// <summary>Forgets the latest snapshots (and, for an in-memory store, the history) of these plugins.</summary>
    void ForgetPlugins(IReadOnlyList<string> pluginIds);
}
