namespace ZepixHealth.Monitoring.Tests.Dashboard;

/// <summary>The whole expected outputs of <see cref="HealthDashboardTests"/>, one raw string per message.</summary>
internal static class Expected
{
    public static readonly string[] OverviewHtml =
    [
        """
        🏥 <b>Plugin Health Dashboard</b> · data 30 s old
        <b>1 healthy, 1 dead; 1 alert open</b>

        🔴 <b>v6-&lt;b&gt;15m&lt;/b&gt;</b> · Dead
        └ Why: IsAliveAsync returned false. Last error: socket &lt;/code&gt; reset

        🟢 <b>v3-combined</b> · up 2h 05m · P95 37.3 ms · 120.5 MB · CPU 3.2% · err 0.50% · ▂▂▃▃▄▅▅▆▆▇▇█
        🟢 <b>host</b> · up 3d 12h · 512 MB · CPU 12.5%

        ⚠️ <b>Recent alerts (last 5)</b>
        • 3 min ago 🔴 <b>v6-&lt;b&gt;15m&lt;/b&gt;</b>: IsAliveAsync returned false &amp; &lt;script&gt; <code>00000001</code>
        • 2 h ago ✅ <b>v3-combined</b>: P95 40 ms above 30 ms (resolved)
        """,
    ];

    public static readonly string[] OverviewPlain =
    [
        """
        🏥 Plugin Health Dashboard · data 30 s old
        1 healthy, 1 dead; 1 alert open

        🔴 v6-<b>15m</b> · Dead
        └ Why: IsAliveAsync returned false. Last error: socket </code> reset

        🟢 v3-combined · up 2h 05m · P95 37.3 ms · 120.5 MB · CPU 3.2% · err 0.50% · ▂▂▃▃▄▅▅▆▆▇▇█
        🟢 host · up 3d 12h · 512 MB · CPU 12.5%

        ⚠️ Recent alerts (last 5)
        • 3 min ago 🔴 v6-<b>15m</b>: IsAliveAsync returned false & <script> 00000001
        • 2 h ago ✅ v3-combined: P95 40 ms above 30 ms (resolved)
        """,
    ];

    public static readonly string[] DetailHtml =
    [
        """
        🟢 <b>v3-combined</b> · Healthy
        <i>checked 30 s ago</i>

        <b>Availability</b>
        ├ Running: yes
        ├ Responsive: yes
        ├ Last activity: 31 s ago
        └ Uptime: 2h 05m

        <b>Performance (1 h)</b>
        ├ Exec time: avg 12 ms, P50 10 ms, P95 37.3 ms, P99 80 ms
        ├ P95 trend (6 h): ▂▂▃▃▄▅▅▆▆▇▇█
        ├ Signals: 16
        ├ Orders: 3
        ├ Signal accuracy: 45.5%
        └ Win rate: 50%

        <b>Resources</b>
        ├ Memory: 120.5 MB of 800 MB
        ├ CPU: 3.2%
        ├ DB connections: 2 of 10
        ├ DB query avg: 3.1 ms
        └ Open files: 12

        <b>Errors (1 h)</b>
        ├ Errors: 1 (critical 0)
        ├ Warnings: 4
        ├ Error rate: 0.50%
        └ Last error: System.TimeoutException: Timeout &lt;after&gt; 5 s &amp; more (3 min ago)

        <b>Self-test</b>: ✅ passed (2 min ago): exchange reachable

        <b>Open alerts (0)</b>
        none
        """,
    ];

    public static readonly string[] DeadDetailPlain =
    [
        """
        🔴 v6-<b>15m</b> · Dead
        checked 30 s ago
        Why: IsAliveAsync returned false. Last error: socket </code> reset

        Availability
        ├ Running: no
        └ Responsive: yes

        Self-test: not run yet

        Open alerts (1)
        🔴 00000001 v6-<b>15m</b> · availability · Critical, firing 3m 00s
           IsAliveAsync returned false & <script>
        """,
    ];

    public static readonly string[] OpenAlertsHtml =
    [
        """
        🚨 <b>Open alerts (1)</b>
        🔴 <code>00000001</code> <b>v6-&lt;b&gt;15m&lt;/b&gt;</b> · availability · Critical, firing 3m 00s
           IsAliveAsync returned false &amp; &lt;script&gt;

        Acknowledge one with /ack &lt;id&gt;.
        """,
    ];
}
