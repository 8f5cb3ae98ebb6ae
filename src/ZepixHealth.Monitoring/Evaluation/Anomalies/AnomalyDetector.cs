namespace ZepixHealth.Monitoring;

/// <summary>
/// Learns what is normal for one metric of one plugin and says when a sample is not: a rolling median
/// and MAD of the last normal samples, a warm-up before judging, a bad direction, K anomalous samples in
/// a row before firing, and a relearn when a new level lasts.
/// </summary>
/// <remarks>
/// <para>
/// <b>Judging.</b> With median m and MAD of the baseline, the scale is
/// s = max(1.4826 × MAD, max(minimum deviation, relative floor × |m|) / threshold), and the score is
/// (x − m) / s in the bad direction. A score above the threshold is anomalous. The floors make a flat
/// series (MAD 0) and tiny absolute moves harmless. For an hourly count (signals, orders) the scale is also
/// at least √m, its Poisson spread: successive samples of a sliding hour share most of their events, so the
/// MAD of a window of them understates how much the count varies from one hour to the next.
/// </para>
/// <para>
/// <b>No poisoning.</b> A sample whose score is beyond the threshold on either side (an outlier) is not
/// added to the baseline, so a spike cannot drag the median or widen the MAD while it lasts, and a burst
/// the good way (a busy hour of signals) cannot make the return to normal look like a drop. Samples
/// inside the limits are added, <see cref="AnomalyDetectionOptions.LearnDelaySamples"/> samples late: a slow
/// drift is followed that way, but a slide towards trouble (an hourly count sinking to zero) is judged
/// against where it started rather than against its own first steps.
/// </para>
/// <para>
/// <b>Relearning.</b> Outliers on the same side are also kept in a small run buffer. When
/// <see cref="AnomalyDetectionOptions.RelearnAfterSamples"/> of them come in a row, the level is the new
/// normal: the baseline is cleared and rebuilt from the run (its last <see cref="AnomalyDetectionOptions.WindowSize"/>
/// samples at most), and the detector stops firing. A sample back inside the limits ends the run.
/// </para>
/// <para>
/// <b>Unknown values.</b> A null or non-finite sample is skipped: it is not judged, not learned, does not
/// count towards or break a run, and does not fire.
/// </para>
/// <para>
/// Memory is fixed (four arrays allocated in the constructor); <see cref="Observe"/> allocates nothing
/// and costs O(window). Not thread-safe: one caller per cycle.
/// </para>
/// </remarks>
internal sealed class AnomalyDetector
{
    private readonly double _sign;
    private readonly double _threshold;
    private readonly int _consecutiveSamples;
    private readonly int _warmUpSamples;
    private readonly int _relearnAfterSamples;
    private readonly double _minDeviation;
    private readonly double _minRelativeDeviation;
    private readonly bool _poissonFloor;
    private readonly RollingMedianWindow _baseline;

    // Normal samples waiting to join the baseline, oldest first out.
    private readonly double[] _pending;
    private int _pendingNext;
    private int _pendingCount;

    // The current run of outliers on one side, oldest overwritten first: the material of a relearn.
    private readonly double[] _run;
    private int _runNext;
    private int _runLength;
    private int _runSide;

    /// <summary>Creates a detector for <paramref name="metric"/> with the settings of <paramref name="options"/> (copied).</summary>
    /// <exception cref="ArgumentException">A setting of <paramref name="options"/> is out of range.</exception>
    public AnomalyDetector(AnomalyMetric metric, AnomalyDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AnomalyDetectionOptionsValidator.ThrowIfInvalid(options, nameof(options));

        Metric = metric;
        _sign = (int)metric.Direction();
        _threshold = options.Threshold;
        _consecutiveSamples = options.ConsecutiveSamples;
        _warmUpSamples = options.WarmUpSamples;
        _relearnAfterSamples = options.RelearnAfterSamples;
        _minDeviation = metric.MinDeviation(options);
        _minRelativeDeviation = options.MinRelativeDeviation;
        _poissonFloor = metric.IsHourlyCount();
        _baseline = new RollingMedianWindow(options.WindowSize);
        _run = new double[Math.Min(options.RelearnAfterSamples, options.WindowSize)];
        _pending = new double[options.LearnDelaySamples];
    }

    public AnomalyMetric Metric { get; }

    /// <summary>Whether the last judged sample left the detector firing (skipped samples change nothing).</summary>
    public bool IsFiring => _runSide > 0 && _runLength >= _consecutiveSamples;

    /// <summary>How many anomalous samples in a row there have been.</summary>
    public int ConsecutiveAnomalies => _runSide > 0 ? _runLength : 0;

