using System.Globalization;

namespace ZepixHealth.Monitoring.AnomalyEvaluation;

/// <summary>One detector's results over every series: the normalised NAB score and what an operator feels.</summary>
internal sealed class CorpusTotals(string detector)
{
    private readonly List<SeriesScore> _series = [];

    public string Detector { get; } = detector;

    public void Add(SeriesScore score) => _series.Add(score);

    /// <summary>100 × (raw − null) / (perfect − null) over the corpus.</summary>
    public double NormalisedScore
    {
        get
        {
            var raw = _series.Sum(s => s.RawScore);
            var none = _series.Sum(s => s.NullScore);
            var perfect = _series.Sum(s => s.PerfectScore);
            return perfect == none ? 0 : 100 * (raw - none) / (perfect - none);
        }
    }

    public double Recall => _series.Sum(s => s.Windows) == 0 ? 0 : (double)_series.Sum(s => s.Detected) / _series.Sum(s => s.Windows);

    public double MeanFalseAlertsPerDay => _series.Count == 0 ? 0 : _series.Average(s => s.FalseAlertsPerDay);

    public SeriesScore? Worst => _series.MaxBy(s => s.FalseAlertsPerDay);

    public TimeSpan MedianTimeToDetect
    {
        get
        {
            var times = _series.SelectMany(s => s.TimesToDetect).Order().ToArray();
            return times.Length == 0 ? TimeSpan.Zero : times[times.Length / 2];
        }
    }

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Detector,-16} score {NormalisedScore,6:0.0}  windows {_series.Sum(s => s.Windows)}  detected {_series.Sum(s => s.Detected)}  missed {_series.Sum(s => s.Missed)}  recall {Recall:0.00}  false alerts/day {MeanFalseAlertsPerDay:0.00} (worst {Worst?.FalseAlertsPerDay ?? 0:0.00} {Worst?.Series})  median time to detect {MedianTimeToDetect.TotalHours:0.0} h");
}
