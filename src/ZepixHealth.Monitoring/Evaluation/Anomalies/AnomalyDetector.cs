namespace ZepixHealth.Monitoring;

/// <summary>
/// Learns what is normal for one metric of one plugin and says when a sample is not. Four parts, each
/// answering one failure of a plain rolling detector (docs/anomaly-detection.md):
/// a rolling median and MAD that learn every sample (a new level is adopted, not alarmed on forever);
/// a score scaled to the series' own spread; a history of scores, so that only a score rare for this
/// series is anomalous (a spike that recurs every hour stops being rare); and size and duration judged
/// together (one sample far out, or a slight deviation smoothed over <see cref="AnomalyDetectionOptions.Persistence"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Scale.</b> With median m and MAD of the window, s = max(1.4826 × MAD, typical deviation,
/// floor ÷ threshold), where the typical deviation is the long-run mean |x − m| (a series whose window is
/// flat between bursts keeps its burst-sized spread) and the floor is the larger of the metric's minimum
/// deviation and <see cref="AnomalyDetectionOptions.MinRelativeDeviation"/> × |m|. For an hourly count the
/// scale is also at least √m, its Poisson spread.
/// </para>
/// <para>
/// <b>Firing.</b> A sample is anomalous when its score reaches <see cref="AnomalyDetectionOptions.Threshold"/>,
/// or the smoothed score reaches <see cref="AnomalyDetectionOptions.SustainedThreshold"/>, and either is
/// rarer than <see cref="AnomalyDetectionOptions.Rarity"/> in its history. The detector fires from the first
/// anomalous sample and clears after <see cref="AnomalyDetectionOptions.ClearAfter"/> without one.
/// </para>
/// <para>
/// Memory is fixed: the window (2 × 24…120 doubles; on a fast cycle one sample in
/// <see cref="AnomalyDetectorSettings.WindowStride"/> enters it, so it still spans the baseline window) and
/// two score histories (2 × 28 doubles): at most about 2.6 KB per metric. <see cref="Observe"/> allocates
/// nothing and costs O(window). Not thread-safe.
/// </para>
/// </remarks>
internal sealed class AnomalyDetector
{
    // A score is capped before it is smoothed or remembered, so one infinite score cannot poison them.
    private const double MaxScore = 1e6;

    private readonly AnomalyDetectorSettings _settings;
    private readonly RollingMedianWindow _baseline;
    private readonly ScoreHistory _instantScores;
    private readonly ScoreHistory _sustainedScores;
    private double _typicalDeviation = double.NaN;
    private double _sustainedScore;
    private int _quietSamples;
    private bool _firing;
    private long _seen;

    /// <summary>Creates a detector for <paramref name="metric"/> with the settings of <paramref name="options"/> (copied).</summary>
    /// <param name="metric">The metric watched.</param>
    /// <param name="options">The settings; durations become samples of <paramref name="sampleInterval"/>.</param>
    /// <param name="sampleInterval">The time between two samples: the cycle's collection interval.</param>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is out of range.</exception>
    public AnomalyDetector(AnomalyMetric metric, AnomalyDetectionOptions options, TimeSpan sampleInterval)
    {
        Metric = metric;
        _settings = new AnomalyDetectorSettings(metric, options, sampleInterval);
        _baseline = new RollingMedianWindow(_settings.WindowSamples);
        _instantScores = new ScoreHistory(_settings.MemorySamples, priorScale: 1);
        _sustainedScores = new ScoreHistory(_settings.MemorySamples, priorScale: AnomalyDetectorSettings.SustainedPriorScale);
    }

    public AnomalyMetric Metric { get; }

    /// <summary>The settings in samples, as this detector uses them.</summary>
    public AnomalyDetectorSettings Settings => _settings;

    /// <summary>Whether the detector fires: an anomalous sample within the last <see cref="AnomalyDetectionOptions.ClearAfter"/>.</summary>
    public bool IsFiring => _firing;

    /// <summary>How many samples the baseline holds.</summary>
    public int BaselineCount => _baseline.Count;

