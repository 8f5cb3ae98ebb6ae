namespace ZepixHealth.Monitoring.Sample;

/// <summary>When the simulated plugins misbehave (section <c>Sample</c>).</summary>
internal sealed class SampleOptions
{
    public TimeSpan DiesAfter { get; set; } = TimeSpan.FromSeconds(4);

    public TimeSpan HangsAfter { get; set; } = TimeSpan.FromSeconds(6);

    public TimeSpan GoesQuietAfter { get; set; } = TimeSpan.FromSeconds(2);
}
