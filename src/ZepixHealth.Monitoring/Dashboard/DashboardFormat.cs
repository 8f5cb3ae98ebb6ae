namespace ZepixHealth.Monitoring;

/// <summary>The output of <see cref="IHealthDashboard"/>: the same content, for Telegram or for a console and logs.</summary>
public enum DashboardFormat
{
    /// <summary>Plain text for a console or a log: the same lines as Telegram, without markup and without control characters in dynamic text.</summary>
    PlainText = 0,

    /// <summary>Telegram HTML (parse mode <c>HTML</c>): every dynamic text escaped, tags never split across messages.</summary>
    TelegramHtml = 1,
}
