namespace ZepixHealth.Monitoring;

/// <summary>
/// Compares each cycle's plugin ids with the previous cycle's: the ids that left are plugins that
/// were unregistered, whose alerts, baselines and latest snapshots are to be forgotten.
/// </summary>
/// <remarks>
/// Holds only the ids of the last two cycles, so memory follows the plugins watched. A cycle with the
/// very id strings of the previous one, in the same order (the monitor reuses them), is compared without
/// hashing an id.
/// </remarks>
internal sealed class RemovedPluginDetector
{
    private readonly List<string> _gone = [];
    private string[] _previousOrder = [];
    private HashSet<string> _previous = new(PluginId.Comparer);
    private HashSet<string> _current = new(PluginId.Comparer);

    /// <summary>Gets whether the latest cycle compared watched <paramref name="pluginId"/>.</summary>
    public bool IsWatched(string pluginId) => _previous.Contains(pluginId);

    /// <summary>Returns the ids of the previous cycle that are not in <paramref name="snapshots"/>; valid until the next call.</summary>
    public IReadOnlyList<string> Compare(PluginHealthSnapshot[] snapshots)
    {
        _gone.Clear();
        if (SameAsPrevious(snapshots))
        {
            return _gone;
        }

        _current.Clear();
        _current.EnsureCapacity(snapshots.Length);
        foreach (var snapshot in snapshots)
        {
            _current.Add(snapshot.PluginId);
        }

        foreach (var id in _previous)
        {
            if (!_current.Contains(id))
            {
                _gone.Add(id);
            }
        }

        (_previous, _current) = (_current, _previous);

        // A set that once held many plugins gives its memory back when far fewer are left.
        if (_current.Count > 64 && _previous.Count < _current.Count / 4)
        {
            _current = new HashSet<string>(PluginId.Comparer);
        }

        _previousOrder = [.. snapshots.Select(s => s.PluginId)];
        return _gone;
    }

    private bool SameAsPrevious(PluginHealthSnapshot[] snapshots)
    {
        if (snapshots.Length != _previousOrder.Length)
        {
            return false;
        }

        for (var i = 0; i < snapshots.Length; i++)
        {
            if (!ReferenceEquals(snapshots[i].PluginId, _previousOrder[i]))
            {
                return false;
            }
        }

        return true;
    }
}
