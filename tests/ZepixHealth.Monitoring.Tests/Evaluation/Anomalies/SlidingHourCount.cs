namespace ZepixHealth.Monitoring.Tests.Evaluation.Anomalies;

/// <summary>
/// What a plugin really reports as "signals (or orders) per hour" at a 30 s cycle: the number of Poisson
/// arrivals in the last 120 cycles. Successive samples share most of their hour, so the series is
/// smooth and strongly autocorrelated, and when the plugin stops, the count sinks to zero over an hour.
/// </summary>
internal sealed class SlidingHourCount(double perHour, Random random)
{
    private const int SlotsPerHour = 120;
    private readonly int[] _slots = new int[SlotsPerHour];
    private int _next;
    private int _sum;

    /// <summary>Advances one cycle with the given arrival rate (per hour) and returns the count of the last hour.</summary>
    public double Next(double ratePerHour)
    {
        var arrivals = Poisson(ratePerHour / SlotsPerHour);
        _sum += arrivals - _slots[_next];
        _slots[_next] = arrivals;
        _next = (_next + 1) % SlotsPerHour;
        return _sum;
    }

    /// <summary>Fills the hour at the normal rate, as a plugin that has been running for a while.</summary>
    public SlidingHourCount Primed()
    {
        for (var i = 0; i < SlotsPerHour; i++)
        {
            Next(perHour);
        }

        return this;
    }

    private int Poisson(double mean)
    {
        // Knuth: fine for the small means of one 30 s slot.
        var limit = Math.Exp(-mean);
        var count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }
}
