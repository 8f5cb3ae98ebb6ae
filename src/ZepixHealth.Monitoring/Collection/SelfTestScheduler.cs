using System.Globalization;

namespace ZepixHealth.Monitoring;

/// <summary>
/// Runs each plugin's <see cref="IHealthCheckablePlugin.SelfTestAsync"/> every
/// <see cref="PluginHealthOptions.SelfTestInterval"/>, beside the cycle and under its own
/// <see cref="PluginHealthOptions.SelfTestTimeout"/>, and records the result on the plugin's state.
/// </summary>
internal sealed class SelfTestScheduler(PluginHealthOptions options, TimeProvider timeProvider)
{
    public void StartIfDue(PluginState state, DateTimeOffset now, ref FaultList faults)
    {
        if (state.NextSelfTestAt is { } due && now < due)
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
