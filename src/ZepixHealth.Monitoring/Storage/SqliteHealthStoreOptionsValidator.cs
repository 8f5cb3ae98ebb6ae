using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ZepixHealth.Monitoring;

/// <summary>Checks <see cref="SqliteHealthStoreOptions"/> at start-up; every message names the option and the bad value.</summary>
internal sealed class SqliteHealthStoreOptionsValidator : IValidateOptions<SqliteHealthStoreOptions>
{
    private const string Prefix = SqliteHealthStoreDefaults.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, SqliteHealthStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        if (FindConnectionStringProblem(options.ConnectionString) is { } problem)
        {
            errors.Add($"{Prefix}{nameof(options.ConnectionString)} {problem}; was '{options.ConnectionString}'.");
        }

        CheckSpan(errors, nameof(options.SnapshotRetention), options.SnapshotRetention, SqliteHealthStoreDefaults.MaxRetention);
        CheckSpan(errors, nameof(options.AlertRetention), options.AlertRetention, SqliteHealthStoreDefaults.MaxRetention);
        CheckSpan(errors, nameof(options.BusyTimeout), options.BusyTimeout, SqliteHealthStoreDefaults.MaxBusyTimeout);

        if (options.RetentionInterval < SqliteHealthStoreDefaults.MinRetentionInterval || options.RetentionInterval > SqliteHealthStoreDefaults.MaxRetentionInterval)
        {
            errors.Add($"{Prefix}{nameof(options.RetentionInterval)} must be from {SqliteHealthStoreDefaults.MinRetentionInterval:c} to {SqliteHealthStoreDefaults.MaxRetentionInterval:c}; was '{options.RetentionInterval:c}'.");
        }

        if (options.RetentionStartDelay < TimeSpan.Zero || options.RetentionStartDelay > options.RetentionInterval)
        {
            errors.Add($"{Prefix}{nameof(options.RetentionStartDelay)} must be from 00:00:00 to RetentionInterval ({options.RetentionInterval:c}); was '{options.RetentionStartDelay:c}'.");
        }

        if (!Enum.IsDefined(options.JournalMode))
        {
            errors.Add($"{Prefix}{nameof(options.JournalMode)} must be Auto, Keep or Wal; was '{options.JournalMode}'.");
        }

        if (options.QueueCapacity is < 1 or > SqliteHealthStoreDefaults.MaxQueueCapacity)
        {
            errors.Add($"{Prefix}{nameof(options.QueueCapacity)} must be between 1 and {SqliteHealthStoreDefaults.MaxQueueCapacity}; was '{options.QueueCapacity}'.");
        }

        CheckRollups(errors, options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static string? FindConnectionStringProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "must not be empty";
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return $"is not a valid SQLite connection string ({ex.Message})";
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            return "must name a database file with 'Data Source='";
        }

        // A memory database vanishes with its last connection: the history would silently go nowhere.
        if (builder.Mode == SqliteOpenMode.Memory || string.Equals(builder.DataSource, ":memory:", StringComparison.OrdinalIgnoreCase))
        {
            return "must name a database file, not an in-memory database";
        }

        return null;
    }

    private static void CheckRollups(List<string> errors, SqliteHealthStoreOptions options)
    {
        var rollups = options.Rollups;
        if (rollups.Count > SqliteHealthStoreDefaults.MaxRollupLevels)
        {
            errors.Add($"{Prefix}{nameof(options.Rollups)} may hold at most {SqliteHealthStoreDefaults.MaxRollupLevels} levels; had {rollups.Count}.");
            return;
        }

        var previousWidth = TimeSpan.Zero;
        var previousRetention = options.SnapshotRetention;
        for (var i = 0; i < rollups.Count; i++)
        {
            var level = rollups[i];
            var key = $"{Prefix}{nameof(options.Rollups)}:{i}";
            if (level is null)
            {
                errors.Add($"{key} must not be null.");
                continue;
            }

            if (level.Width < SqliteHealthStoreDefaults.MinRollupWidth || level.Width.Ticks % TimeSpan.TicksPerSecond != 0 ||
                (previousWidth > TimeSpan.Zero && level.Width.Ticks % previousWidth.Ticks != 0))
            {
                errors.Add($"{key}:{nameof(level.Width)} must be whole seconds, at least {SqliteHealthStoreDefaults.MinRollupWidth:c} and a multiple of the previous level's width ({previousWidth:c}); was '{level.Width:c}'.");
            }

            if (level.Retention <= previousRetention || level.Retention > SqliteHealthStoreDefaults.MaxRetention)
            {
                errors.Add($"{key}:{nameof(level.Retention)} must be longer than the previous level's retention ({previousRetention:c}) and at most {SqliteHealthStoreDefaults.MaxRetention:c}; was '{level.Retention:c}'.");
            }

            previousWidth = level.Width;
            previousRetention = level.Retention;
        }
    }

    private static void CheckSpan(List<string> errors, string name, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            errors.Add($"{Prefix}{name} must be greater than 00:00:00 and at most {max:c}; was '{value:c}'.");
        }
    }
}
