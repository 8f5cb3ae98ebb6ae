namespace ZepixHealth.Monitoring.Tests.Reliability;

/// <summary>One episode of a chaos plugin's script: cycles [<see cref="StartCycle"/>, <see cref="EndCycle"/>).</summary>
internal sealed record ChaosEpisode(string PluginId, ChaosEpisodeKind Kind, int StartCycle, int EndCycle, int Variant)
{
    /// <summary>Garbage is recorded as a fault on the snapshot; every other episode is an availability problem.</summary>
    public bool ExpectsAlert => Kind != ChaosEpisodeKind.Garbage;

    public AlertLevel ExpectedLevel => Kind == ChaosEpisodeKind.Stale ? AlertLevel.High : AlertLevel.Critical;

    public bool Contains(int cycle) => cycle >= StartCycle && cycle < EndCycle;
}
