using System.Diagnostics;

namespace ZepixHealth.Monitoring.Tests.Diagnostics;

/// <summary>Runs a command-line tool to its end and keeps what it printed.</summary>
internal static class ToolProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
