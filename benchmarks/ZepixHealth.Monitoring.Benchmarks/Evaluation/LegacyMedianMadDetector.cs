namespace ZepixHealth.Monitoring.Benchmarks.Evaluation;

/// <summary>
/// The rolling median/MAD detector the library shipped before the current one (defaults: window 120,
/// warm-up 60, threshold 3.5, 3 in a row, relearn after 120, learn delay 30), kept here only so that the
/// benchmark measures both in one run. Its judging and learning path is the same; observations are a bool.
/// </summary>
internal sealed class LegacyMedianMadDetector
{
    private const int WarmUpSamples = 60;
    private const double Threshold = 3.5;
    private const int ConsecutiveSamples = 3;
    private const int RelearnAfterSamples = 120;
    private const double MinRelativeDeviation = 0.2;

    private readonly AnomalyRollingMedianWindow _baseline = new(120);
    private readonly double[] _pending = new double[30];
    private readonly double[] _run = new double[RelearnAfterSamples];
    private readonly double _sign;
    private readonly double _minDeviation;
    private int _pendingNext;
    private int _pendingCount;
    private int _runNext;
    private int _runLength;
    private int _runSide;

    public LegacyMedianMadDetector(bool riseIsBad, double minDeviation)
    {
        _sign = riseIsBad ? 1 : -1;
        _minDeviation = minDeviation;
    }

    /// <summary>Judges then learns <paramref name="value"/>; returns whether the detector fires.</summary>
    public bool Observe(double? value)
    {
        if (value is not { } x || !double.IsFinite(x))
        {
            return false;
        }

        if (_baseline.Count < WarmUpSamples)
        {
            _baseline.Add(x);
            return false;
        }

        var median = _baseline.Median();
        var mad = _baseline.MedianAbsoluteDeviation(median);
        var floor = Math.Max(_minDeviation, MinRelativeDeviation * Math.Abs(median));
        var scale = Math.Max(1.4826 * mad, floor / Threshold);
        var score = (x - median) * _sign / scale;
        var side = score > Threshold ? 1 : score < -Threshold ? -1 : 0;
        return TrackRun(side, x) && side > 0;
    }

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
        if (++_runLength < RelearnAfterSamples)
        {
            return _runLength >= ConsecutiveSamples;
        }

        _baseline.Clear();
        _pendingCount = 0;
        _pendingNext = 0;
        foreach (var sample in _run)
        {
            _baseline.Add(sample);
        }

        _runLength = 0;
        _runNext = 0;
        _runSide = 0;
        return false;
    }

    private void Learn(double value)
    {
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
}
