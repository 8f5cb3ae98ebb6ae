using System.Globalization;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Spectre.Console.Rendering;
using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Sample;

/// <summary>
/// Draws the plugins' table in place with Spectre.Console's live display, the latest log lines below
/// it, when stdout is a terminal. Every text goes in as <see cref="Text"/>, never as markup, so plugin
/// text cannot style or break the display.
/// </summary>
internal sealed class LiveConsoleTable(LiveLogBuffer logs, TimeProvider time) : BackgroundService, IPluginHealthObserver
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private IReadOnlyList<PluginHealthSnapshot> _latest = [];
    private int _cycle;

    public ValueTask OnCycleCompletedAsync(IReadOnlyList<PluginHealthSnapshot> snapshots, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _latest, snapshots);
        Interlocked.Increment(ref _cycle);
        Signal();
        return ValueTask.CompletedTask;
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logs.Changed += Signal;
        try
        {
            await AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async context =>
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    try
                    {
                        await _changed.WaitAsync(stoppingToken);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    context.UpdateTarget(Render());
                }
            });
        }
        finally
        {
            logs.Changed -= Signal;
        }
    }

    // One wake-up stands for any number of changes: the display draws the latest state.
    private void Signal()
    {
        try
        {
            if (_changed.CurrentCount == 0)
            {
                _changed.Release();
            }
        }
        catch (SemaphoreFullException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private IRenderable Render()
    {
        var now = time.GetUtcNow();
        var table = new Table().Border(TableBorder.Rounded)
            .Title(new TableTitle(string.Create(CultureInfo.InvariantCulture, $"Plugin health · cycle {Volatile.Read(ref _cycle)} · {now:HH:mm:ss} UTC")));
        foreach (var column in new[] { "Status", "Plugin", "Uptime", "P95 ms", "Errors %", "Memory MB", "CPU %", "Last activity", "Why" })
        {
            table.AddColumn(new TableColumn(column));
        }

        foreach (var s in Volatile.Read(ref _latest))
        {
            var a = s.Availability;
            table.AddRow(
                new Text($"{Emoji(a.Status)} {a.Status}", new Style(Colour(a.Status))),
                new Text(Visible(s.PluginId)),
                new Text(a.Uptime is { } up ? $"{(int)up.TotalMinutes}m {up.Seconds:00}s" : "–"),
                new Text(Number(s.Performance.P95ExecutionTimeMs)),
                new Text(Number(s.Errors.ErrorRatePct)),
                new Text(Number(s.Resources.MemoryUsageMb)),
                new Text(Number(s.Resources.CpuUsagePct)),
                new Text(a.LastHeartbeat is { } hb ? $"{Math.Max(0, (now - hb).TotalSeconds):0} s ago" : "–"),
                new Text(Visible(a.Reason)));
        }

        var lines = logs.Lines;
        var log = new Panel(new Text(lines.Count == 0 ? "(no log lines yet)" : string.Join('\n', lines.Select(Visible)))).Header("Log").Expand();
        return new Rows(table, log);
    }

    /// <summary>Plugin text with its control characters shown (<c>\u001b</c>), so it cannot move the cursor or clear the screen.</summary>
    private static string Visible(string? text) =>
        string.Concat((text ?? string.Empty).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private static string Number(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "–";

    private static string Emoji(PluginHealthStatus status) => status switch
    {
        PluginHealthStatus.Healthy => "🟢",
        PluginHealthStatus.Stale => "🟡",
        PluginHealthStatus.Hung => "🟠",
        _ => "🔴",
    };

    private static Color Colour(PluginHealthStatus status) => status switch
    {
        PluginHealthStatus.Healthy => Color.Green,
        PluginHealthStatus.Stale => Color.Yellow,
        PluginHealthStatus.Hung => Color.Orange1,
        _ => Color.Red,
    };
}