    /// <summary>Judges <paramref name="value"/> against the baseline, then learns it.</summary>
    public AnomalyObservation Observe(double? value)
    {
        if (value is not { } x || !double.IsFinite(x))
        {
            return AnomalyObservation.Skipped(Metric, _firing, _baseline.Count, _settings.Threshold);
        }

        if (_seen < _settings.WarmUpSamples || _baseline.Count < AnomalyDetectionDefaults.MinWarmUpSamples)
        {
            AddToWindow(x);
            return AnomalyObservation.WarmingUp(Metric, x, _baseline.Count, _settings.Threshold);
        }

        var median = _baseline.Median();
        var mad = _baseline.MedianAbsoluteDeviation(median);
        var scale = ScaleOf(median, mad);
        var deviation = x - median;
        var signedScore = scale > 0 ? deviation / scale : deviation > 0 ? MaxScore : deviation < 0 ? -MaxScore : 0;
        var score = Math.Min(MaxScore, _settings.Watches(deviation) ? Math.Abs(signedScore) : 0);
        _sustainedScore += _settings.Smoothing * (score - _sustainedScore);

        // Rarity is only looked up for a score big enough to matter: the common quiet sample skips it.
        var instantRarity = score >= _settings.Threshold ? _instantScores.TailProbability(score) : 1;
        var sustainedRarity = _sustainedScore >= _settings.SustainedThreshold ? _sustainedScores.TailProbability(_sustainedScore) : 1;
        var rarity = Math.Min(instantRarity, sustainedRarity);
        var anomalous = rarity < _settings.Rarity;

        Learn(x, Math.Abs(deviation), score);
        UpdateFiring(anomalous);
        var side = deviation >= 0 ? 1 : -1;
        return new AnomalyObservation
        {
            Metric = Metric,
            Value = x,
            IsAnomalous = anomalous,
            IsFiring = _firing,
            BaselineCount = _baseline.Count,
            Median = median,
            MedianAbsoluteDeviation = mad,
            Scale = scale,
            Score = signedScore,
            SustainedScore = _sustainedScore,
            Rarity = rarity,
            Threshold = _settings.Threshold,
            Limit = median + (side * _settings.Threshold * scale),
        };
    }

    /// <summary>Forgets everything learned: the detector warms up again.</summary>
    public void Reset()
    {
        _baseline.Clear();
        _instantScores.Clear();
        _sustainedScores.Clear();
        _typicalDeviation = double.NaN;
        _sustainedScore = 0;
        _quietSamples = 0;
        _firing = false;
        _seen = 0;
    }

    /// <summary>The deviation that counts as one unit of score: the robust sigma, kept above the floors.</summary>
    private double ScaleOf(double median, double mad)
    {
        var floor = Math.Max(_settings.MinDeviation, _settings.MinRelativeDeviation * Math.Abs(median));
        var scale = Math.Max(Math.Max(AnomalyDetectionDefaults.MadToSigma * mad, double.IsNaN(_typicalDeviation) ? 0 : _typicalDeviation), floor / _settings.Threshold);
        return _settings.PoissonFloor ? Math.Max(scale, Math.Sqrt(Math.Abs(median))) : scale;
    }

    /// <summary>Every sample is learned: the window follows a new level, the histories learn what recurs.</summary>
    private void Learn(double x, double absoluteDeviation, double score)
    {
        AddToWindow(x);
        _instantScores.Add(score);
        _sustainedScores.Add(_sustainedScore);
        _typicalDeviation = double.IsNaN(_typicalDeviation)
            ? absoluteDeviation
            : _typicalDeviation + (_settings.MemoryRate * (absoluteDeviation - _typicalDeviation));
    }

    /// <summary>Counts a known sample; one in <see cref="AnomalyDetectorSettings.WindowStride"/> enters the window.</summary>
    private void AddToWindow(double x)
    {
        if (_seen++ % _settings.WindowStride == 0)
        {
            _baseline.Add(x);
        }
    }

    private void UpdateFiring(bool anomalous)
    {
        if (anomalous)
        {
            _firing = true;
            _quietSamples = 0;
        }
        else if (_firing && ++_quietSamples >= _settings.ClearAfterSamples)
        {
            _firing = false;
        }
    }
}
