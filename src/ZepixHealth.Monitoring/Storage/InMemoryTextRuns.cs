namespace ZepixHealth.Monitoring;

/// <summary>
/// The texts of the rows kept by one <see cref="InMemoryPluginHistory"/>, as runs: a run starts at the
/// row whose texts differ from the row before, and rows are known by their sequence number (the count
/// appended before them). Texts rarely change from one snapshot to the next, so an append usually
/// writes nothing and touches no memory beyond the history itself.
/// </summary>
/// <remarks>A mutable struct, kept as a field of its history so that it costs no object of its own.</remarks>
internal struct InMemoryTextRuns
{
    private InMemorySnapshotTexts? _oldest;
    private Queue<(long From, InMemorySnapshotTexts? Texts)>? _changes;

    // The sequence of the first queued change, null while none is queued: the common append reads this
    // field instead of the queue.
    private long? _firstChange;

    /// <summary>Gets how many runs are kept: one, and one per change of texts among the rows kept.</summary>
    public readonly int Count => 1 + (_changes?.Count ?? 0);

    /// <summary>Gets the texts of the newest row.</summary>
    public InMemorySnapshotTexts? Newest { get; private set; }

    /// <summary>Records the texts of the row numbered <paramref name="sequence"/>, the newest.</summary>
    public void Append(long sequence, InMemorySnapshotTexts? texts)
    {
        if (sequence == 0)
        {
            _oldest = Newest = texts;
            return;
        }

        if (ReferenceEquals(texts, Newest))
        {
            return;
        }

        (_changes ??= new()).Enqueue((sequence, texts));
        _firstChange ??= sequence;
        Newest = texts;
    }

    /// <summary>Forgets the runs that end before the row numbered <paramref name="oldestSequence"/>, now the oldest kept.</summary>
    public void DropBefore(long oldestSequence)
    {
        while (_firstChange <= oldestSequence)
        {
            _oldest = _changes!.Dequeue().Texts;
            _firstChange = _changes.TryPeek(out var next) ? next.From : null;
        }
    }

    /// <summary>Gets the texts of the <paramref name="count"/> rows from the oldest kept, numbered from <paramref name="oldestSequence"/>.</summary>
    public readonly InMemorySnapshotTexts?[] ForRows(long oldestSequence, int count)
    {
        var texts = new InMemorySnapshotTexts?[count];
        var current = _oldest;
        var changes = _changes?.ToArray() ?? [];
        var next = 0;
        for (var i = 0; i < count; i++)
        {
            while (next < changes.Length && changes[next].From <= oldestSequence + i)
            {
                current = changes[next++].Texts;
            }

            texts[i] = current;
        }

        return texts;
    }
}
