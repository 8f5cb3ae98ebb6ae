using System.Diagnostics.Metrics;
using HdrHistogram;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Prometheus;
using PrometheusHistogram = Prometheus.Histogram;
using PrometheusHistogramConfiguration = Prometheus.HistogramConfiguration;

namespace ZepixHealth.Monitoring.Benchmarks.Telemetry;

/// <summary>
/// The recorders compared, set up as a .NET user would: ZepixHealth's PluginTelemetry on the system clock,
/// HdrHistogram's LongConcurrentHistogram (ticks, 1 tick to 1 hour, 2 significant digits), the
/// OpenTelemetry SDK's base-2 exponential histogram with a MeterProvider and a reader attached, and a
/// prometheus-net histogram with 16 exponential buckets.
/// </summary>
internal sealed class LatencyRecorders : IDisposable
{
    private readonly Meter _meter;
    private readonly MeterProvider _meterProvider;

    public LatencyRecorders(string name)
    {
        Telemetry = new PluginTelemetry();
        Hdr = new LongConcurrentHistogram(1, TimeSpan.FromHours(1).Ticks, 2);

        _meter = new Meter(name);
        OpenTelemetry = _meter.CreateHistogram<double>("execution_time", "ms");
        _meterProvider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(name)
            .AddView("execution_time", new Base2ExponentialBucketHistogramConfiguration())
            .AddReader(new PeriodicExportingMetricReader(new NullMetricExporter(), exportIntervalMilliseconds: 3_600_000))
            .Build()!;

        Prometheus = Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())
            .CreateHistogram("execution_time_seconds", "Execution time.", new PrometheusHistogramConfiguration
            {
                Buckets = PrometheusHistogram.ExponentialBuckets(0.0001, 2, 16),
            });
    }

    public PluginTelemetry Telemetry { get; }

    public LongConcurrentHistogram Hdr { get; }

    public Histogram<double> OpenTelemetry { get; }

    public PrometheusHistogram Prometheus { get; }

    public void Dispose()
    {
        Telemetry.Dispose();
        _meterProvider.Dispose();
        _meter.Dispose();
    }
}
