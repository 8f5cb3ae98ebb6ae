using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Turns whatever a plugin reported into figures that can be stored and judged: NaN, infinite,
/// negative or impossible values become unknown (null) and are noted as faults; over-long texts
/// are cut. A clean report is passed through without a copy.
/// </summary>
internal static class MetricsSanitizer
{
    private const int MaxTypeNameLength = 256;

    public static PluginPerformanceMetrics Sanitize(PluginPerformanceMetrics? performance, ref FaultList faults)
    {
        if (performance is null)
        {
            faults.Add("Performance was null; treated as unknown.");
            return PluginPerformanceMetrics.Unknown;
        }

        var clean = true;
        var avg = NonNegative(performance.AvgExecutionTimeMs, "Performance.AvgExecutionTimeMs", ref faults, ref clean);
        var p50 = NonNegative(performance.P50ExecutionTimeMs, "Performance.P50ExecutionTimeMs", ref faults, ref clean);
        var p95 = NonNegative(performance.P95ExecutionTimeMs, "Performance.P95ExecutionTimeMs", ref faults, ref clean);
        var p99 = NonNegative(performance.P99ExecutionTimeMs, "Performance.P99ExecutionTimeMs", ref faults, ref clean);
        var signals = NonNegative(performance.SignalsProcessed1h, "Performance.SignalsProcessed1h", ref faults, ref clean);
        var orders = NonNegative(performance.OrdersPlaced1h, "Performance.OrdersPlaced1h", ref faults, ref clean);
        var accuracy = Percentage(performance.SignalAccuracyPct, "Performance.SignalAccuracyPct", ref faults, ref clean);
        var winRate = Percentage(performance.WinRatePct, "Performance.WinRatePct", ref faults, ref clean);

        return clean
            ? performance
            : new PluginPerformanceMetrics
            {
                AvgExecutionTimeMs = avg,
                P50ExecutionTimeMs = p50,
                P95ExecutionTimeMs = p95,
                P99ExecutionTimeMs = p99,
                SignalsProcessed1h = signals,
                OrdersPlaced1h = orders,
                SignalAccuracyPct = accuracy,
                WinRatePct = winRate,
            };
    }

    public static PluginErrorMetrics Sanitize(PluginErrorMetrics? errors, DateTimeOffset now, ref FaultList faults)
    {
        if (errors is null)
        {
            faults.Add("Errors was null; treated as unknown.");
            return PluginErrorMetrics.Unknown;
        }

        var clean = true;
        var total = NonNegative(errors.TotalErrors, "Errors.TotalErrors", ref faults, ref clean);
        var critical = NonNegative(errors.CriticalErrors, "Errors.CriticalErrors", ref faults, ref clean);
        var warnings = NonNegative(errors.Warnings, "Errors.Warnings", ref faults, ref clean);
        var rate = Percentage(errors.ErrorRatePct, "Errors.ErrorRatePct", ref faults, ref clean);
        var message = Truncate(errors.LastErrorMessage, PluginHealthDefaults.MaxTextLength, "Errors.LastErrorMessage", ref faults, ref clean);
        var type = Truncate(errors.LastErrorType, MaxTypeNameLength, "Errors.LastErrorType", ref faults, ref clean);
        var timestamp = NotInFuture(errors.LastErrorTimestamp, now, "Errors.LastErrorTimestamp", ref faults, ref clean);

        if (total is { } t && critical is { } c && c > t)
        {
            faults.Add($"Errors.CriticalErrors ({c}) exceeds Errors.TotalErrors ({t}); both treated as unknown.");
            total = null;
            critical = null;
            clean = false;
        }

        return clean
            ? errors
            : new PluginErrorMetrics
            {
                TotalErrors = total,
                CriticalErrors = critical,
                Warnings = warnings,
                ErrorRatePct = rate,
                LastErrorMessage = message,
                LastErrorType = type,
                LastErrorTimestamp = timestamp,
            };
    }

