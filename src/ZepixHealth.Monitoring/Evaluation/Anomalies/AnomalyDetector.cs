namespace ZepixHealth.Monitoring;

/// <summary>
/// Learns what is normal for one metric of one plugin and says when a sample is not, in O(1) time and
/// fixed memory per sample. Five parts, each answering one failure of a plain rolling detector
/// (docs/anomaly-detection.md): a robust exponentially weighted level and spread (outliers are clipped,
/// not learned whole); a seasonal profile (hour of day, minute of hour), so what recurs on a schedule is
/// expected; a change-point rule that adopts a new level once it has held for half the baseline window;
/// a history of scores, so that only a score rare for this series is anomalous; and size and duration
/// judged together (one sample far out, or a slight deviation smoothed over <see cref="AnomalyDetectionOptions.Persistence"/>).
/// </summary>
/// <remarks>
/// <para>
/// <b>Scale.</b> s = max(1.2533 × spread, typical deviation, floor ÷ threshold), where the spread is the
/// average |x − expected| over the baseline window (residuals clipped at the threshold), the typical
/// deviation the same over <see cref="AnomalyDetectionOptions.ScoreMemory"/> (a series calm between bursts
/// keeps its burst-sized spread) and the floor the larger of the metric's minimum deviation and
/// <see cref="AnomalyDetectionOptions.MinRelativeDeviation"/> × |expected|. For an hourly count the scale is
/// also at least √expected, its Poisson spread.
/// </para>
/// <para>
/// <b>Firing.</b> A sample is anomalous when its score reaches <see cref="AnomalyDetectionOptions.Threshold"/>,
/// or the smoothed score reaches <see cref="AnomalyDetectionOptions.SustainedThreshold"/>, and either is
/// rarer than <see cref="AnomalyDetectionOptions.Rarity"/> in its history. The detector fires from the first
/// anomalous sample and clears after <see cref="AnomalyDetectionOptions.ClearAfter"/> without one.
/// </para>
/// <para>
/// Memory is fixed whatever the cadence: a dozen scalars, and once the warm-up is over the seasonal
/// profile (36 floats) and three score histories (3 × 28 floats) in one table: about 870 bytes per metric
/// with the object headers; the settings are shared by every plugin. <see cref="Observe(double?, DateTimeOffset)"/>
/// allocates nothing but those tables, once, at the first sample it judges. Not thread-safe.
/// </para>
/// <para>
/// A mutable struct, so that a plugin's six detectors are one array rather than six objects: keep it in
/// a variable or an array element and call it there (a copy learns apart from the original).
/// </para>
/// </remarks>
internal struct AnomalyDetector
{
    // A score is capped before it is smoothed or remembered, so one infinite score cannot poison them.
    private const double MaxScore = 1e6;

    // The mean absolute deviation of a normal variable is σ × √(2/π): this turns it back into σ.
    private const double MeanAbsoluteToSigma = 1.2533;

    // Residuals are clipped at this many scales before the level learns them (Huber's robust mean).
    private const double LevelClip = 2;

    // A fast level this many scales from the level, held for half the baseline window, is a new level.
    private const double ShiftScores = 2;

    // A score is compared with past scores at least this fraction of it: the scale is itself estimated, so a
    // score a little above every earlier one is the same event measured against a drifting scale.
    private const double ScoreMargin = 0.9;

    // A smoothed score past this fraction of the sustained threshold marks a deviation building up.
    private const double SuspectFraction = 2.0 / 3;

    private readonly AnomalyDetectorSettings _settings;
    private AnomalyDetectorMemory? _memory;
    private double _level = double.NaN;
    private double _fastLevel;
    private double _spread;
    private double _typicalDeviation = double.NaN;
    private double _sustainedScore;
    private int _shiftSamples;
    private int _quietSamples;
    private bool _firing;
    private long _seen;
    private DateTimeOffset _lastAt = DateTimeOffset.UnixEpoch;

    /// <summary>Creates a detector for <paramref name="metric"/> with the settings of <paramref name="options"/> (copied).</summary>
    /// <param name="metric">The metric watched.</param>
    /// <param name="options">The settings; durations become samples of <paramref name="sampleInterval"/>.</param>
    /// <param name="sampleInterval">The time between two samples: the cycle's collection interval.</param>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is out of range.</exception>
    public AnomalyDetector(AnomalyMetric metric, AnomalyDetectionOptions options, TimeSpan sampleInterval)
        : this(new AnomalyDetectorSettings(metric, options, sampleInterval))
    {
    }

