namespace ZepixHealth.Monitoring;

/// <summary>
/// How often each size of score has been seen lately: a histogram of scores whose counts fade with a
/// fixed memory, so it tells how rare a score is for this series (anomaly likelihood, as in Numenta HTM).
/// A Gaussian prior worth <see cref="PriorWeight"/> samples answers while the history is short.
/// </summary>
/// <remarks>
/// Fixed memory: <see cref="BinCount"/> floats of a table it shares with the other parts of a detector's
/// memory (<see cref="AnomalyDetectorMemory"/>), so that a detector's tables are one object. A mutable
/// struct: kept in a field and called there. Allocates nothing.
/// </remarks>
internal struct ScoreHistory
{
    /// <summary>How many samples the Gaussian prior is worth against the history.</summary>
    public const double PriorWeight = 50;

    // Lower edges of the bins, finer where scores are common; the last bin is open-ended.
    private static readonly double[] Edges =
    [
        0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 10, 12, 15, 20, 25, 30, 40, 50, 70, 100, 150, 200, 300, 500, 1000,
    ];

    // Fading is done by giving each new score a weight 1/keep times the last one's, instead of multiplying
    // every bin down each sample: O(1) per score. The weights are rescaled before they could overflow.
    private const double RescaleAbove = 1e30;

    private readonly float[] _table;
    private readonly int _offset;

    // 1 / keep: each new score weighs this many times the last (a multiplication per score, not a division).
    private readonly double _growth;
    private readonly double _priorScale;
    private double _total;
    private double _weight = 1;

    /// <param name="table">The table whose <see cref="BinCount"/> floats from <paramref name="offset"/> hold the counts.</param>
    /// <param name="offset">Where the counts start in <paramref name="table"/>.</param>
    /// <param name="memorySamples">How many samples the history remembers (counts fade by 1/memory per sample).</param>
    /// <param name="priorScale">Multiplies a score before it is read as a standard normal |z| by the prior.</param>
    public ScoreHistory(float[] table, int offset, double memorySamples, double priorScale)
    {
        _table = table;
        _offset = offset;
        _growth = 1 / (1 - (1 / Math.Max(2, memorySamples)));
        _priorScale = priorScale;
    }

    /// <summary>How many binned entries <see cref="ScoreHistory"/> keeps: its memory is this many floats.</summary>
    public static int BinCount => Edges.Length;

    /// <summary>The faded number of scores seen.</summary>
    public readonly double Total => _total / _weight;

    /// <summary>Returns the fraction of past scores (blended with the prior) at least as high as <paramref name="score"/>.</summary>
    public readonly double TailProbability(double score)
    {
        var above = 0.0;
        for (var i = Edges.Length - 1; i >= 0; i--)
        {
            var low = Edges[i];
            if (low >= score)
            {
                above += _table[_offset + i];
                continue;
            }

            // The bin holding the score counts in proportion to its part above it.
            var high = i + 1 < Edges.Length ? Edges[i + 1] : low * 2;
            above += _table[_offset + i] * Math.Max(0, (high - score) / (high - low));
            break;
        }

        var prior = Erfc(score * _priorScale / Math.Sqrt(2));
        return ((above / _weight) + (PriorWeight * prior)) / ((_total / _weight) + PriorWeight);
    }

    /// <summary>Fades the history by one sample and adds <paramref name="score"/>.</summary>
    public void Add(double score)
    {
        // Searched from the bottom: most scores are small.
        var bin = 0;
        while (bin + 1 < Edges.Length && Edges[bin + 1] <= score)
        {
            bin++;
        }

        _weight *= _growth;
        _table[_offset + bin] += (float)_weight;
        _total += _weight;
        if (_weight > RescaleAbove)
        {
            var counts = Counts;
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = (float)(counts[i] / _weight);
            }

            _total /= _weight;
            _weight = 1;
        }
    }

    /// <summary>Forgets every score.</summary>
    public void Clear()
    {
        Counts.Clear();
        _total = 0;
        _weight = 1;
    }

    private readonly Span<float> Counts => _table.AsSpan(_offset, Edges.Length);

    /// <summary>The complementary error function (Abramowitz and Stegun 7.1.26; absolute error below 1.5e-7).</summary>
    private static double Erfc(double x)
    {
        if (x < 0)
        {
            return 2 - Erfc(-x);
        }

        var t = 1 / (1 + (0.3275911 * x));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        return poly * Math.Exp(-x * x);
    }
}
