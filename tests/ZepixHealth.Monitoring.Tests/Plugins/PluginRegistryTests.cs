using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Plugins;

[TestFixture]
public sealed class PluginRegistryTests
{
    [Test]
    public void Ctor_PluginsFromDependencyInjection_AreRegisteredInOrder()
    {
        var registry = new PluginRegistry([new ScriptedPlugin("v3-combined"), new ScriptedPlugin("v6-price-action-1m")]);

        registry.GetAllPlugins().Select(p => p.Id).Should().Equal("v3-combined", "v6-price-action-1m");
    }

    [Test]
    public void Ctor_TwoPluginsShareAnIdIgnoringCase_ThrowsNamingTheId()
    {
        var act = () => new PluginRegistry([new ScriptedPlugin("v3-combined"), new ScriptedPlugin("V3-Combined")]);

        act.Should().Throw<ArgumentException>().WithMessage("*'V3-Combined' is already registered*");
    }

    [Test]
    public void Ctor_ManyPluginsThenRegisterAndUnregister_KeepsOrderAndChecksIdsAgainstAll()
    {
        var plugins = Enumerable.Range(0, 20_000).Select(i => new ScriptedPlugin($"plugin-{i:D5}")).ToArray();

        var registry = new PluginRegistry(plugins);
        registry.Register(new ScriptedPlugin("late"));
        var duplicate = () => registry.Register(new ScriptedPlugin("PLUGIN-19999"));

        registry.GetAllPlugins().Should().HaveCount(20_001);
        registry.GetAllPlugins()[0].Id.Should().Be("plugin-00000");
        registry.GetAllPlugins()[^1].Id.Should().Be("late");
        duplicate.Should().Throw<ArgumentException>().WithMessage("*'PLUGIN-19999' is already registered*").And.ParamName.Should().Be("plugin");
        registry.Unregister("plugin-00000").Should().BeTrue();
        registry.GetAllPlugins().Should().HaveCount(20_000);
    }

    [Test]
    public void Ctor_NullPluginAmongThem_ThrowsArgumentNull()
    {
        var act = () => new PluginRegistry([new ScriptedPlugin("a"), null!]);

        act.Should().Throw<ArgumentNullException>().WithParameterName("plugin");
    }

    [TestCase("", "empty")]
    [TestCase("   ", "empty or white space")]
    [TestCase("tab\tinside", "control character U+0009")]
    public void Register_InvalidId_ThrowsArgumentExceptionSayingWhy(string id, string why)
    {
        var registry = new PluginRegistry([]);

        var act = () => registry.Register(new ScriptedPlugin(id));

        act.Should().Throw<ArgumentException>().WithMessage($"*cannot be registered: *{why}*").And.ParamName.Should().Be("plugin");
    }

    [TestCase("host")]
    [TestCase("Host")]
    public void Register_ReservedHostId_ThrowsArgumentExceptionSayingItIsReserved(string id)
    {
        var registry = new PluginRegistry([]);

        var act = () => registry.Register(new ScriptedPlugin(id));

        act.Should().Throw<ArgumentException>()
            .WithMessage($"Plugin '{id}' (*) cannot be registered: the id 'host' is reserved for the host process's own row (configure it under PluginHealth:Host).*")
            .And.ParamName.Should().Be("plugin");
    }

    [Test]
    public void Register_IdOf10000Characters_ThrowsWithAShortenedIdInTheMessage()
    {
        var registry = new PluginRegistry([]);

        var act = () => registry.Register(new ScriptedPlugin(new string('a', 10_000)));

        var message = act.Should().Throw<ArgumentException>().Which.Message;
        message.Should().Contain("10000 characters long; at most 128");
        message.Length.Should().BeLessThan(500);
    }

