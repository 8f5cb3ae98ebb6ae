namespace ZepixHealth.Monitoring;

/// <summary>The defaults and limits of <see cref="PluginHealthOptions"/>, in one place.</summary>
internal static class PluginHealthDefaults
{
    public const string SectionName = "PluginHealth";

    public static readonly TimeSpan CollectionInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(300);
    public static readonly TimeSpan SelfTestInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan SelfTestTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan AlertCooldown = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan CriticalRepeatInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan HighRepeatInterval = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan WarningRepeatInterval = TimeSpan.FromHours(1);
    public const int MaxConcurrentChecks = 32;

    public const double MaxExecutionTimeMs = 5000;
    public const double MaxErrorRatePct = 5;
    public const double MaxMemoryUsageMb = 500;
    public const double MaxCpuUsagePct = 80;

    // Critical levels left unset follow the warning level (latency, error rate) or what the plugin runs
    // on (memory, CPU), so raising a warning threshold never leaves a critical one below it.
    public const double CriticalExecutionTimeFactor = 3;
    public const double CriticalErrorRateFactor = 4;
    public const double CriticalShareOfMemoryLimit = 0.9;
    public const double CriticalCpuUsagePctPerCore = 90;
    public const int CriticalErrorsForCritical = 5;
    public const int MaxCriticalErrorsForCritical = 1_000_000;
    public const double HostMemoryShareOfLimit = 0.9;
    public const double HostCriticalShareOfMemoryLimit = 0.95;
    public const double HostCriticalCpuUsagePctPerCore = 95;

    // Upper limits: beyond them a value is a typo, not a choice (and timers reject the largest TimeSpans).
    public static readonly TimeSpan MaxCollectionInterval = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxCheckTimeout = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MaxStaleAfter = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxSelfTestInterval = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxSelfTestTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MaxAlertCooldown = TimeSpan.FromDays(7);
    public const int MaxConcurrentChecksLimit = 4096;

    // A P95 over the telemetry's one-hour window cannot exceed an hour, and no host has 16 TiB: larger
    // thresholds are typos that would silently switch their rule off.
    public const double MaxExecutionTimeMsLimit = 3_600_000;
    public const double MaxMemoryUsageMbLimit = 16 * 1024 * 1024;

    public const int GroupThreshold = 3;
    public static readonly TimeSpan GroupInterval = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan MaxGroupWait = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxGroupInterval = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxEscalateAfter = TimeSpan.FromDays(7);
    public const int MaxRouteDepth = 8;
    public static readonly TimeSpan SinkTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ObserverTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RuleTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan AlertStoreTimeout = TimeSpan.FromSeconds(5);
    public const int DeliveryMaxAttempts = 8;
    public static readonly TimeSpan DeliveryRetryDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DeliveryMaxRetryDelay = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DeliveryMaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxDeliveryMaxAge = TimeSpan.FromDays(30);
    public const int ForCycles = 2;
    public const int AvailabilityForCycles = 1;
    public const int ClearCycles = 2;
    public const int MaxCycles = 10_000;
    public const double FlapStartPct = 50;
    public const double FlapStopPct = 25;

    /// <summary>How many recent outcomes flap detection looks at (Icinga uses 21 states: 20 transitions).</summary>
    public const int FlapWindow = 21;

    /// <summary>Longest plugin-supplied text kept (error messages, self-test messages, reasons).</summary>
    public const int MaxTextLength = 1024;
}
