using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZepixHealth.Monitoring.AspNetCore;

/// <summary>
/// Writes a <see cref="HealthReport"/> as JSON, for <c>HealthCheckOptions.ResponseWriter</c>: the overall
/// status and, per entry, its status, description, duration, tags, data and exception message. Any
/// health-check report can be written with it, not only the plugins' entries.
/// </summary>
/// <remarks>
/// The shape is <c>{ "status": "Unhealthy", "totalDurationMs": 1.5, "entries": { "plugins": { "status":
/// "Unhealthy", "description": "…", "durationMs": 0.4, "tags": [], "data": { "v6-price-action-15m": "Dead" } } } }</c>;
/// statuses are words, times ISO 8601, a data value that cannot be serialized is written as its text.
/// The HTTP status code stays the one the health-check middleware chose (503 for Unhealthy by default).
/// </remarks>
public static class PluginHealthResponseWriter
{
    private static readonly JsonSerializerOptions DataOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Writes <paramref name="report"/> to the response as <c>application/json</c>.</summary>
    /// <param name="context">The request's context.</param>
    /// <param name="report">The report the health-check middleware produced.</param>
    /// <returns>A task that completes when the response is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> or <paramref name="report"/> is null.</exception>
    public static async Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = false });
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteNumber("totalDurationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 3));
            json.WriteStartObject("entries");
            foreach (var (name, entry) in report.Entries)
            {
                json.WritePropertyName(name);
                WriteEntry(json, entry);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static void WriteEntry(Utf8JsonWriter json, HealthReportEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("status", entry.Status.ToString());
        if (entry.Description is not null)
        {
            json.WriteString("description", entry.Description);
        }

        json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 3));
        json.WriteStartArray("tags");
        foreach (var tag in entry.Tags)
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteStartObject("data");
        foreach (var (key, value) in entry.Data)
        {
            json.WritePropertyName(key);
            DataValue(value).WriteTo(json);
        }

        json.WriteEndObject();
        if (entry.Exception is not null)
        {
            json.WriteString("exception", entry.Exception.Message);
        }

        json.WriteEndObject();
    }

    // Serialized on its own first, so that a value that cannot be serialized never leaves half an object behind.
    private static JsonElement DataValue(object? value)
    {
        if (value is null)
        {
            return JsonSerializer.SerializeToElement<object?>(null, DataOptions);
        }

        try
        {
            return JsonSerializer.SerializeToElement(value, value.GetType(), DataOptions);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return JsonSerializer.SerializeToElement(value.ToString(), DataOptions);
        }
    }
}
