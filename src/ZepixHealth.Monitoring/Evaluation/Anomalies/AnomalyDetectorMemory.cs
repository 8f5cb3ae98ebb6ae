namespace ZepixHealth.Monitoring;

/// <summary>
/// The tables an <see cref="AnomalyDetector"/> learns into: its seasonal profile and its three score
/// histories. Created at the first sample the detector judges, once its warm-up is over (nothing is
/// learned into them before), so a plugin's first cycles and a metric it never reports cost only the
/// detector itself.
/// </summary>
/// <remarks>
/// Two objects whatever the parts: this one, holding the parts as structs, and one float table they
/// share (the profile's offsets, then each history's bins), so that judging a sample touches one table
/// instead of eight scattered objects. The parts are returned by reference and changed in place.
/// </remarks>
internal sealed class AnomalyDetectorMemory
{
    private SeasonalProfile _profile;
    private ScoreHistory _riseScores;
    private ScoreHistory _dropScores;
    private ScoreHistory _sustainedScores;

    public AnomalyDetectorMemory(AnomalyDetectorSettings settings)
    {
        var profileSize = SeasonalProfile.SizeFor(settings.SampleInterval, settings.Seasonal);
        var table = new float[profileSize + (3 * ScoreHistory.BinCount)];
        _profile = new SeasonalProfile(table, 0, settings.SampleInterval, SeasonalProfile.Memory, settings.Seasonal);
        _riseScores = new ScoreHistory(table, profileSize, settings.MemorySamples, priorScale: 1);
        _dropScores = new ScoreHistory(table, profileSize + ScoreHistory.BinCount, settings.MemorySamples, priorScale: 1);
        _sustainedScores = new ScoreHistory(table, profileSize + (2 * ScoreHistory.BinCount), settings.MemorySamples, priorScale: AnomalyDetectorSettings.SustainedPriorScale);
    }

    /// <summary>What the series usually adds at this hour of the day and point of the hour.</summary>
    public ref SeasonalProfile Profile => ref _profile;

    /// <summary>The scores of rises.</summary>
    public ref ScoreHistory RiseScores => ref _riseScores;

    /// <summary>The scores of drops.</summary>
    public ref ScoreHistory DropScores => ref _dropScores;

    /// <summary>The smoothed scores.</summary>
    public ref ScoreHistory SustainedScores => ref _sustainedScores;
}
