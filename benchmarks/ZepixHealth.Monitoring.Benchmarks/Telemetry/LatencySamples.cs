namespace ZepixHealth.Monitoring.Benchmarks.Telemetry;

/// <summary>A fixed set of plausible execution times (log-normal, median 4 ms), the same for every recorder.</summary>
internal static class LatencySamples
{
    public const int Count = 1024;

    public static TimeSpan[] Create()
    {
        var random = new Random(42);
        var samples = new TimeSpan[Count];
        for (var i = 0; i < samples.Length; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples[i] = TimeSpan.FromMilliseconds(4 * Math.Exp(gaussian));
        }

        return samples;
    }
}
