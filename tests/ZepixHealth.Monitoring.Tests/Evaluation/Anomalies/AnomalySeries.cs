namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

/// <summary>The kinds of noise-only series the detector is tested on.</summary>
public enum NoiseKind
{
    Normal,
    LogNormal,
    DailySeasonal,
}

/// <summary>
/// A plausible healthy level and spread of one metric (at a 30 s cycle), and the generator of seeded
/// noise-only series around it: normal, log-normal (skewed, heavy right tail) or normal on top of a daily
/// rhythm of ±40 % (markets busier in some hours than others).
/// </summary>
internal sealed record MetricProfile(AnomalyMetric Metric, double Level, double Sigma, double LogShape, bool IsCount)
{
    public const int SamplesPerDay = 2880;

    public static readonly MetricProfile[] All =
    [
        new(AnomalyMetric.P95Latency, Level: 35, Sigma: 4, LogShape: 0.2, IsCount: false),
        new(AnomalyMetric.ErrorRate, Level: 0.5, Sigma: 0.15, LogShape: 0.4, IsCount: false),
        new(AnomalyMetric.Memory, Level: 220, Sigma: 15, LogShape: 0.08, IsCount: false),
        new(AnomalyMetric.Cpu, Level: 20, Sigma: 3, LogShape: 0.2, IsCount: false),
        new(AnomalyMetric.SignalsPerHour, Level: 120, Sigma: 11, LogShape: 0.1, IsCount: true),
        new(AnomalyMetric.OrdersPerHour, Level: 30, Sigma: 5, LogShape: 0.2, IsCount: true),
    ];

    /// <summary>The larger of the normal and the log-normal spread: what an injected event is measured in.</summary>
    public double EffectiveSigma => Math.Max(Sigma, Level * LogShape);

    /// <summary>The smallest deviation the default options let be anomalous at the healthy level.</summary>
    public double Floor(AnomalyDetectionOptions options) =>
        Math.Max(Metric.MinDeviation(options), options.MinRelativeDeviation * Level);

    /// <summary>Returns sample <paramref name="t"/> of a noise-only series (a cycle of 30 s).</summary>
    public double Noise(NoiseKind kind, Random random, int t, double phase)
    {
        var value = kind switch
        {
            NoiseKind.Normal => Level + (Sigma * Gaussian(random)),
            NoiseKind.LogNormal => Level * Math.Exp(LogShape * Gaussian(random)),
            NoiseKind.DailySeasonal => (Level * (1 + (0.4 * Math.Sin((2 * Math.PI * t / SamplesPerDay) + phase)))) + (Sigma * Gaussian(random)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        value = Math.Max(0, value);
        return IsCount ? Math.Round(value) : value;
    }

    public static double Gaussian(Random random)
    {
        // Box–Muller; 1 − u keeps the logarithm's argument above zero.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public override string ToString() => Metric.ToString();
}
