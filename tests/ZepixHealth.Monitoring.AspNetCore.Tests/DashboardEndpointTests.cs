using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ZepixHealth.Monitoring.AspNetCore.Tests;

[TestFixture]
public sealed partial class DashboardEndpointTests
{
    private DashboardFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _factory = new DashboardFactory(testOperators: true);
        _client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    [TearDown]
    public async Task TearDown()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Test]
    public async Task Overview_DeadPlugin_ListedFirstWithIconAndWordUnderAStrictCsp()
    {
        _factory.Failing.Alive = false;
        await _factory.CycleAsync();

        using var response = await _client.GetAsync("/health");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.NotContain("unsafe-inline");
        html.IndexOf("data-id=\"v6-price-action-5m\"", StringComparison.Ordinal).Should()
            .BeLessThan(html.IndexOf("data-id=\"v3-combined\"", StringComparison.Ordinal), "problem plugins come first");
        html.Should().Contain("class=\"badge status-dead\"><span class=\"icon\" aria-hidden=\"true\">\u2715</span> <span class=\"word\">Dead</span>");
        html.Should().NotContain("<script>", "the page has no inline script").And.NotContain("http://", "everything is served by the app");
    }

    [Test]
    public async Task ApiPlugins_DeadPlugin_CountsAndRowsInJson()
    {
        _factory.Failing.Alive = false;
        await _factory.CycleAsync();

        using var json = JsonDocument.Parse(await _client.GetStringAsync("/health/api/plugins"));

        json.RootElement.GetProperty("counts").GetProperty("Dead").GetInt32().Should().Be(1);
        json.RootElement.GetProperty("counts").GetProperty("Healthy").GetInt32().Should().Be(1, json.RootElement.ToString());
        json.RootElement.GetProperty("plugins")[0].GetProperty("id").GetString().Should().Be("v6-price-action-5m");
        json.RootElement.GetProperty("plugins")[0].GetProperty("status").GetString().Should().Be("Dead");
        json.RootElement.GetProperty("monitorStalled").GetBoolean().Should().BeFalse();
    }

    [Test]
    public async Task Overview_LatestCycleTwoIntervalsOld_ShowsTheAgeWithoutTheBanner()
    {
        await _factory.CycleAsync();
        _factory.Time.Advance(DashboardFactory.Cycle); // 60 s since the cycle completed: two intervals, not more

        using var json = JsonDocument.Parse(await _client.GetStringAsync("/health/api/plugins"));
        var html = await _client.GetStringAsync("/health");

        json.RootElement.GetProperty("dataAgeSeconds").GetDouble().Should().Be(60);
        json.RootElement.GetProperty("monitorStalled").GetBoolean().Should().BeFalse();
        html.Should().Contain("<span id=\"data-age-chip\" class=\"chip age\">Data <b id=\"data-age\">1 min</b> old</span></section>")
            .And.Contain("<div id=\"stalled\" class=\"banner\" role=\"alert\" hidden>");
    }

    [Test]
    public async Task Overview_NoCycleForMoreThanTwoIntervals_RedBannerAndStalledAge()
    {
        await _factory.CycleAsync();
        _factory.Time.Advance(DashboardFactory.Cycle + TimeSpan.FromSeconds(1));

        using var json = JsonDocument.Parse(await _client.GetStringAsync("/health/api/plugins"));
        var html = await _client.GetStringAsync("/health");

        json.RootElement.GetProperty("monitorStalled").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("dataAgeSeconds").GetDouble().Should().Be(61);
        html.Should().Contain("<div id=\"stalled\" class=\"banner\" role=\"alert\">The monitor has stalled: its newest data is <span id=\"stalled-age\">1 min</span> old.</div>")
            .And.Contain("<span id=\"data-age-chip\" class=\"chip age stalled\">Data <b id=\"data-age\">1 min</b> old</span>");
    }

    [Test]
    public async Task PluginPage_ErrorText_IsEncodedAndChartsHavePoints()
    {
        await _factory.CycleAsync();
        await _factory.CycleAsync();

        var html = await _client.GetStringAsync("/health/plugins/v6-price-action-5m?range=1h");

        html.Should().NotContain("<script>alert(1)").And.NotContain("<b>rejected");
        html.Should().Contain("order &lt;b&gt;rejected&lt;/b&gt; &amp; &lt;script&gt;");
        html.Should().Contain("<figure class=\"chart\" data-metric=\"p95Ms\">").And.Contain("<circle class=\"point\"");
    }

    [Test]
    public async Task ApiHistory_AfterCycles_PointsWithMinAvgMax_AndAnUnknownRangeIsRejected()
    {
        for (var i = 0; i < 4; i++)
        {
            await _factory.CycleAsync();
        }

        using var json = JsonDocument.Parse(await _client.GetStringAsync("/health/api/plugins/v3-combined/history?range=1h"));
        using var bad = await _client.GetAsync("/health/api/plugins/v3-combined/history?range=2y");

        var points = json.RootElement.GetProperty("points");
        points.GetArrayLength().Should().Be(4);
        points[0].GetProperty("metrics").GetProperty("p95Ms").GetProperty("avg").GetDouble().Should().BeGreaterThan(0);
        json.RootElement.GetProperty("range").GetString().Should().Be("1h");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task UnknownPlugin_NotFound()
    {
        await _factory.CycleAsync();

        using var response = await _client.GetAsync("/health/plugins/no-such-plugin");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Acknowledge_WithTokenAndOperator_RedirectsAndAlertIsAcknowledged()
    {
        _factory.Failing.Alive = false;
        var alert = await _factory.UntilOpenAlertAsync();

        using var response = await PostAsync($"/health/alerts/{alert.Id}/acknowledge", "alice", withToken: true);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/health");
        (await _factory.Store.GetAlertAsync(alert.Id))!.AcknowledgedBy.Should().Be("alice");
    }

    [Test]
    public async Task Acknowledge_WithoutAntiforgeryToken_BadRequestAndNothingChanges()
    {
        _factory.Failing.Alive = false;
        var alert = await _factory.UntilOpenAlertAsync();

        using var response = await PostAsync($"/health/alerts/{alert.Id}/acknowledge", "alice", withToken: false);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _factory.Store.GetAlertAsync(alert.Id))!.AcknowledgedBy.Should().BeNull();
    }

    [Test]
    public async Task Acknowledge_WithoutAnOperator_RejectedByTheActionPolicy()
    {
        _factory.Failing.Alive = false;
        var alert = await _factory.UntilOpenAlertAsync();

        using var response = await PostAsync($"/health/alerts/{alert.Id}/acknowledge", operatorName: null, withToken: true);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _factory.Store.GetAlertAsync(alert.Id))!.AcknowledgedBy.Should().BeNull();
    }

    [Test]
    public async Task Silence_FourHours_SilencesThePluginsRuleUntilThen()
    {
        _factory.Failing.Alive = false;
        var alert = await _factory.UntilOpenAlertAsync();

        using var response = await PostAsync($"/health/alerts/{alert.Id}/silence", "bob", withToken: true, ("duration", "4h"), ("plugin", alert.PluginId));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/health/plugins/v6-price-action-5m");
        var silence = _factory.Services.GetRequiredService<IHealthAlertManager>().GetActiveSilences().Should().ContainSingle().Subject;
        silence.PluginId.Should().Be(alert.PluginId);
        silence.RuleId.Should().Be(alert.RuleId);
        silence.CreatedBy.Should().Be("bob");
        silence.Until.Should().Be(_factory.Time.GetUtcNow().AddHours(4));
    }

    [Test]
    public async Task Silence_UntilResolved_HoldsBackTheAlertUntilItResolvesThenEnds()
    {
        _factory.Failing.Alive = false;
        await _factory.UntilOpenAlertAsync();
        var alert = (await _factory.Store.GetOpenAlertsAsync()).Single(a => a.PluginId == _factory.Failing.Id && a.RuleId == "availability");
        var manager = _factory.Services.GetRequiredService<IHealthAlertManager>();

        using var response = await PostAsync($"/health/alerts/{alert.Id}/silence", "bob", withToken: true, ("duration", "resolved"));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var silence = manager.GetActiveSilences().Should().ContainSingle().Subject;
        (silence.PluginId, silence.RuleId, silence.CreatedBy).Should().Be((alert.PluginId, alert.RuleId, "bob"));
        silence.Reason.Should().Be($"Until alert {alert.Id} resolves (dashboard)");

        await _factory.CycleAsync();
        manager.GetActiveSilences().Should().ContainSingle("the alert still fires");
        _factory.Failing.Alive = true;
        for (var i = 0; i < 10 && (await _factory.Store.GetAlertAsync(alert.Id))!.State == AlertState.Firing; i++)
        {
            await _factory.CycleAsync();
        }

        var resolved = (await _factory.Store.GetAlertAsync(alert.Id))!;
        resolved.State.Should().Be(AlertState.Resolved);
        resolved.SilencedBy.Should().Be($"bob: Until alert {alert.Id} resolves (dashboard)", "its resolution was held back too");
        manager.GetActiveSilences().Should().BeEmpty("the silence ends with its alert, so the next one is sent");
    }

    [Test]
    public async Task Silence_UntilResolvedOfAResolvedAlert_NotFound()
    {
        _factory.Failing.Alive = false;
        await _factory.UntilOpenAlertAsync();
        var alert = (await _factory.Store.GetOpenAlertsAsync()).Single(a => a.PluginId == _factory.Failing.Id && a.RuleId == "availability");
        _factory.Failing.Alive = true;
        for (var i = 0; i < 10 && (await _factory.Store.GetAlertAsync(alert.Id))!.State == AlertState.Firing; i++)
        {
            await _factory.CycleAsync();
        }

        using var response = await PostAsync($"/health/alerts/{alert.Id}/silence", "bob", withToken: true, ("duration", "resolved"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        _factory.Services.GetRequiredService<IHealthAlertManager>().GetActiveSilences().Should().BeEmpty();
    }

    [Test]
    public async Task Overview_OpenAlert_HasTheThreeSilencesAndLiveAlertLists()
    {
        _factory.Failing.Alive = false;
        var alert = await _factory.UntilOpenAlertAsync();

        var html = await _client.GetStringAsync("/health");

        html.Should().Contain($"<form method=\"post\" action=\"/health/alerts/{alert.Id}/silence\">")
            .And.Contain("<button type=\"submit\" name=\"duration\" value=\"resolved\">Silence until resolved</button></form>")
            .And.Contain("<div id=\"open-alert-list\" class=\"alert-list\" data-actions=\"true\" data-limit=\"50\"><table")
            .And.Contain("<div id=\"alert-history\" class=\"alert-list\" data-actions=\"false\" data-limit=\"50\"><table");
        TokenField().Match(html).Groups[1].Value.Should().NotBeEmpty();
        html.Should().Contain($"data-token-field=\"{TokenField().Match(html).Groups[1].Value}\" data-token=\"", "the live tables redraw their forms with the page's token");
    }

    [Test]
    public async Task Assets_AreServedFromTheAssembly()
    {
        using var css = await _client.GetAsync("/health/assets/dashboard.css");
        using var js = await _client.GetAsync("/health/assets/dashboard.js");
        using var missing = await _client.GetAsync("/health/assets/evil.js");

        css.Content.Headers.ContentType!.MediaType.Should().Be("text/css");
        (await js.Content.ReadAsStringAsync()).Should().Contain("textContent");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string? operatorName, bool withToken, params (string Key, string Value)[] fields)
    {
        // The token belongs to the user who fetched the page: fetch it as the same operator.
        using var get = new HttpRequestMessage(HttpMethod.Get, "/health");
        if (operatorName is not null)
        {
            get.Headers.Add(TestOperatorAuthHandler.Header, operatorName);
        }

        using var pageResponse = await _client.SendAsync(get);
        var page = await pageResponse.Content.ReadAsStringAsync();
        var token = TokenField().Match(page);
        token.Success.Should().BeTrue("the page carries an antiforgery token");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
        if (withToken)
        {
            form.Add(new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (operatorName is not null)
        {
            request.Headers.Add(TestOperatorAuthHandler.Header, operatorName);
        }

        return await _client.SendAsync(request);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenField();
}
