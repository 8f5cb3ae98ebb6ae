namespace ZepixHealth.Monitoring.AnomalyEvaluation;

/// <summary>How one detector did on one series, scored the NAB way (standard profile).</summary>
internal sealed record SeriesScore(string Series, int Windows, int Detected, int FalseAlerts, double Days, double RawScore, double NullScore, double PerfectScore, TimeSpan[] TimesToDetect)
{
    public int Missed => Windows - Detected;

    public double FalseAlertsPerDay => Days > 0 ? FalseAlerts / Days : 0;
}
