using ZepixHealth.Monitoring;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Collection;

[TestFixture]
public sealed class PluginStateTableTests
{
    private const int InvalidPluginEvent = 1004;
    private const int RegistryFailedEvent = 1009;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero));
    private CollectingLoggerProvider _logs = null!;
    private ListRegistry _registry = null!;
    private PluginStateTable _table = null!;

    [SetUp]
    public void SetUp()
    {
        _logs = new CollectingLoggerProvider();
        _registry = new ListRegistry();
        _table = new PluginStateTable(_registry, _time, _logs.CreateLogger("collection"));
    }

    [TearDown]
    public void TearDown() => _logs.Dispose();

    private IEnumerable<CollectingLoggerProvider.LogEntry> InvalidPluginLogs => _logs.Entries.Where(e => e.EventId.Id == InvalidPluginEvent);

    [Test]
    public async Task GetState_ValidPlugin_CreatesOneStateUnderItsIdAndKeepsIt()
    {
        var plugin = new ScriptedPlugin("v3-combined");
        _registry.Plugins = [plugin];

        var first = (await CycleAsync()).Single();
        var second = (await CycleAsync()).Single();

        first.Should().NotBeNull();
        first!.Id.Should().Be("v3-combined");
        first.Plugin.Should().BeSameAs(plugin);
        second.Should().BeSameAs(first, "what is remembered about a plugin lasts between cycles");
        _table.States.Should().ContainSingle().Which.Should().BeSameAs(first);
        InvalidPluginLogs.Should().BeEmpty();
    }

    private static IEnumerable<TestCaseData> UnusablePlugins()
    {
        yield return new TestCaseData(new OddPlugin(() => throw new InvalidOperationException("no id yet")), "its Id threw").SetName("GetState_IdThrows_IsNullAndLoggedOnce");
        yield return new TestCaseData(new OddPlugin(() => null!), "null").SetName("GetState_IdNull_IsNullAndLoggedOnce");
        yield return new TestCaseData(new OddPlugin(() => "   "), "white space").SetName("GetState_IdWhiteSpace_IsNullAndLoggedOnce");
        yield return new TestCaseData(new OddPlugin(() => new string('x', 10_000)), "characters long").SetName("GetState_IdTooLong_IsNullAndLoggedOnce");
        yield return new TestCaseData(new OddPlugin(() => "v6\u001b[31m"), "control character").SetName("GetState_IdWithControlCharacter_IsNullAndLoggedOnce");
        yield return new TestCaseData(new OddPlugin(() => "host"), "reserved").SetName("GetState_IdHost_IsNullAndLoggedOnce");
        yield return new TestCaseData(new OddPlugin(() => "HOST"), "reserved").SetName("GetState_IdHostInOtherCase_IsNullAndLoggedOnce");
    }

    [TestCaseSource(nameof(UnusablePlugins))]
    public async Task GetState_UnusablePlugin_IsNullAndLoggedOnceAcrossCycles(OddPlugin plugin, string problem)
    {
        _registry.Plugins = [plugin, new ScriptedPlugin("ok")];

        var first = await CycleAsync();
        var idReads = plugin.IdReads;
        var second = await CycleAsync();

        first[0].Should().BeNull();
        second[0].Should().BeNull();
        first[1].Should().NotBeNull();
        InvalidPluginLogs.Should().ContainSingle().Which.Message.Should().Contain(problem);
        plugin.IdReads.Should().Be(idReads, "a rejected plugin is skipped, not asked again every cycle");
        _table.States.Should().ContainSingle().Which.Id.Should().Be("ok");
    }

    [Test]
    public async Task GetState_RejectedIdTooLong_IsShortenedInTheLog()
    {
        _registry.Plugins = [new OddPlugin(() => new string('x', 10_000))];

        await CycleAsync();

        InvalidPluginLogs.Single().Message.Length.Should().BeLessThan(1_000);
    }

    [Test]
    public async Task GetState_SecondPluginWithTheSameIdIgnoringCase_IsNullAndLoggedOnce()
    {
        var first = new ScriptedPlugin("v6-price-action-5m");
        var twin = new ScriptedPlugin("V6-PRICE-ACTION-5M");
        _registry.Plugins = [first, twin];

        var cycle1 = await CycleAsync();
        var cycle2 = await CycleAsync();

        cycle1[0]!.Plugin.Should().BeSameAs(first, "the first plugin keeps the id");
        cycle1[1].Should().BeNull();
        cycle2[1].Should().BeNull();
        InvalidPluginLogs.Should().ContainSingle().Which.Message.Should().Contain("already has this id");
    }

    [Test]
    public async Task GetState_NullPlugin_IsNullAndLoggedOnceNotEveryCycle()
    {
        _registry.Plugins = [null!, new ScriptedPlugin("ok")];

        var first = await CycleAsync();
        var second = await CycleAsync();

        first[0].Should().BeNull();
        second[0].Should().BeNull();
        first[1].Should().NotBeNull("one bad entry does not hide the others");
        InvalidPluginLogs.Should().ContainSingle("a null entry is reported once, not every cycle").Which.Message.Should().Contain("null");
    }

    [Test]
    public async Task ReadRegistry_PluginLeftTheRegistry_IsForgotten()
    {
        var stays = new ScriptedPlugin("stays");
        var leaves = new ScriptedPlugin("leaves");
        _registry.Plugins = [stays, leaves];
        await CycleAsync();

        _registry.Plugins = [stays];
        await CycleAsync();

        _table.States.Select(s => s.Id).Should().Equal("stays");
    }

    [Test]
    public async Task GetState_NewPluginTakesTheIdOfOneThatLeft_IsWatchedWithAFreshState()
    {
        var old = new ScriptedPlugin("v6-price-action-1m");
        _registry.Plugins = [old];
        var oldState = (await CycleAsync()).Single();

        var replacement = new ScriptedPlugin("V6-Price-Action-1m");
        _registry.Plugins = [replacement];
        var newState = (await CycleAsync()).Single();

        newState.Should().NotBeNull("the id was freed when the old plugin left");
        newState.Should().NotBeSameAs(oldState);
        newState!.Plugin.Should().BeSameAs(replacement);
        InvalidPluginLogs.Should().BeEmpty();
    }

    [Test]
    public async Task GetState_RejectedPluginLeftAndCameBack_IsCheckedAgain()
    {
        var plugin = new OddPlugin(() => "host");
        _registry.Plugins = [plugin];
        await CycleAsync();

        _registry.Plugins = [];
        await CycleAsync();
        _registry.Plugins = [plugin];
        await CycleAsync();

        InvalidPluginLogs.Should().HaveCount(2, "a plugin that left is forgotten, rejection included");
    }

    [Test]
    public async Task ReadRegistry_RegistryThrows_ReturnsTheLastKnownPluginsAndLogs()
    {
        var a = new ScriptedPlugin("a");
        var b = new ScriptedPlugin("b");
        _registry.Plugins = [a, b];
        await CycleAsync();
        var failure = new InvalidOperationException("registry lock poisoned");
        _registry.Failure = failure;

        var plugins = _table.ReadRegistry();

        plugins.Should().Equal(a, b);
        _table.States.Select(s => s.Id).Should().BeEquivalentTo(["a", "b"], "a failing registry does not make the monitor forget its plugins");
        var log = _logs.Entries.Should().ContainSingle(e => e.EventId.Id == RegistryFailedEvent).Which;
        log.Exception.Should().BeSameAs(failure);
        log.Message.Should().Contain("2 plugin(s)");
    }

    [Test]
    public void ReadRegistry_RegistryThrowsBeforeItEverAnswered_ReturnsNoPlugins()
    {
        _registry.Failure = new InvalidOperationException("not ready");

        var plugins = _table.ReadRegistry();

        plugins.Should().BeEmpty();
        _logs.Entries.Should().ContainSingle(e => e.EventId.Id == RegistryFailedEvent);
    }

    [Test]
    public async Task ReadRegistry_RegistryReturnsNull_ReturnsNoPluginsAndForgetsThem()
    {
        _registry.Plugins = [new ScriptedPlugin("a")];
        await CycleAsync();
        _registry.Plugins = null!;

        var plugins = _table.ReadRegistry();

        plugins.Should().BeEmpty();
        _table.States.Should().BeEmpty();
    }

    // As the collector does it: states of the plugins known, then the ids of the new ones read on workers.
    private async Task<List<PluginState?>> CycleAsync()
    {
        var plugins = _table.ReadRegistry();
        List<PluginState?> states = [.. plugins.Select(_table.GetState)];
        if (_table.HasUnseen)
        {
            await _table.IdentifyUnseenAsync(TimeSpan.FromSeconds(5), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            states = [.. plugins.Select(_table.GetState)];
        }

        return states;
    }

    /// <summary>A plugin whose Id a test chooses (a throwing or invalid one), counting reads.</summary>
    public sealed class OddPlugin(Func<string> id) : IHealthCheckablePlugin
    {
        private int _idReads;

        public int IdReads => Volatile.Read(ref _idReads);

        public string Id
        {
            get
            {
                Interlocked.Increment(ref _idReads);
                return id();
            }
        }

        public ValueTask<bool> IsAliveAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

        public ValueTask<PluginMetrics> GetMetricsAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(new PluginMetrics());

        public ValueTask<SelfTestResult> SelfTestAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(SelfTestResult.Pass());
    }

    /// <summary>A host's own registry, as the library cannot stop it from being: it may hold nulls and duplicates, or throw.</summary>
    private sealed class ListRegistry : IPluginRegistry
    {
        public IReadOnlyList<IHealthCheckablePlugin> Plugins { get; set; } = [];

        public Exception? Failure { get; set; }

        public IReadOnlyList<IHealthCheckablePlugin> GetAllPlugins() => Failure is null ? Plugins : throw Failure;

        public void Register(IHealthCheckablePlugin plugin) => throw new NotSupportedException();

        public bool Unregister(string pluginId) => throw new NotSupportedException();
    }
}
