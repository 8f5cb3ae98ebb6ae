using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace ZepixHealth.Monitoring.AspNetCore.Tests;

/// <summary>
/// The dashboard in Debian's headless Chromium (/usr/bin/chromium through /usr/bin/chromedriver),
/// served by Kestrel on 127.0.0.1. The page polls in real time; waits are bounded polls, never sleeps.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class BrowserDashboardTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);
    private DashboardFactory _factory = null!;
    private ChromeDriver _driver = null!;
    private Uri _app = null!;
    private string _profile = null!;

    [OneTimeSetUp]
    public void StartBrowser()
    {
        _factory = new DashboardFactory(testOperators: false);
        _app = _factory.StartKestrel();
        _profile = Directory.CreateTempSubdirectory("zepix-chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1400,1000", $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        _driver.Quit();
        _driver.Dispose();
        await _factory.DisposeAsync();
        Directory.Delete(_profile, recursive: true);
    }

    [SetUp]
    public void Revive() => _factory.Failing.Alive = true;

    [Test]
    public async Task Overview_DeadPlugin_ShowsDeadFirst()
    {
        _factory.Failing.Alive = false;
        await _factory.CycleAsync();

        Open("/health");

        // The table is redrawn by every poll: read the row in one probe.
        var firstRow = Until(() =>
        {
            var row = _driver.FindElement(By.CssSelector("#plugins tbody tr"));
            return Tuple.Create(row.GetAttribute("data-id"), row.FindElement(By.CssSelector(".badge .word")).Text);
        });
        firstRow.Should().Be(Tuple.Create<string?, string>("v6-price-action-5m", "Dead"));
        Screenshot("dashboard-overview.png");
    }

    [Test]
    public async Task ClickingAPlugin_OpensItsPageWithChartPoints()
    {
        await _factory.CycleAsync();
        await _factory.CycleAsync();
        Open("/health");

        Until(() =>
        {
            _driver.FindElement(By.CssSelector("a.plugin[href$='/plugins/v3-combined']")).Click();
            return true;
        });

        Until(() => _driver.Url.EndsWith("/health/plugins/v3-combined", StringComparison.Ordinal) ? true : (bool?)null);
        _driver.FindElement(By.TagName("h1")).Text.Should().Be("v3-combined");
        _driver.FindElements(By.CssSelector("figure[data-metric='p95Ms'] circle.point")).Should().HaveCountGreaterThanOrEqualTo(2);
        Screenshot("dashboard-plugin.png");
    }

    [Test]
    public async Task Acknowledge_MarksTheAlertAcknowledged()
    {
        _factory.Failing.Alive = false;
        var alert = await _factory.UntilOpenAlertAsync();
        Open("/health");

        // The alert tables are redrawn when the alerts change: find and click in one probe.
        Until(() =>
        {
            _driver.FindElement(By.CssSelector($"#open-alert-list tr[data-alert='{alert.Id}'] button.ack-button")).Click();
            return true;
        });

        var state = Until(() => _driver.FindElement(By.CssSelector($"tr[data-alert='{alert.Id}'] .ack")));
        state.Text.Should().Be("Acknowledged by dashboard");
        (await _factory.Store.GetAlertAsync(alert.Id))!.AcknowledgedBy.Should().Be("dashboard");
    }

    [Test]
    public async Task AlertTables_AcknowledgedElsewhereAndResolved_UpdateWithoutAReload()
    {
        var alert = await FreshAvailabilityAlertAsync();
        Open("/health");
        Until(() => _driver.FindElement(By.CssSelector($"#open-alert-list tr[data-alert='{alert.Id}']")));
        _driver.ExecuteScript("window.zepixNotReloaded = true;");

        // Acknowledged in Telegram, say: both tables say so at the next poll.
        await _factory.Services.GetRequiredService<IHealthAlertManager>().AcknowledgeAsync(alert.Id, "carol");
        Until(() => Text($"#open-alert-list tr[data-alert='{alert.Id}'] .ack") == "Acknowledged by carol" ? true : (bool?)null);
        Until(() => Text($"#alert-history tr[data-alert='{alert.Id}'] .ack") == "Acknowledged by carol" ? true : (bool?)null);

        // The plugin recovers: the alert leaves the open alerts and shows as resolved in the history.
        _factory.Failing.Alive = true;
        for (var i = 0; i < 10 && (await _factory.Store.GetAlertAsync(alert.Id))!.State == AlertState.Firing; i++)
        {
            await _factory.CycleAsync();
        }

        Until(() => _driver.FindElements(By.CssSelector($"#open-alert-list tr[data-alert='{alert.Id}']")).Count == 0 ? true : (bool?)null);
        Until(() => Text($"#alert-history tr[data-alert='{alert.Id}'] .state")?.StartsWith("Resolved ", StringComparison.Ordinal) == true ? true : (bool?)null);
        _driver.ExecuteScript("return window.zepixNotReloaded === true;").Should().Be(true, "the tables updated themselves, the page was not reloaded");
    }

    [Test]
    public async Task SilenceUntilResolved_SilencesTheAlertsPluginAndRule()
    {
        _factory.Failing.Alive = false;
        var alert = await _factory.UntilOpenAlertAsync();
        Open("/health");

        Until(() =>
        {
            _driver.FindElement(By.CssSelector($"#open-alert-list tr[data-alert='{alert.Id}'] button[value='resolved']")).Click();
            return true;
        });

        var manager = _factory.Services.GetRequiredService<IHealthAlertManager>();
        var silence = Until(() => manager.GetActiveSilences().FirstOrDefault(s => s.Reason == $"Until alert {alert.Id} resolves (dashboard)"));
        (silence.PluginId, silence.RuleId).Should().Be((alert.PluginId, alert.RuleId));
        Until(() => _driver.Url.TrimEnd('/').EndsWith("/health", StringComparison.Ordinal) ? true : (bool?)null);
        await manager.EndSilenceAsync(silence.Id);
    }

    [Test]
    public async Task PluginThatDiesWhileThePageIsOpen_ShowsDeadWithoutAReload()
    {
        await _factory.CycleAsync();
        Open("/health");
        Until(() => Word("v6-price-action-5m") == "Healthy" ? true : (bool?)null);
        _driver.ExecuteScript("window.zepixNotReloaded = true;");

        _factory.Failing.Alive = false;
        await _factory.CycleAsync();

        Until(() => Word("v6-price-action-5m") == "Dead" ? true : (bool?)null);
        _driver.ExecuteScript("return window.zepixNotReloaded === true;").Should().Be(true, "the page updated itself, it was not reloaded");
        _driver.FindElement(By.CssSelector("[data-count='Dead']")).Text.Should().Be("1");
    }

    [Test]
    public async Task SortingByPlugin_OrdersTheRowsAndSaysSo()
    {
        _factory.Failing.Alive = false;
        await _factory.CycleAsync();
        Open("/health");
        Until(() => _driver.FindElement(By.CssSelector("body[data-updated]")));

        _driver.FindElement(By.CssSelector("#plugins th button[data-sort='id']")).Click();

        Until(() => _driver.FindElement(By.CssSelector("#plugins tbody tr")).GetAttribute("data-id") == "v3-combined" ? true : (bool?)null);
        _driver.FindElement(By.CssSelector("#plugins th button[data-sort='id']")).GetAttribute("aria-sort").Should().Be("ascending");
        _driver.FindElement(By.CssSelector("#plugins th button[data-sort='rank']")).GetAttribute("aria-sort").Should().Be("none");
    }

    [Test]
    public async Task ThePage_RequestsNothingFromAnyOtherHost()
    {
        await _factory.CycleAsync();
        Open("/health");
        Until(() => _driver.FindElement(By.CssSelector("body[data-updated]")));
        Open("/health/plugins/v3-combined?range=7d");
        Until(() => _driver.FindElement(By.CssSelector("body[data-updated]")));

        var urls = ((IEnumerable<object>)_driver.ExecuteScript(
            "return performance.getEntries().map(function (e) { return e.name; });")!).Cast<string>().ToList();

        urls.Should().Contain(u => u.EndsWith("/health/assets/dashboard.js", StringComparison.Ordinal))
            .And.Contain(u => u.EndsWith("/health/api/plugins", StringComparison.Ordinal));
        urls.Where(u => u.StartsWith("http", StringComparison.Ordinal)).Should()
            .OnlyContain(u => new Uri(u).Authority == _app.Authority, "every request goes to the app itself");
    }

    private void Open(string path) => _driver.Navigate().GoToUrl(new Uri(_app, path));

    private string? Word(string pluginId) =>
        _driver.FindElements(By.CssSelector($"#plugins tr[data-id='{pluginId}'] .badge .word")).FirstOrDefault()?.Text;

    /// <summary>A new availability alert of the failing plugin (one left open by an earlier test resolves first).</summary>
    private async Task<HealthAlert> FreshAvailabilityAlertAsync()
    {
        async Task<HealthAlert?> OpenAsync() =>
            (await _factory.Store.GetOpenAlertsAsync()).FirstOrDefault(a => a.PluginId == _factory.Failing.Id && a.RuleId == "availability");

        _factory.Failing.Alive = true;
        for (var i = 0; i < 10 && await OpenAsync() is not null; i++)
        {
            await _factory.CycleAsync();
        }

        _factory.Failing.Alive = false;
        for (var i = 0; i < 10; i++)
        {
            await _factory.CycleAsync();
            if (await OpenAsync() is { } alert)
            {
                return alert;
            }
        }

        throw new InvalidOperationException("No availability alert for the failing plugin after ten cycles.");
    }

    private string? Text(string css) => _driver.FindElements(By.CssSelector(css)).FirstOrDefault()?.Text;

    private void Screenshot(string name) =>
        _driver.GetScreenshot().SaveAsFile(Path.Combine(TestContext.CurrentContext.WorkDirectory, name));

    /// <summary>Polls until <paramref name="probe"/> gives a value (a missing or replaced element counts as not yet), within <see cref="Bound"/>.</summary>
    private static T Until<T>(Func<T?> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            try
            {
                if (probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException)
            {
                // Not there yet, or redrawn by the page's poll: look again.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The page did not get there within {Bound.TotalSeconds} s: {TestContext.CurrentContext.Test.Name}.");
            }

            // Yield to the browser between probes; each probe is itself a round trip to chromedriver.
            Thread.Yield();
        }
    }

    private static bool? Until(Func<bool?> probe) => Until<object>(() => probe()) is bool b ? b : null;
}
