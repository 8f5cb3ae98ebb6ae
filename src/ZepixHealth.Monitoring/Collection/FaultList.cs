namespace ZepixHealth.Monitoring;

/// <summary>Collects a snapshot's faults; allocates only when there is one, which is the rare case.</summary>
internal struct FaultList
{
    private List<string>? _faults;

    public readonly bool Any => _faults is { Count: > 0 };

    public void Add(string fault) => (_faults ??= []).Add(fault);

    public readonly IReadOnlyList<string> ToReadOnlyList() => _faults is null ? [] : _faults.ToArray();
}
