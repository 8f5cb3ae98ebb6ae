using Microsoft.Data.Sqlite;

namespace ZepixHealth.Monitoring.Tests.Storage;

public class SqliteConnectionSettingsTests
{
    [Test]
    public void From_BusyTimeoutUnderOneSecond_RoundsTheDriverTimeoutUpAndKeepsMillisecondsInThePragma()
    {
        var options = new SqliteHealthStoreOptions { ConnectionString = "Data Source=/data/bot.db", BusyTimeout = TimeSpan.FromMilliseconds(1500) };

        var settings = SqliteConnectionSettings.From(options);

        new SqliteConnectionStringBuilder(settings.ConnectionString).DefaultTimeout.Should().Be(2);
        settings.DataSource.Should().Be("/data/bot.db");
        settings.Pragmas.Should().Be("PRAGMA busy_timeout = 1500;");
    }
}
