using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace ZepixHealth.Monitoring.Alertmanager.Tests.Support;

/// <summary>The webhook Alertmanager notifies: an HTTP listener on 127.0.0.1 that keeps every notification it receives.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonElement> _notifications = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Port = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{Port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Url { get; }

    /// <summary>Gets every notification received, as Alertmanager's webhook payload (version 4).</summary>
    public IReadOnlyList<JsonElement> Notifications => [.. _notifications];

    /// <summary>Gets the (status, plugin) of every alert in every notification, in arrival order.</summary>
    public IReadOnlyList<(string Status, string Plugin)> Alerts =>
        [.. Notifications.SelectMany(n => n.GetProperty("alerts").EnumerateArray())
            .Select(a => (a.GetProperty("status").GetString()!, a.GetProperty("labels").GetProperty("plugin").GetString()!))];

    /// <summary>Waits until <paramref name="condition"/> holds, at most <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForAsync(Func<WebhookReceiver, bool> condition, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (!condition(this))
        {
            try
            {
                await Task.Delay(100, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                return condition(this);
            }
        }

        return true;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _ = _loop.ContinueWith(t => t.Exception, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                using var document = JsonDocument.Parse(await reader.ReadToEndAsync());
                _notifications.Enqueue(document.RootElement.Clone());
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