    public static PluginResourceMetrics Resources(PluginMetrics metrics, ref FaultList faults)
    {
        var clean = true;
        var memory = NonNegative(metrics.MemoryUsageMb, "MemoryUsageMb", ref faults, ref clean);

        // Percent of one core: above 100 on several cores is real, so only NaN and negatives are faults.
        var cpu = NonNegative(metrics.CpuUsagePct, "CpuUsagePct", ref faults, ref clean);
        var allocated = NonNegative(metrics.AllocatedBytes, "AllocatedBytes", ref faults, ref clean);
        var database = metrics.Database;
        if (database is null)
        {
            faults.Add("Database was null; treated as unknown.");
            database = PluginDatabaseMetrics.Unknown;
        }

        var active = NonNegative(database.ActiveConnections, "Database.ActiveConnections", ref faults, ref clean);
        var max = NonNegative(database.MaxConnections, "Database.MaxConnections", ref faults, ref clean);
        var queryTime = NonNegative(database.AvgQueryTimeMs, "Database.AvgQueryTimeMs", ref faults, ref clean);

        if (memory is null && cpu is null && allocated is null && active is null && max is null && queryTime is null)
        {
            return PluginResourceMetrics.Unknown;
        }

        return new PluginResourceMetrics
        {
            MemoryUsageMb = memory,
            CpuUsagePct = cpu,
            AllocatedBytes = allocated,
            DbConnectionsActive = active,
            DbConnectionsMax = max,
            DbQueryTimeAvgMs = queryTime,
        };
    }

    /// <summary>Returns a timestamp that is not after <paramref name="now"/>, or null (noted) when it is.</summary>
    public static DateTimeOffset? NotInFuture(DateTimeOffset? value, DateTimeOffset now, string name, ref FaultList faults)
    {
        var clean = true;
        return NotInFuture(value, now, name, ref faults, ref clean);
    }

    /// <summary>Cuts a plugin-supplied text to <paramref name="maxLength"/> characters, noting the cut.</summary>
    public static string? Truncate(string? value, int maxLength, string name, ref FaultList faults)
    {
        var clean = true;
        return Truncate(value, maxLength, name, ref faults, ref clean);
    }

    private static double? NonNegative(double? value, string name, ref FaultList faults, ref bool clean)
    {
        if (value is not { } v || (double.IsFinite(v) && v >= 0))
        {
            return value;
        }

        faults.Add($"{name} was {v.ToString(CultureInfo.InvariantCulture)}; treated as unknown.");
        clean = false;
        return null;
    }

    private static long? NonNegative(long? value, string name, ref FaultList faults, ref bool clean)
    {
        if (value is not { } v || v >= 0)
        {
            return value;
        }

        faults.Add($"{name} was {v.ToString(CultureInfo.InvariantCulture)}; treated as unknown.");
        clean = false;
        return null;
    }

    private static int? NonNegative(int? value, string name, ref FaultList faults, ref bool clean)
    {
        var widened = NonNegative((long?)value, name, ref faults, ref clean);
        return widened is null ? null : value;
    }

    private static double? Percentage(double? value, string name, ref FaultList faults, ref bool clean)
    {
        if (value is not { } v || (double.IsFinite(v) && v is >= 0 and <= 100))
        {
            return value;
        }

        faults.Add($"{name} was {v.ToString(CultureInfo.InvariantCulture)}, outside 0–100; treated as unknown.");
        clean = false;
        return null;
    }

    private static DateTimeOffset? NotInFuture(DateTimeOffset? value, DateTimeOffset now, string name, ref FaultList faults, ref bool clean)
    {
        // A little slack for clocks that disagree by a moment.
        if (value is not { } v || v <= now + TimeSpan.FromSeconds(5))
        {
            return value;
        }

        faults.Add($"{name} was {v.ToString("O", CultureInfo.InvariantCulture)}, in the future; treated as unknown.");
        clean = false;
        return null;
    }

    private static string? Truncate(string? value, int maxLength, string name, ref FaultList faults, ref bool clean)
    {
        if (value is null || value.Length <= maxLength)
        {
            return value;
        }

        faults.Add($"{name} was {value.Length} characters long; kept the first {maxLength}.");
        clean = false;
        return string.Concat(value.AsSpan(0, maxLength - 1), "…");
    }
}
