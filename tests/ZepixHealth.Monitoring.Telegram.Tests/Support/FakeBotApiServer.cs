using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ZepixHealth.Monitoring.Telegram.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks enough of the Bot API for the tests:
/// <c>/bot&lt;token&gt;/sendMessage</c>, <c>getMe</c>, <c>getUpdates</c> (held open until an update is
/// queued), <c>setMyCommands</c> and <c>answerCallbackQuery</c>, each recorded with its body (reply
/// parameters, thread ids, buttons). It parses the JSON bodies (chunked or not); errors are answered with the HTTP status equal
/// to <c>error_code</c>, as Telegram does.
/// </summary>
internal sealed class FakeBotApiServer : IAsyncDisposable
{
    public const string Token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";
    public const string BotUsername = "ZepixHealthBot";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(int Status, string Description, int? RetryAfter)> _sendMessageFailures = new();
    private readonly ConcurrentDictionary<long, (int Status, string Description)> _refusedChats = new();
    private readonly ConcurrentQueue<(int Status, string Description)> _setMyCommandsFailures = new();
    private readonly Channel<JsonObject> _updates = Channel.CreateUnbounded<JsonObject>();
    private readonly Channel<BotApiRequest> _received = Channel.CreateUnbounded<BotApiRequest>();
    private readonly ConcurrentQueue<BotApiRequest> _requests = new();
    private readonly Task _loop;
    private int _messageId;

    private FakeBotApiServer(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public IReadOnlyList<BotApiRequest> Requests => [.. _requests];

    public IReadOnlyList<BotApiRequest> SentMessages => [.. _requests.Where(r => r.Method == "sendMessage")];

    /// <summary>The <c>answerCallbackQuery</c> requests: the answers to button presses.</summary>
    public IReadOnlyList<BotApiRequest> CallbackAnswers => [.. _requests.Where(r => r.Method == "answerCallbackQuery")];

    /// <summary>The <c>setMyCommands</c> requests.</summary>
    public IReadOnlyList<BotApiRequest> CommandRegistrations => [.. _requests.Where(r => r.Method == "setMyCommands")];

    public static FakeBotApiServer Start(int? port = null) => new(port ?? FreePort());

    /// <summary>A port nothing listens on (yet).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>The next sendMessage is answered with this error.</summary>
    public void FailNextSendMessage(int status, string description, int? retryAfter = null) =>
        _sendMessageFailures.Enqueue((status, description, retryAfter));

    /// <summary>The next setMyCommands is answered with this error.</summary>
    public void FailNextSetMyCommands(int status, string description) => _setMyCommandsFailures.Enqueue((status, description));

    /// <summary>Every sendMessage to <paramref name="chatId"/> is answered with this error, as for a chat that blocked the bot.</summary>
    public void RefuseChat(long chatId, int status, string description) => _refusedChats[chatId] = (status, description);

    /// <summary>Queues an update for the next (or the waiting) getUpdates.</summary>
    public void EnqueueUpdate(JsonObject update) => _updates.Writer.TryWrite(update);

    /// <summary>Waits for the next request of <paramref name="method"/> (a real HTTP round trip, never a timer).</summary>
    public async Task<BotApiRequest> NextRequestAsync(string method)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var request = await _received.Reader.ReadAsync(guard.Token);
            if (request.Method == method)
            {
                return request;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var path = context.Request.Url!.AbsolutePath;
            var prefix = $"/bot{Token}/";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                await RespondAsync(context, 401, Error(401, "Unauthorized", null));
                return;
            }

            var method = path[prefix.Length..];
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var json = string.IsNullOrWhiteSpace(body) ? [] : JsonNode.Parse(body)!.AsObject();
            var request = new BotApiRequest(method, json);
            _requests.Enqueue(request);
            _received.Writer.TryWrite(request);

            switch (method)
            {
                case "getMe":
                    await RespondAsync(context, 200, Ok(new JsonObject { ["id"] = 123456789, ["is_bot"] = true, ["first_name"] = "Zepix", ["username"] = BotUsername }));
                    break;
                case "sendMessage" when (long?)json["chat_id"] is { } chat && _refusedChats.TryGetValue(chat, out var refusal):
                    await RespondAsync(context, refusal.Status, Error(refusal.Status, refusal.Description, null));
                    break;
                case "sendMessage" when _sendMessageFailures.TryDequeue(out var failure):
                    await RespondAsync(context, failure.Status, Error(failure.Status, failure.Description, failure.RetryAfter));
                    break;
                case "sendMessage":
                    await RespondAsync(context, 200, Ok(new JsonObject
                    {
                        ["message_id"] = Interlocked.Increment(ref _messageId),
                        ["date"] = 1_700_000_000,
                        ["chat"] = new JsonObject { ["id"] = json["chat_id"]?.DeepClone(), ["type"] = "private" },
                        ["text"] = json["text"]?.DeepClone(),
                    }));
                    break;
                case "setMyCommands" when _setMyCommandsFailures.TryDequeue(out var failure):
                    await RespondAsync(context, failure.Status, Error(failure.Status, failure.Description, null));
                    break;
                case "setMyCommands" or "answerCallbackQuery":
                    await RespondAsync(context, 200, Ok(JsonValue.Create(true)));
                    break;
                case "getUpdates":
                    var first = await _updates.Reader.ReadAsync(_stop.Token);
                    var updates = new JsonArray(first);
                    while (_updates.Reader.TryRead(out var more))
                    {
                        updates.Add(more);
                    }

                    await RespondAsync(context, 200, Ok(updates));
                    break;
                default:
                    await RespondAsync(context, 404, Error(404, "Not Found: method not found", null));
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
        {
            // Shutting down, or the client went away (a cancelled long poll).
        }
    }

    private static JsonObject Ok(JsonNode result) => new() { ["ok"] = true, ["result"] = result };

    private static JsonObject Error(int code, string description, int? retryAfter)
    {
        var error = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            error["parameters"] = new JsonObject { ["retry_after"] = seconds };
        }

        return error;
    }

    private static async Task RespondAsync(HttpListenerContext context, int status, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }
}
