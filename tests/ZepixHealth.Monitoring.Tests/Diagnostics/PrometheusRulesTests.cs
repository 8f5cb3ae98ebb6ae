using System.Text.Json;
using System.Text.RegularExpressions;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

/// <summary>
/// The Prometheus rules and the Grafana dashboard shipped in docs/: checked and unit-tested with
/// Prometheus's own <c>promtool</c>, and every metric they name found in what the exporter really serves.
/// </summary>
public partial class PrometheusRulesTests
{
    private const string Promtool = "/usr/bin/promtool";

    [Test]
    public async Task Rules_CheckedAndUnitTestedWithPromtool_Pass()
    {
        var folder = Path.Combine(RepositoryFiles.Root(), "docs", "prometheus");

        var check = await ToolProcess.RunAsync(Promtool, folder, "check", "rules", "zepix-rules.yml");
        var test = await ToolProcess.RunAsync(Promtool, folder, "test", "rules", "zepix-rules.test.yml");

        check.ExitCode.Should().Be(0, check.Output);
        test.ExitCode.Should().Be(0, test.Output);
        test.Output.Should().Contain("SUCCESS");
    }

    [Test]
    public async Task RulesAndDashboard_EveryMetricTheyName_IsServedByTheExporter()
    {
        using var host = new ExportedHost("names-check");
        await host.Monitor.CollectOnceAsync();
        host.Telemetry.RecordExecution(TimeSpan.FromMilliseconds(3));
        var served = await host.ScrapeNamesAsync();
        var root = RepositoryFiles.Root();

        var named = MetricNames(await File.ReadAllTextAsync(Path.Combine(root, "docs", "prometheus", "zepix-rules.yml")))
            .Concat(DashboardQueries(Path.Combine(root, "docs", "grafana", "zepix-plugins.json")).SelectMany(MetricNames))
            .Distinct()
            .ToList();

        named.Should().HaveCountGreaterThan(6);
        named.Should().OnlyContain(name => served.Contains(name), $"the exporter serves {string.Join(", ", served.Order())}");
    }

    private static IEnumerable<string> MetricNames(string text) =>
        MetricName().Matches(text).Select(m => m.Value)
            .Select(name => name.EndsWith("_bucket", StringComparison.Ordinal) ? name[..^"_bucket".Length] : name);

    /// <summary>Every query of the dashboard: panel targets and template variables.</summary>
    private static IEnumerable<string> DashboardQueries(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var targets = root.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!);
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => v.GetProperty("query").GetString()!);
        return [.. targets, .. variables];
    }

    [GeneratedRegex(@"\bzepix_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
