using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using ZepixHealth.Monitoring;

namespace MyPlugin.Tests;

public class MyPluginTests
{
    [Test]
    public async Task OnTick_SignalsAndErrors_ShowInTheMetrics()
    {
        var time = new FakeTimeProvider();
        using var plugin = new MyPlugin(time);

        plugin.OnTick(2);
        plugin.OnTick(3);
        plugin.OnTick(-1);
        var metrics = await plugin.GetMetricsAsync();

        Assert.That(metrics.Performance.SignalsProcessed1h, Is.EqualTo(1));
        Assert.That(metrics.Errors.TotalErrors, Is.EqualTo(1));
        Assert.That(metrics.Errors.ErrorRatePct, Is.EqualTo(100.0 / 3).Within(0.01));
    }

    [Test]
    public async Task IsAliveAsync_Running_IsTrue()
    {
        using var plugin = new MyPlugin(new FakeTimeProvider());

        Assert.That(await plugin.IsAliveAsync(), Is.True);
        Assert.That((await plugin.SelfTestAsync()).Passed, Is.True);
    }
}
