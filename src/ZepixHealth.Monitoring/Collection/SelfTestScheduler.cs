using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Runs each plugin's <see cref="IHealthCheckablePlugin.SelfTestAsync"/> every
/// <see cref="PluginHealthOptions.SelfTestInterval"/>, beside the cycle and under its own
/// <see cref="PluginHealthOptions.SelfTestTimeout"/>, and records the result on the plugin's state.
/// </summary>
/// <remarks>
/// First self-tests are spread: a cycle starts at most as many as the steady rate (every plugin once per
/// <see cref="PluginHealthOptions.SelfTestInterval"/>), and never fewer than <see cref="FirstAtOnce"/>;
/// the plugins seen after those have their first self-test in a later cycle, within one interval. A
/// host of thousands of plugins then starts as it runs, instead of with thousands of self-tests at once;
/// one of a few hundred is not affected.
/// </remarks>
internal sealed class SelfTestScheduler(PluginHealthOptions options, TimeProvider timeProvider)
{
    /// <summary>How many first self-tests a cycle starts at least.</summary>
    public const int FirstAtOnce = 256;

    private int _firstPerCycle = int.MaxValue;
    private int _firstSights;

    /// <summary>Starts a cycle over <paramref name="pluginCount"/> plugins (on the cycle's thread, before any lane).</summary>
    public void BeginCycle(int pluginCount)
    {
        var cyclesPerInterval = Math.Max(1, (int)(options.SelfTestInterval / options.CollectionInterval));
        _firstPerCycle = Math.Max(FirstAtOnce, (pluginCount + cyclesPerInterval - 1) / cyclesPerInterval);
        _firstSights = 0;
    }

    /// <summary>Starts the plugin's self-test when it is due; called by the cycle's lanes, several at once.</summary>
    public void StartIfDue(PluginState state, DateTimeOffset now, ref FaultList faults)
    {
        if (state.NextSelfTestAt is { } due && now < due)
        {
            return;
        }

        if (state.NextSelfTestAt is null && Defer(state, now))
        {
            return;
        }

        // A plugin whose check is stuck is not asked for a self-test too: it holds one thread at most.
        if (state.Checks.IsRunning)
        {
            return;
        }

        if (state.SelfTests.IsRunning)
        {
            faults.Add("The previous SelfTestAsync call is still running; a new one was not started.");
            return;
        }

        state.NextSelfTestAt = now + options.SelfTestInterval;
        state.SelfTestRun = RunAsync(state);
    }

    /// <summary>At a plugin's first sight: whether its first self-test waits for a later cycle (the cycle's share is taken).</summary>
    private bool Defer(PluginState state, DateTimeOffset now)
    {
        var slot = (Interlocked.Increment(ref _firstSights) - 1) / _firstPerCycle;
        if (slot == 0)
        {
            return false;
        }

        // Half an interval early, so that the cycle it is meant for, a little early itself, finds it due.
        state.NextSelfTestAt = now + (slot * options.CollectionInterval) - (options.CollectionInterval / 2);
        return true;
    }

    /// <summary>Runs a self-test beside the cycle; never throws, records its result on the state.</summary>
    private async Task RunAsync(PluginState state)
    {
        SelfTestResult result;
        try
        {
            var outcome = await state.SelfTests.InvokeAsync(
                state.Plugin, static (plugin, token) => plugin.SelfTestAsync(token), nameof(IHealthCheckablePlugin.SelfTestAsync), options.SelfTestTimeout, CancellationToken.None)
                .ConfigureAwait(false);
            result = outcome.Outcome switch
            {
                PluginCallOutcome.Completed when outcome.Value is null => new SelfTestResult(false, "SelfTestAsync returned null."),
                PluginCallOutcome.Completed => outcome.Value!,
                PluginCallOutcome.Faulted => new SelfTestResult(false, CollectionText.Describe("SelfTestAsync threw", outcome.Error!)),
                _ => new SelfTestResult(false, string.Create(
                    CultureInfo.InvariantCulture, $"SelfTestAsync did not finish within {CollectionText.FormatDuration(options.SelfTestTimeout)}.")),
            };

            if (result.Message is { Length: > PluginHealthDefaults.MaxTextLength } message)
            {
                result = result with { Message = CollectionText.Cut(message) };
            }
        }
        catch (Exception ex)
        {
            result = new SelfTestResult(false, CollectionText.Describe("SelfTestAsync could not be run:", ex));
        }

        state.SelfTest = new SelfTestRecord(result, timeProvider.GetUtcNow());
    }
}
