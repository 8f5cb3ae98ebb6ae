namespace ZepixHealth.Monitoring;

/// <summary>
/// The rules of one plugin whose clear outcomes the evaluator hands on: those the alert lifecycle
/// tracks, the only ones where a clear can change an alert. The evaluator is given a plugin's set once
/// per cycle, so it hashes the plugin's id once, not once per rule.
/// </summary>
/// <remarks>Changed by the cycle alone (the alert lifecycle, as it adds trackers), so the cycle reads it without a lock.</remarks>
internal sealed class TrackedRules
{
    private readonly bool _every;
    private string[] _ruleIds = [];
    private int _count;

    public TrackedRules()
    {
    }

    private TrackedRules(bool every) => _every = every;

    /// <summary>Gets a set that holds every rule: until the open alerts of a restart are known, any clear may resolve one.</summary>
    public static TrackedRules Every { get; } = new(every: true);

    /// <summary>Returns whether <paramref name="ruleId"/> has a tracker.</summary>
    public bool Contains(string ruleId)
    {
        if (_every)
        {
            return true;
        }

        // A plugin has a handful of rules: a scan beats hashing, and rule ids are usually the same instances.
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_ruleIds[i], ruleId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds <paramref name="ruleId"/>, once.</summary>
    /// <exception cref="InvalidOperationException">This is <see cref="Every"/>, which is shared.</exception>
    public void Add(string ruleId)
    {
        if (_every)
        {
            throw new InvalidOperationException("The set of every rule is shared and cannot be changed.");
        }

        if (Contains(ruleId))
        {
            return;
        }

        if (_count == _ruleIds.Length)
        {
            Array.Resize(ref _ruleIds, Math.Max(4, _count * 2));
        }

        _ruleIds[_count++] = ruleId;
    }
}
