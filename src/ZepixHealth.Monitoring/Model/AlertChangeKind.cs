namespace ZepixHealth.Monitoring;

/// <summary>What happened to an alert in one cycle.</summary>
internal enum AlertChangeKind
{
    /// <summary>Its figures changed; nothing to send.</summary>
    Updated,

    /// <summary>It fired (after ForCycles breaches, or because the condition started flapping).</summary>
    Fired,

    /// <summary>Its level rose: sent at once.</summary>
    Escalated,

    /// <summary>Its level fell and stayed lower for ClearCycles cycles: sent at once, not held by the repeat interval.</summary>
    Deescalated,

    /// <summary>It is still firing at its level and that level's repeat interval has passed: sent again, saying for how long.</summary>
    Reminder,

    /// <summary>It resolved after ClearCycles clean cycles.</summary>
    Resolved,

    /// <summary>Its condition started flapping (FLAPPINGSTART): sent once; nothing more until it stops.</summary>
    FlappingStarted,

    /// <summary>Its condition stopped flapping (FLAPPINGEND): sent once, firing or resolved as it settled.</summary>
    FlappingEnded,
}
