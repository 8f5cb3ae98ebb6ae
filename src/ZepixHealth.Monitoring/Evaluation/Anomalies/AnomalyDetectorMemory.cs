namespace ZepixHealth.Monitoring;

/// <summary>
/// The tables an <see cref="AnomalyDetector"/> learns into: its seasonal profile and its three score
/// histories. Created at the first sample the detector judges, once its warm-up is over (nothing is
/// learned into them before), so a plugin's first cycles and a metric it never reports cost only the
/// detector itself.
/// </summary>
internal sealed class AnomalyDetectorMemory(AnomalyDetectorSettings settings)
{
    /// <summary>What the series usually adds at this hour of the day and point of the hour.</summary>
    public SeasonalProfile Profile { get; } = new(settings.SampleInterval, SeasonalProfile.Memory, settings.Seasonal);

    /// <summary>The scores of rises.</summary>
    public ScoreHistory RiseScores { get; } = new(settings.MemorySamples, priorScale: 1);

    /// <summary>The scores of drops.</summary>
    public ScoreHistory DropScores { get; } = new(settings.MemorySamples, priorScale: 1);

    /// <summary>The smoothed scores.</summary>
    public ScoreHistory SustainedScores { get; } = new(settings.MemorySamples, priorScale: AnomalyDetectorSettings.SustainedPriorScale);
}