    /// <summary>Creates a detector with <paramref name="settings"/>, which it shares (they are read-only).</summary>
    public AnomalyDetector(AnomalyDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    public readonly AnomalyMetric Metric => _settings.Metric;

    /// <summary>The settings in samples, as this detector uses them.</summary>
    public readonly AnomalyDetectorSettings Settings => _settings;

    /// <summary>Whether the detector fires: an anomalous sample within the last <see cref="AnomalyDetectionOptions.ClearAfter"/>.</summary>
    public readonly bool IsFiring => _firing;

    /// <summary>How many samples have been learned (capped at int.MaxValue).</summary>
    public readonly int BaselineCount => (int)Math.Min(int.MaxValue, _seen);

    /// <summary>Whether the seasonal profile is kept (seasonality on and a cadence fast enough to see it).</summary>
    public readonly bool IsSeasonal => SeasonalProfile.IsKept(_settings.SampleInterval, _settings.Seasonal);

    /// <summary>Judges <paramref name="value"/>, taken one sample interval after the previous sample.</summary>
    public AnomalyObservation Observe(double? value) => Observe(value, _lastAt + _settings.SampleInterval);

    /// <summary>Judges <paramref name="value"/>, taken at <paramref name="at"/>, against what is expected then; then learns it.</summary>
    public AnomalyObservation Observe(double? value, DateTimeOffset at)
    {
        _lastAt = at;
        if (value is not { } x || !double.IsFinite(x))
        {
            return AnomalyObservation.Skipped(Metric, _firing, BaselineCount, _settings.Threshold);
        }

        if (_seen < _settings.WarmUpSamples)
        {
            // Nothing seasonal is learned before the warm-up ends (the profile is all zeros), so the tables
            // are made only then: a new plugin, or a metric never reported, costs only this object.
            WarmUp(x);
            return AnomalyObservation.WarmingUp(Metric, x, BaselineCount, _settings.Threshold);
        }

        var memory = _memory ??= new AnomalyDetectorMemory(_settings);
        var season = memory.Profile.OffsetAt(at);

        var expected = _level + season;
        var scale = ScaleOf(expected);
        var deviation = x - expected;
        var signedScore = scale > 0 ? deviation / scale : deviation > 0 ? MaxScore : deviation < 0 ? -MaxScore : 0;
        var score = Math.Min(MaxScore, _settings.Watches(deviation) ? Math.Abs(signedScore) : 0);
        _sustainedScore += _settings.Smoothing * (score - _sustainedScore);

        // Rarity is only looked up for a score big enough to matter: the common quiet sample skips it.
        var instantRarity = score >= _settings.Threshold ? (deviation >= 0 ? ref memory.RiseScores : ref memory.DropScores).TailProbability(score * ScoreMargin) : 1;
        var sustainedRarity = _sustainedScore >= _settings.SustainedThreshold ? memory.SustainedScores.TailProbability(_sustainedScore * ScoreMargin) : 1;
        var rarity = Math.Min(instantRarity, sustainedRarity);
        var anomalous = rarity < _settings.Rarity;

        var spread = _spread;
        Learn(memory, x, at, season, deviation, scale, score);
        UpdateFiring(anomalous);
        var side = deviation >= 0 ? 1 : -1;
        return new AnomalyObservation
        {
            Metric = Metric,
            Value = x,
            IsAnomalous = anomalous,
            IsFiring = _firing,
            BaselineCount = BaselineCount,
            Expected = expected,
            Spread = spread,
            Scale = scale,
            Score = signedScore,
            SustainedScore = _sustainedScore,
            Rarity = rarity,
            Threshold = _settings.Threshold,
            Limit = expected + (side * _settings.Threshold * scale),
        };
    }

    /// <summary>Forgets everything learned: the detector warms up again.</summary>
    public void Reset()
    {
        _memory = null;
        _level = double.NaN;
        _fastLevel = 0;
        _spread = 0;
        _typicalDeviation = double.NaN;
        _sustainedScore = 0;
        _shiftSamples = 0;
        _quietSamples = 0;
        _firing = false;
        _seen = 0;
    }

    /// <summary>The deviation that counts as one unit of score: the spread as a sigma, kept above the floors.</summary>
    private readonly double ScaleOf(double expected)
    {
        var floor = Math.Max(_settings.MinDeviation, _settings.MinRelativeDeviation * Math.Abs(expected));
        var typical = double.IsNaN(_typicalDeviation) ? 0 : _typicalDeviation;
        var scale = Math.Max(Math.Max(MeanAbsoluteToSigma * _spread, typical), floor / _settings.Threshold);
        return _settings.PoissonFloor ? Math.Max(scale, Math.Sqrt(Math.Abs(expected))) : scale;
    }

    /// <summary>Before judging: the level and spread average every sample so far (a bias-corrected start).</summary>
    private void WarmUp(double deseasonalised)
    {
        var n = ++_seen;
        if (double.IsNaN(_level))
        {
            _level = deseasonalised;
            _fastLevel = deseasonalised;
            return;
        }

        var rate = Math.Max(_settings.LevelRate, 1.0 / n);
        var residual = deseasonalised - _level;
        _level += rate * residual;
        _fastLevel = _level;
        _spread += rate * (Math.Abs(residual) - _spread);
        LearnTypicalDeviation(Math.Abs(residual));
    }

    /// <summary>
    /// The long-run mean |deviation|, averaging every sample so far until it spans the memory: started from
    /// one sample instead, it would take the whole memory to forget a chance first value, and scores would
    /// creep up meanwhile, each one "rarer" than the last.
    /// </summary>
    private void LearnTypicalDeviation(double absoluteDeviation)
    {
        // max(MemoryRate, 1 / seen), without a division once the memory is spanned.
        var rate = _seen * _settings.MemoryRate >= 1 ? _settings.MemoryRate : 1.0 / _seen;
        _typicalDeviation = double.IsNaN(_typicalDeviation) ? absoluteDeviation : _typicalDeviation + (rate * (absoluteDeviation - _typicalDeviation));
    }

    /// <summary>Every sample is learned, clipped: the level and spread follow, the profile and histories learn what recurs.</summary>
    private void Learn(AnomalyDetectorMemory memory, double x, DateTimeOffset at, double season, double deviation, double scale, double score)
    {
        _seen++;
        var rate = _settings.LevelRate;
        var clip = scale > 0 ? scale : Math.Abs(deviation);
        _level += rate * Math.Clamp(deviation, -LevelClip * clip, LevelClip * clip);
        LearnTypicalDeviation(Math.Abs(deviation));
        if (score < _settings.SustainedThreshold * SuspectFraction && _sustainedScore < _settings.SustainedThreshold * SuspectFraction)
        {
            // Neither a sample far out nor a deviation building up widens the spread: that would grow the
            // scale until the deviation it measures no longer adds up (the long-run typical deviation still learns).
            _spread += rate * (Math.Min(Math.Abs(deviation), _settings.Threshold * clip) - _spread);
        }

        memory.Profile.Learn(at, Math.Clamp(x - _level, season - (LevelClip * clip), season + (LevelClip * clip)));

        // Each side has its own history: a series that often spikes up can still drop rarely.
        memory.RiseScores.Add(deviation >= 0 ? score : 0);
        memory.DropScores.Add(deviation >= 0 ? 0 : score);
        memory.SustainedScores.Add(_sustainedScore);
        AdoptNewLevel(x - season, scale);
    }

    /// <summary>
    /// A change point: when a fast average of the deseasonalised series has stood more than
    /// <see cref="ShiftScores"/> scales from the level for half the baseline window, the level jumps to it.
    /// </summary>
    private void AdoptNewLevel(double deseasonalised, double scale)
    {
        _fastLevel += _settings.Smoothing * (deseasonalised - _fastLevel);
        if (Math.Abs(_fastLevel - _level) <= ShiftScores * scale)
        {
            _shiftSamples = 0;
        }
        else if (++_shiftSamples >= _settings.AdoptAfterSamples)
        {
            _level = _fastLevel;
            _shiftSamples = 0;
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
