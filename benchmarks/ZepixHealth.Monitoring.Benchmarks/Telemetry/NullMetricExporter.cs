using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ZepixHealth.Monitoring.Benchmarks.Telemetry;

/// <summary>An exporter that drops everything: it only makes the OpenTelemetry SDK aggregate, as it does in production.</summary>
internal sealed class NullMetricExporter : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
}
