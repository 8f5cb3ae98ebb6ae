using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Storage;

/// <summary>Every query in docs/schema.md, run as pasted against a real file the store wrote, with the real clock (sqlite's 'now').</summary>
[TestFixture]
public sealed partial class SchemaDocQueriesTests
{
    private static readonly Lazy<IReadOnlyList<(string Title, string Sql)>> Queries = new(ReadQueries);

    public static IEnumerable<TestCaseData> DocumentedQueries() =>
        Queries.Value.Select(q => new TestCaseData(q.Title, q.Sql).SetName($"Query_AsDocumented_ReturnsRows({q.Title})"));

    [Test]
    public void Doc_HasTenQueries() => Queries.Value.Should().HaveCount(10);

    [TestCaseSource(nameof(DocumentedQueries))]
    public async Task Query_AsDocumented_ReturnsRows(string title, string sql)
    {
        using var database = new TempDatabase();
        await WriteIncidentAsync(database);

        var rows = Run(database, sql);

        rows.Should().NotBeEmpty($"query '{title}' finds the incident written a moment ago");
        rows.Should().OnlyContain(r => r.Length > 0);
    }

    [Test]
    public async Task LatestStatusQuery_AfterAnIncident_ShowsTheDeadPluginFirstInSeedTerms()
    {
        using var database = new TempDatabase();
        await WriteIncidentAsync(database);

        var rows = Run(database, Queries.Value[0].Sql);

        rows.Select(r => ((string)r[0]!, (string)r[1]!)).Should().Equal(("v6-price-action-5m", "DEAD"), ("v3-combined", "HEALTHY"));
        Run(database, Queries.Value[4].Sql).Should().ContainSingle().Which[0].Should().Be("beef", "open alerts show the short id /ack takes");
    }

    /// <summary>An hour of two plugins, one of which went stale and died, and two alerts, written through the store.</summary>
    private static async Task WriteIncidentAsync(TempDatabase database)
    {
        var now = DateTimeOffset.UtcNow;
        await using var fixture = new StoreFixture(database);
        var store = await fixture.StartAsync();
        for (var minutes = 60; minutes >= 0; minutes -= 10)
        {
            var at = now.AddMinutes(-minutes - 1);
            var status = minutes > 20 ? PluginHealthStatus.Healthy : minutes > 0 ? PluginHealthStatus.Stale : PluginHealthStatus.Dead;
            var problem = StoreTestData.Full("v6-price-action-5m", at);
            await store.AppendSnapshotsAsync(
            [
                StoreTestData.Full("v3-combined", at) with { Availability = problem.Availability with { Status = PluginHealthStatus.Healthy, Reason = null } },
                problem with { Availability = problem.Availability with { Status = status } },
            ]);
        }

        var resolved = StoreTestData.Alert("v6-price-action-5m", "latency.p95", now.AddHours(-2)) with { State = AlertState.Resolved, ResolvedAt = now.AddHours(-1) };
        var open = StoreTestData.Alert("v6-price-action-5m", "availability", now.AddMinutes(-1)) with { Level = AlertLevel.Critical, ShortId = "beef" };
        await store.SaveAlertsAsync([resolved, open], []);
        await store.FlushAsync();
    }

    private static List<object?[]> Run(TempDatabase database, string sql)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<(string Title, string Sql)> ReadQueries()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryFiles.Root(), "docs", "schema.md"));
        return QueryBlock().Matches(doc).Select(m => (m.Groups["title"].Value.Trim(), m.Groups["sql"].Value)).ToList();
    }

    [GeneratedRegex(@"^### (?<title>\d+\..*?)\n\n```sql\n(?<sql>.*?)\n```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex QueryBlock();
}