    /// <summary>How many samples the baseline holds.</summary>
    public int BaselineCount => _baseline.Count;

    /// <summary>Judges <paramref name="value"/> against the baseline, then learns it if it was normal.</summary>
    public AnomalyObservation Observe(double? value)
    {
        if (value is not { } x || !double.IsFinite(x))
        {
            return AnomalyObservation.Skipped(Metric, ConsecutiveAnomalies, _baseline.Count, _threshold);
        }

        if (_baseline.Count < _warmUpSamples)
        {
            return WarmUp(x);
        }

        var median = _baseline.Median();
        var mad = _baseline.MedianAbsoluteDeviation(median);
        var scale = ScaleOf(median, mad);
        var deviation = (x - median) * _sign;
        var score = scale > 0 ? deviation / scale : deviation > 0 ? double.PositiveInfinity : deviation < 0 ? double.NegativeInfinity : 0;
        var side = score > _threshold ? 1 : score < -_threshold ? -1 : 0;
        var relearned = TrackRun(side, x);

        var anomalous = side > 0 && !relearned;
        return new AnomalyObservation
        {
            Metric = Metric,
            Value = x,
            IsAnomalous = anomalous,
            IsFiring = anomalous && _runLength >= _consecutiveSamples,
            Relearned = relearned,
            ConsecutiveAnomalies = anomalous ? _runLength : 0,
            BaselineCount = _baseline.Count,
            Median = relearned ? _baseline.Median() : median,
            MedianAbsoluteDeviation = mad,
            Scale = scale,
            Score = score,
            Threshold = _threshold,
            Limit = median + (_sign * _threshold * scale),
        };
    }

    /// <summary>Forgets everything learned: the detector warms up again.</summary>
    public void Reset()
    {
        _baseline.Clear();
        _pendingCount = 0;
        _pendingNext = 0;
        _runLength = 0;
        _runNext = 0;
        _runSide = 0;
    }

    /// <summary>Adds a sample taken before the baseline is full: learned at once, never judged.</summary>
    private AnomalyObservation WarmUp(double x)
    {
        _baseline.Add(x);
        return new AnomalyObservation
        {
            Metric = Metric,
            Value = x,
            IsWarmingUp = true,
            BaselineCount = _baseline.Count,
            Median = double.NaN,
            MedianAbsoluteDeviation = double.NaN,
            Scale = double.NaN,
            Score = double.NaN,
            Threshold = _threshold,
            Limit = double.NaN,
        };
    }

    /// <summary>The deviation that counts as one unit of score: the robust sigma, kept above the floors.</summary>
    private double ScaleOf(double median, double mad)
    {
        var floor = Math.Max(_minDeviation, _minRelativeDeviation * Math.Abs(median));
        var scale = Math.Max(AnomalyDetectionDefaults.MadToSigma * mad, floor / _threshold);
        return _poissonFloor ? Math.Max(scale, Math.Sqrt(Math.Abs(median))) : scale;
    }

    /// <summary>
    /// Learns a normal sample (<paramref name="side"/> 0, which ends any run) or adds an outlier to the run
    /// on its side; returns whether the run has lasted long enough to become the new baseline (and relearns it).
    /// </summary>
    private bool TrackRun(int side, double x)
    {
        if (side == 0)
        {
            _runLength = 0;
            _runSide = 0;
            Learn(x);
            return false;
        }

        if (side != _runSide)
        {
            _runLength = 0;
            _runNext = 0;
            _runSide = side;
        }

        _run[_runNext] = x;
        _runNext = _runNext + 1 == _run.Length ? 0 : _runNext + 1;
        _runLength++;
        if (_runLength < _relearnAfterSamples)
        {
            return false;
        }

        Relearn();
        return true;
    }

    private void Learn(double value)
    {
        if (_pending.Length == 0)
        {
            _baseline.Add(value);
            return;
        }

        if (_pendingCount == _pending.Length)
        {
            _baseline.Add(_pending[_pendingNext]);
        }
        else
        {
            _pendingCount++;
        }

        _pending[_pendingNext] = value;
        _pendingNext = _pendingNext + 1 == _pending.Length ? 0 : _pendingNext + 1;
    }

    private void Relearn()
    {
        _baseline.Clear();

        // Samples still waiting predate the new level: they belong to the old normal.
        _pendingCount = 0;
        _pendingNext = 0;
        var kept = Math.Min(_runLength, _run.Length);
        var start = _runLength >= _run.Length ? _runNext : 0;
        for (var i = 0; i < kept; i++)
        {
            var index = start + i;
            _baseline.Add(_run[index >= _run.Length ? index - _run.Length : index]);
        }

        _runLength = 0;
        _runNext = 0;
        _runSide = 0;
    }
}
