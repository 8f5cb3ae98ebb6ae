using System.Diagnostics;
using System.Globalization;

namespace ZepixHealth.Monitoring.Alertmanager.Tests.Support;

/// <summary>
/// The real Alertmanager (Debian's <c>prometheus-alertmanager</c>, installed by <c>.ci/run</c>), started
/// on 127.0.0.1 with a webhook receiver, short group timings, and optionally clustered with peers.
/// </summary>
internal sealed class AlertmanagerServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private AlertmanagerServer(Process process, DirectoryInfo folder, int port, int clusterPort)
    {
        _process = process;
        _folder = folder;
        Url = new Uri($"http://127.0.0.1:{port}/");
        ClusterAddress = $"127.0.0.1:{clusterPort}";
    }

    public Uri Url { get; }

    public string ClusterAddress { get; }

    /// <summary>Starts an Alertmanager and waits until it is ready.</summary>
    public static async Task<AlertmanagerServer> StartAsync(Uri webhook, int? port = null, IEnumerable<string>? peers = null)
    {
        var folder = Directory.CreateTempSubdirectory("zepix-alertmanager-");
        var config = Path.Combine(folder.FullName, "alertmanager.yml");
        await File.WriteAllTextAsync(config, Config(webhook));
        var listen = port ?? FreePort.Next();
        var clusterPort = FreePort.Next();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.path={Path.Combine(folder.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{listen}",
                $"--cluster.listen-address=127.0.0.1:{clusterPort}",
                "--cluster.advertise-address=127.0.0.1:" + clusterPort.ToString(CultureInfo.InvariantCulture),
                "--cluster.peer-timeout=2s",
                "--cluster.gossip-interval=100ms",
                "--cluster.pushpull-interval=1s",
            },
        };
        foreach (var peer in peers ?? [])
        {
            start.ArgumentList.Add($"--cluster.peer={peer}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AlertmanagerServer(process, folder, listen, clusterPort);
        await server.WaitUntilReadyAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Delete(recursive: true);
    }

    private static string Config(Uri webhook) => $"""
        route:
          receiver: test-webhook
          group_by: ['alertname', 'plugin']
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: test-webhook
            webhook_configs:
              - url: '{webhook}'
                send_resolved: true
        """;

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Binary} exited with {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Binary} was not ready on {Url} within 30 s.");
    }
}
