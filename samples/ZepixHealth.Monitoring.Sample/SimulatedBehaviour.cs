namespace ZepixHealth.Monitoring.Sample;

/// <summary>What a simulated plugin does, so that the demo shows every status within seconds.</summary>
internal enum SimulatedBehaviour
{
    /// <summary>Keeps trading.</summary>
    StaysHealthy,

    /// <summary>Crashes: IsAliveAsync starts throwing.</summary>
    Dies,

    /// <summary>Deadlocks: IsAliveAsync stops answering and ignores cancellation.</summary>
    Hangs,

    /// <summary>Stays alive but stops processing ticks, so its last activity grows old.</summary>
    GoesQuiet,
}
