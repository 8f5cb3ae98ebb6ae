using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ZepixHealth.Monitoring.Tests.Support;

/// <summary>One measurement a <see cref="MeterCollector"/> saw.</summary>
internal sealed record CollectedMeasurement(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    public string? PluginId => Tags.TryGetValue("plugin.id", out var id) ? id as string : null;
}

/// <summary>A real <see cref="MeterListener"/> on the meter <c>ZepixHealth.Monitoring</c> that keeps every measurement.</summary>
internal sealed class MeterCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<CollectedMeasurement> _measurements = new();

    public MeterCollector(string? instrument = null)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == "ZepixHealth.Monitoring" && (instrument is null || published.Name == instrument))
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<CollectedMeasurement> Measurements => [.. _measurements];

    /// <summary>Reads every observable gauge once, as an exporter's collection would.</summary>
    public void CollectGauges() => _listener.RecordObservableInstruments();

    public IReadOnlyList<CollectedMeasurement> For(string instrument, string pluginId) =>
        [.. _measurements.Where(m => m.Instrument == instrument && m.PluginId == pluginId)];

    public void Clear() => _measurements.Clear();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _measurements.Enqueue(new CollectedMeasurement(instrument.Name, instrument.Unit, value, copy));
    }
}
