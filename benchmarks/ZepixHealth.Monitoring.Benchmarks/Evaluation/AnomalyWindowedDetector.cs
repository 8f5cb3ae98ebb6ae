namespace ZepixHealth.Monitoring.Benchmarks.Evaluation;

/// <summary>
/// The rolling-window detector the library used before the exponential one (rolling median and MAD of
/// up to 120 samples, one in three at 30 s; typical deviation; two score histories; a smoothed score),
/// kept here only so that the benchmark measures both in one run, with its defaults at a 30 s cycle.
/// Its judging and learning path is the same; the observation is a bool (firing). About 2.6 KB per metric.
/// </summary>
internal sealed class AnomalyWindowedDetector
{
    private const double Threshold = 3.5;
    private const double SustainedThreshold = 3;
    private const double Smoothing = 30.0 / 900;
    private const double MemorySamples = 5760;
    private const double Rarity = 30.0 / 43200;
    private const int WarmUpSamples = 120;
    private const int WindowStride = 3;
    private const int ClearAfterSamples = 120;

    private readonly AnomalyRollingMedianWindow _baseline = new(120);
    private ScoreHistory _instantScores = new(new float[ScoreHistory.BinCount], 0, MemorySamples, priorScale: 1);
    private ScoreHistory _sustainedScores = new(new float[ScoreHistory.BinCount], 0, MemorySamples, priorScale: 1.5);
    private readonly bool _riseIsBad;
    private readonly double _minDeviation;
    private double _typicalDeviation = double.NaN;
    private double _sustainedScore;
    private int _quietSamples;
    private bool _firing;
    private long _seen;

    public AnomalyWindowedDetector(bool riseIsBad, double minDeviation)
    {
        _riseIsBad = riseIsBad;
        _minDeviation = minDeviation;
    }

    public bool Observe(double? value)
    {
        if (value is not { } x || !double.IsFinite(x))
        {
            return _firing;
        }

        if (_seen < WarmUpSamples)
        {
            AddToWindow(x);
            return false;
        }

        var median = _baseline.Median();
        var mad = _baseline.MedianAbsoluteDeviation(median);
        var floor = Math.Max(_minDeviation, 0.01 * Math.Abs(median));
        var scale = Math.Max(Math.Max(1.4826 * mad, double.IsNaN(_typicalDeviation) ? 0 : _typicalDeviation), floor / Threshold);
        var deviation = x - median;
        var score = scale > 0 ? Math.Min(1e6, Math.Abs(deviation) / scale) : 1e6;
        score = _riseIsBad && deviation < 0 ? 0 : score;
        _sustainedScore += Smoothing * (score - _sustainedScore);
        var instantRarity = score >= Threshold ? _instantScores.TailProbability(score) : 1;
        var sustainedRarity = _sustainedScore >= SustainedThreshold ? _sustainedScores.TailProbability(_sustainedScore) : 1;
        var anomalous = Math.Min(instantRarity, sustainedRarity) < Rarity;

        AddToWindow(x);
        _instantScores.Add(score);
        _sustainedScores.Add(_sustainedScore);
        _typicalDeviation = double.IsNaN(_typicalDeviation)
            ? Math.Abs(deviation)
            : _typicalDeviation + ((Math.Abs(deviation) - _typicalDeviation) / MemorySamples);
        if (anomalous)
        {
            _firing = true;
            _quietSamples = 0;
        }
        else if (_firing && ++_quietSamples >= ClearAfterSamples)
        {
            _firing = false;
        }

        return _firing;
    }

    private void AddToWindow(double x)
    {
        if (_seen++ % WindowStride == 0)
        {
            _baseline.Add(x);
        }
    }
}