    [Test]
    public void Register_Null_ThrowsArgumentNullException()
    {
        var registry = new PluginRegistry([]);

        var act = () => registry.Register(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    [Test]
    public void Register_IdThatThrows_ThrowsArgumentExceptionWithTheCause()
    {
        var registry = new PluginRegistry([]);

        var act = () => registry.Register(new ThrowingIdPlugin());

        act.Should().Throw<ArgumentException>().WithMessage("*Id of plugin*threw InvalidOperationException: not initialised*")
            .WithInnerException<InvalidOperationException>();
    }

    [Test]
    public void Unregister_KnownIdIgnoringCase_RemovesItAndReturnsTrue()
    {
        var registry = new PluginRegistry([new ScriptedPlugin("a"), new ScriptedPlugin("b")]);

        var removed = registry.Unregister("A");

        removed.Should().BeTrue();
        registry.GetAllPlugins().Select(p => p.Id).Should().Equal("b");
        registry.Unregister("a").Should().BeFalse();
    }

    [Test]
    public void Unregister_ThenRegisterTheSameId_Succeeds()
    {
        var registry = new PluginRegistry([new ScriptedPlugin("a")]);

        registry.Unregister("a");
        registry.Register(new ScriptedPlugin("a"));

        registry.GetAllPlugins().Should().ContainSingle();
    }

    [Test]
    public void GetAllPlugins_LaterChanges_DoNotAlterAnEarlierResult()
    {
        var registry = new PluginRegistry([new ScriptedPlugin("a")]);

        var before = registry.GetAllPlugins();
        registry.Register(new ScriptedPlugin("b"));
        registry.Unregister("a");

        before.Select(p => p.Id).Should().Equal("a");
        registry.GetAllPlugins().Select(p => p.Id).Should().Equal("b");
    }

    [Test]
    public void GetAllPlugins_NoChange_ReturnsTheSameInstance()
    {
        var registry = new PluginRegistry([new ScriptedPlugin("a")]);

        registry.GetAllPlugins().Should().BeSameAs(registry.GetAllPlugins());
    }

    [Test]
    public async Task Register_FromEightThreadsAtOnce_KeepsEveryPluginOnce()
    {
        var registry = new PluginRegistry([]);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 250; i++)
            {
                registry.Register(new ScriptedPlugin($"t{t}-p{i}"));
            }
        })));

        registry.GetAllPlugins().Select(p => p.Id).Should().OnlyHaveUniqueItems().And.HaveCount(2000);
    }

    [Test]
    public void TryGetId_FollowsRegistrations_WithoutCallingTheGetterAgain()
    {
        var first = new ScriptedPlugin("v3-combined");
        var late = new ScriptedPlugin("late");
        var registry = new PluginRegistry([first]);

        registry.Register(late);
        var knownBefore = registry.TryGetId(late, out var lateId);
        registry.Unregister("LATE");

        knownBefore.Should().BeTrue();
        lateId.Should().Be("late");
        registry.TryGetId(late, out _).Should().BeFalse("an unregistered plugin's id is forgotten");
        registry.TryGetId(first, out var firstId).Should().BeTrue();
        firstId.Should().Be("v3-combined");
    }

    [Test]
    public async Task TryGetId_WhileAnotherThreadRegistersAndUnregisters_AlwaysAgreesWithTheSetRead()
    {
        var registry = new PluginRegistry(Enumerable.Range(0, 100).Select(i => new ScriptedPlugin($"stable-{i}")));
        using var stop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                registry.Register(new ScriptedPlugin($"churn-{i}"));
                registry.Unregister($"churn-{i}");
            }
        });

        var reads = 0;
        while (reads < 200)
        {
            foreach (var plugin in registry.GetAllPlugins().Where(p => p.Id.StartsWith("stable-", StringComparison.Ordinal)))
            {
                registry.TryGetId(plugin, out var id).Should().BeTrue();
                id.Should().Be(plugin.Id);
            }

            reads++;
        }

        await stop.CancelAsync();
        await churn;
    }

    private sealed class ThrowingIdPlugin : IHealthCheckablePlugin
    {
        public string Id => throw new InvalidOperationException("not initialised");

        public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

        public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(new PluginMetrics());

        public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass());
    }
}
