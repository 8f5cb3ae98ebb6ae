using Microsoft.Extensions.DependencyInjection;

namespace ZepixHealth.Monitoring.Sample;

/// <summary>Registers the samples' five simulated trading plugins and the market that drives them; shared by the console and web samples.</summary>
internal static class SimulatedPluginServices
{
    /// <summary>Adds the five plugins (one dies, one hangs, one goes quiet, as <paramref name="sample"/> says) and the market simulator.</summary>
    public static IServiceCollection AddSimulatedPlugins(this IServiceCollection services, SampleOptions sample, TimeProvider time)
    {
        foreach (var (id, behaviour, after) in new[]
        {
            ("v3-combined", SimulatedBehaviour.StaysHealthy, TimeSpan.Zero),
            ("v6-price-action-1m", SimulatedBehaviour.StaysHealthy, TimeSpan.Zero),
            ("v6-price-action-5m", SimulatedBehaviour.GoesQuiet, sample.GoesQuietAfter),
            ("v6-price-action-15m", SimulatedBehaviour.Dies, sample.DiesAfter),
            ("v6-price-action-1h", SimulatedBehaviour.Hangs, sample.HangsAfter),
        })
        {
            var plugin = new SimulatedPlugin(id, behaviour, after, time);
            services.AddSingleton(plugin);
            services.AddSingleton<IHealthCheckablePlugin>(plugin);
        }

        return services.AddHostedService(sp => new MarketSimulator(sp.GetServices<SimulatedPlugin>(), time));
    }
}
